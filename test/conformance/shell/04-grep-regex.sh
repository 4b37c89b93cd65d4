# grep: basic versus extended regular expressions, classes, anchors, intervals, back-references, -F
printf 'aaa\nab\nabab\na+b\na|b\n(ab)\nx{2}\nxx\n123-456\nfoo.bar\nfooXbar\n\tindented\nUPPER lower\n' > re.txt
grep 'a+b' re.txt
grep -E 'a+b' re.txt
grep 'a\+b' re.txt
grep -E '^(ab)+$' re.txt
grep '^\(ab\)\{2\}$' re.txt
grep 'a|b' re.txt
grep -E 'a\|b' re.txt
grep 'a\|x' re.txt | head -3
grep -E '^x{2}$' re.txt
grep 'x{2}' re.txt
grep -E '[0-9]{3}-[0-9]{3}' re.txt
grep '[[:digit:]]\{3\}' re.txt
grep 'foo.bar' re.txt
grep -F 'foo.bar' re.txt
grep 'foo\.bar' re.txt
grep '^[[:space:]]' re.txt | cat -A
grep '[[:upper:]]\{5\}' re.txt
grep -E '^[^a-z]+$' re.txt
grep '\(a\)\1\1' re.txt
grep -E '(a)b\1' re.txt
grep '\<low' re.txt
grep 'bar\>' re.txt
grep -E '\bab\b' re.txt
grep '^(ab)$' re.txt
grep -E '\(ab\)' re.txt
grep 'a*b$' re.txt | head -2
grep -c '.' re.txt
grep -E 'x{1,}' re.txt
grep -E 'o{2}' re.txt
grep -F -x 'xx' re.txt
grep -E 'a|^x' re.txt | wc -l
grep -e '^$' -e 'lower' re.txt
grep -i 'FOO[.x]BAR' re.txt
grep '[]x]' re.txt
grep '[^[:alnum:]]' re.txt | head -4
grep 'a\{2,\}' re.txt
grep -E 'a{,1}b' re.txt | head -2
