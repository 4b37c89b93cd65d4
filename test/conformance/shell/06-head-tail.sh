# head and tail: -n, -N, -c, negative and +N counts, headers for several files, errors
seq 1 15 > n.txt
head n.txt | tr '\n' ' '; echo
head -n 3 n.txt
head -3 n.txt
head -n -12 n.txt
head -c 5 n.txt; echo
head -c -30 n.txt | tail -n 2
tail n.txt | tr '\n' ' '; echo
tail -n 2 n.txt
tail -2 n.txt
tail -n +13 n.txt
tail -c 6 n.txt
tail -c +35 n.txt
seq 3 > s.txt
head -n 1 n.txt s.txt
tail -n 1 n.txt s.txt
head -q -n 1 n.txt s.txt
tail -v -n 1 s.txt
printf 'a\nb\nc' | tail -n 1; echo '|'
printf 'a\nb\nc' | head -n 2
printf 'no newline' | head -c 3; echo
printf 'x\ny\n' | head -n 1 - s.txt
head -n 0 n.txt; echo "status $?"
head -n x n.txt; echo "status $?"
head -c 2x n.txt; echo "status $?"
tail -n y n.txt; echo "status $?"
head missing.txt; echo "status $?"
tail missing.txt; echo "status $?"
mkdir d
head d; echo "status $?"
head -n 1 s.txt missing.txt; echo "status $?"
head --lines=2 s.txt
tail --lines=1 s.txt
head -n 1k n.txt | wc -l
head --bogus s.txt; echo "status $?"
head -z; echo "status $?" < /dev/null
