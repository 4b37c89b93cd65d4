# grep: -o, -m, -A/-B/-C context with separators, -b, -w edges, -s, -f pattern files, -- and patterns with newlines
seq 1 20 > nums.txt
grep -A1 5 nums.txt
grep -B2 '^12$' nums.txt
grep -C1 -e '^3$' -e '^9$' nums.txt
grep -C1 -e '^3$' -e '^5$' nums.txt
grep -n -A1 '^1[05]$' nums.txt
grep -m2 1 nums.txt
grep -m1 -A2 '^1' nums.txt
grep -c -m3 1 nums.txt
echo 'foo=1 bar=22 baz=333' | grep -o '[0-9]\+'
echo 'foo=1 bar=22 baz=333' | grep -o -b '[a-z]*='
echo 'abcabc' | grep -o b
echo 'the cat concatenates cats' | grep -ow cat
echo 'the cat concatenates cats' | grep -o 'cat[a-z]*'
printf 'key: value\nother\n' | grep -o ': .*'
printf 'alpha\nbeta\n' > pats.txt
printf 'alphabet\nbetamax\ngamma\n' | grep -f pats.txt
printf 'x-1\n-v\n' | grep -- -v
printf 'x-1\n-v\n' | grep -e -1
printf 'one\ntwo\nthree\n' | grep "$(printf 'one\nthree')"
grep -s pattern missing.txt; echo "status $?"
grep -q 1 nums.txt missing.txt; echo "status $?"
grep 1 nums.txt missing.txt > /dev/null; echo "status $?"
printf 'ab\n\ncd\n' | grep -c ''
printf 'ab\n\ncd\n' | grep -n '^$'
printf 'word_one\nword-two\n' | grep -w word
printf 'a\nb\na\nb\na\n' | grep -A1 -m2 a
