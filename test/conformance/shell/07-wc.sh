# wc: counts and GNU's column widths for files, standard input and totals; -l -w -c -m -L; errors
printf 'one two\nthree\n' > a.txt
printf 'a b c d e f g h i j\n%.0s' $(seq 1 120) > big.txt
: > empty.txt
wc a.txt
wc -l a.txt
wc -w a.txt
wc -c a.txt
wc a.txt big.txt
wc -l a.txt big.txt empty.txt
wc empty.txt
cat a.txt | wc
cat a.txt | wc -l
cat a.txt | wc -lw
wc < a.txt
wc -m a.txt
printf 'h\xc3\xa9llo\n' | wc -c
printf 'h\xc3\xa9llo\n' | LC_ALL=C wc -m
printf 'h\xc3\xa9llo\n' | LC_ALL=C.UTF-8 wc -m
printf 'short\na much longer line\n\tx\n' | wc -L
wc -c < big.txt
printf 'no newline' | wc
wc missing.txt; echo "status $?"
wc a.txt missing.txt; echo "status $?"
mkdir dir
wc dir; echo "status $?"
wc - a.txt < a.txt
printf '  spaced   words  \n' | wc -w
wc < /dev/null
wc -l < big.txt
wc -lc < big.txt
wc -q; echo "status $?"
