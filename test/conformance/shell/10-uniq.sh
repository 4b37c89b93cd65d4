# uniq: adjacent duplicates, -c counts and their width, -d -u -D -i -f -s -w, input and output files
printf 'a\na\nb\nc\nc\nc\na\n' > in.txt
uniq in.txt
uniq -c in.txt
uniq -d in.txt
uniq -u in.txt
uniq -D in.txt
uniq -cd in.txt
printf 'A\na\nB\n' | uniq -i
printf 'A\na\nB\n' | uniq -ic
printf '1 x\n2 x\n3 y\n' | uniq -f1
printf 'ax\nbx\ncy\n' | uniq -s1
printf 'ab1\nab2\nac\n' | uniq -w2
uniq in.txt out.txt; cat out.txt
seq 1 5 | sed 's/.*/same/' | uniq -c
yes line | head -n 1234 | uniq -c
printf '' | uniq -c; echo "status $?"
printf 'x\ny' | uniq
uniq missing.txt; echo "status $?"
uniq -f x in.txt; echo "status $?"
uniq a b c; echo "status $?"
uniq -c -D in.txt; echo "status $?"
sort in.txt | uniq -c | sort -rn
