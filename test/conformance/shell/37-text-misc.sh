# tac, rev, nl, paste, comm and fold: common uses and their errors
printf 'one\ntwo\nthree\n' > t.txt
tac t.txt
printf 'a\nb\nc' | tac; echo '|'
tac missing; echo "status $?"
rev t.txt
printf 'abc' | rev; echo '|'
rev missing; echo "status $?"
nl t.txt
printf 'a\n\nb\n' | nl
printf 'a\n\nb\n' | nl -ba
nl -w3 -s': ' t.txt
nl -n ln t.txt
nl -n rz -w4 t.txt
nl -v 10 -i 5 t.txt
nl -b pt t.txt
nl missing; echo "status $?"
printf '1\n2\n3\n' > n.txt
paste t.txt n.txt
paste -d, t.txt n.txt
paste -s t.txt
paste -sd: n.txt
paste -d ':-' t.txt n.txt t.txt
seq 1 6 | paste - -
seq 1 5 | paste - - -
paste t.txt missing; echo "status $?"
printf 'a\nb\nd\n' > c1; printf 'b\nc\nd\n' > c2
comm c1 c2
comm -12 c1 c2
comm -3 c1 c2
comm -23 c1 c2
comm --output-delimiter='|' c1 c2
printf 'b\na\n' > unsorted
comm unsorted c2; echo "status $?"
comm c1; echo "status $?"
comm c1 missing; echo "status $?"
echo 'the quick brown fox jumps over the lazy dog' | fold -w 10
echo 'the quick brown fox jumps over the lazy dog' | fold -s -w 10
echo 'abcdefghij' | fold -w 3
printf 'a\tb\tc\n' | fold -w 10 | cat -A
echo 'abcdef' | fold -5
fold -w 0 t.txt; echo "status $?"
fold -w x t.txt; echo "status $?"
fold missing; echo "status $?"
