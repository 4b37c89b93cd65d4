# sort: default byte order, -r -n -u -f -b, numbers with signs and decimals, -h sizes, -V versions, -c/-C, -o
printf 'banana\napple\nCherry\napple\n10\n9\n-1\n' > words.txt
sort words.txt
sort -r words.txt
sort -u words.txt
sort -f words.txt
sort -n words.txt
sort -rn words.txt
printf '3.5\n-2\n10\n0.25\nabc\n-0.5\n+4\n' | sort -n
printf '1K\n500\n2M\n1G\n3K\n' | sort -h
printf '1.10\n1.9\n1.2\nv2.0\n1.2.3\n' | sort -V
printf 'b\n a\nc\n' | sort
printf 'b\n a\nc\n' | sort -b
printf 'x\ny\nz\n' | sort -c; echo "status $?"
printf 'x\nz\ny\n' | sort -c; echo "status $?"
printf 'x\nz\ny\n' | sort -C; echo "status $?"
sort words.txt -o sorted.txt; cat sorted.txt
printf 'b\na\n' > self.txt; sort -o self.txt self.txt; cat self.txt
printf 'a\nB\nb\nA\n' | sort
printf 'a\nB\nb\nA\n' | sort -f
printf 'a\nB\nb\nA\n' | sort -fu
printf 'same\nsame\n' | sort -u
printf '2\n10\n1\n' | sort -nr
sort missing.txt; echo "status $?"
mkdir d; sort d; echo "status $?"
sort -n -k; echo "status $?"
sort -t; echo "status $?"
sort -t ab words.txt; echo "status $?"
sort -gn words.txt; echo "status $?"
printf 'Feb\nJan\nDec\nxyz\n' | sort -M
printf '1e3\n2\n1e-1\n' | sort -g
printf '' | sort; echo "empty $?"
printf 'no newline' | sort
sort words.txt words.txt | uniq -c | sort -rn | head -3
