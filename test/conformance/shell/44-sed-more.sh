# sed: empty regex reuse, M flag, w /dev/stdout, special replacement cases, -z, -s with F, long scripts with -f
printf 'foo bar\nbaz foo\n' > t.txt
sed -n '/foo/{s//FOO/;p}' t.txt
sed 's/o/0/3' <<< 'foo boo'
sed 's/o/0/3g' <<< 'foo boo zoo'
sed -n '/baz/w /dev/stdout' t.txt
printf 'a\nb\n' | sed 'N;s/^b/B/M'
printf 'a\nb\n' | sed 'N;s/a$/A/M'
printf 'one\0two\0' | sed -z 's/^t/T/' | tr '\0' '\n'
sed -s 'F' t.txt t.txt | head -3
printf 's/foo/qux/\n/baz/d\n' > script.sed
sed -f script.sed t.txt
sed -e 's/a/b/' -f script.sed t.txt
sed 's/\(.\)\(.\)/\2\1/g' <<< 'abcdef'
sed -E 's/(.)(.)/\2\1/g' <<< 'abcde'
sed 's/[aeiou]/\U&/g' <<< 'education'
sed -E 's/(^|_)([a-z])/\U\2/g' <<< 'snake_case_word'
sed 's/.*/"&"/' <<< 'quoted'
sed 's/^[ \t]*//;s/[ \t]*$//' <<< '   trim me   ' | cat -A
sed '/^$/d' <<< "$(printf 'a\n\nb\n')"
sed -n '$!{h;d};x;G;p' <<< "$(printf '1\n2\n3\n')"
sed '=' t.txt | sed 'N;s/\n/ /'
sed -n 'l 0' <<< 'a very long line that would normally be wrapped by the l command at seventy characters wide'
sed 's/a/\x41/g' <<< 'banana'
sed 'y/\n/ /' <<< 'abc'
sed '1~0p' -n t.txt
printf 'x\n' | sed 's/x/a\tb/' | cat -A
sed -n '/foo/!p' t.txt
sed '2i\\' t.txt
