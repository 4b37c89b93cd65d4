# sed: substitution flags (g, N, Ng, p, I), & and back-references, case conversion, delimiters, -n, -e, -E
printf 'hello world\nfoo bar foo\nHello again\n' > t.txt
sed 's/o/0/' t.txt
sed 's/o/0/g' t.txt
sed 's/o/0/2' t.txt
sed 's/o/0/2g' t.txt
sed -n 's/foo/FOO/p' t.txt
sed 's/hello/bye/I' t.txt
sed 's/[a-z]*/(&)/' t.txt
sed 's/\(foo\) \(bar\)/\2 \1/' t.txt
sed -E 's/(foo) (bar)/\2 \1/' t.txt
sed -E 's/(o+)/[\1]/g' t.txt
sed 's/\w\+/\u&/g' t.txt
sed 's/.*/\U&/' t.txt
sed -E 's/(\w+) (\w+)/\U\1\E \2/' t.txt
sed 's/world/\L&X/' t.txt
sed 's|/usr/bin|/bin|' <<< 'PATH=/usr/bin:/usr/local/bin'
sed 's#a#b#g' <<< 'banana'
sed -e 's/a/A/' -e 's/b/B/' <<< 'abab'
sed 's/a/A/;s/b/B/g' <<< 'abab'
sed -n '/foo/p' t.txt
sed 's/x*/-/g' <<< 'abc'
sed 's/a*/x/g' <<< 'baaac'
sed 's/$/;/' t.txt
sed 's/^/> /' t.txt
sed 's/o/\n/g' <<< 'foo'
sed 's/ /\t/' <<< 'a b' | cat -A
sed 's/a\|b/X/g' <<< 'abc'
sed -E 's/a|b/X/g' <<< 'abc'
sed 's/a\{2\}/X/' <<< 'aaaa'
sed -E 's/[0-9]{2,}/N/g' <<< '1 22 333'
sed 's/\./,/g' <<< '1.2.3'
sed 's/[.]/!/2' <<< '1.2.3'
sed 's/&/and/' <<< 'a & b'
sed 's/b/[\&]/' <<< 'abc'
sed 's/\//|/g' <<< 'a/b/c'
echo "key = value" | sed 's/^\([^=]*\) *= *\(.*\)$/\2=\1/'
printf 'x\n' | sed 's/x/a\
b/'
sed --expression='s/l/L/' t.txt | head -1
sed -n -e '2p' t.txt
sed -r 's/(a)(b)?/<\1\2>/g' <<< 'ab a'
