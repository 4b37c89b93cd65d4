# cat: -n -b -s -E -T -v -A -e -t, several files and standard input, errors
printf 'one\n\n\n\ttab\n\x01ctl\x7f\n' > a.txt
printf 'x\ny' > b.txt
cat a.txt b.txt; echo '|'
cat -n a.txt
cat -b a.txt
cat -s a.txt
cat -E b.txt; echo '|'
cat -T a.txt
cat -v a.txt
cat -A a.txt
cat -e a.txt
cat -t a.txt
cat -n a.txt b.txt; echo '|'
printf 'piped\n' | cat - b.txt; echo '|'
printf 'h\xc3\xa9\n' | cat -A
cat missing.txt; echo "status $?"
cat a.txt missing.txt > /dev/null; echo "status $?"
mkdir d; cat d; echo "status $?"
cat -z; echo "status $?"
cat -sn a.txt
echo end | cat -
