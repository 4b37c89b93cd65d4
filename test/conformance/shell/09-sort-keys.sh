# sort: -k field keys with -t, character offsets, per-key options, stable sort and last-resort ordering
cat > people.txt <<'DATA'
alice 30 paris
bob 25 london
carol 30 berlin
dave 4 paris
eve 25 athens
DATA
sort -k2 people.txt
sort -k2,2 people.txt
sort -k2,2n people.txt
sort -k2,2n -k1,1r people.txt
sort -k2n -s people.txt
sort -k3 people.txt
sort -k3,3 -k2,2nr people.txt
sort -k1.2 people.txt
sort -k1.2,1.2 people.txt
printf 'a:3:x\nb:1:y\nc:2:x\n' | sort -t: -k2
printf 'a:3:x\nb:1:y\nc:2:x\n' | sort -t: -k3,3 -k2,2n
printf 'a,10\nb,9\nc,100\n' | sort -t, -k2 -n
printf 'a,10\nb,9\nc,100\n' | sort -t, -k2,2
printf 'x  2\ny 10\nz   1\n' | sort -k2n
printf 'x  b\ny a\nz   c\n' | sort -k2
printf 'x  b\ny a\nz   c\n' | sort -k2b
printf 'k 1\nk 1\nj 2\n' | sort -u -k1,1
printf 'u 3\nu 1\nu 2\n' | sort -k1,1
printf 'u 3\nu 1\nu 2\n' | sort -s -k1,1
printf '1\t b\n2\ta\n' | sort -t "$(printf '\t')" -k2
sort -k 0 people.txt; echo "status $?"
sort -k x people.txt; echo "status $?"
sort -k 1.0 people.txt; echo "status $?"
sort -k 1,0 people.txt; echo "status $?"
sort -k 2z people.txt; echo "status $?"
du_like='4.0K	a
12K	b
1.5M	c
512	d'
echo "$du_like" | sort -h
echo "$du_like" | sort -hr -k1,1 | head -2
