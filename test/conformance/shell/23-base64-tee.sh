# base64 encode/decode with wrapping and errors; tee to files, -a, and standard output
echo 'hello world' | base64
printf 'a' | base64
printf 'ab' | base64
printf '' | base64; echo "empty $?"
seq 1 40 | base64
seq 1 40 | base64 -w 20 | head -3
seq 1 40 | base64 -w 0; echo
echo 'aGVsbG8gd29ybGQK' | base64 -d
echo 'aGVsbG8gd29ybGQK' | base64 --decode | wc -c
seq 1 40 | base64 | base64 -d | tail -1
printf 'aGVsbG8=' | base64 -d; echo
echo 'aGVsbG8' | base64 -d; echo " status $?"
echo 'aGk=!x' | base64 -d; echo " status $?"
echo 'aGVs bG8=' | base64 -d -i; echo
printf 'secret' > s.txt; base64 s.txt
base64 missing.txt; echo "status $?"
base64 a b; echo "status $?"
base64 -w x s.txt; echo "status $?"
printf 'h\xc3\xa9\n' | base64
echo 'aMOpCg==' | base64 -d
echo one | tee t1.txt
echo two | tee -a t1.txt t2.txt > /dev/null
cat t1.txt t2.txt
echo three | tee t3.txt | tr a-z A-Z
echo four | tee nodir/x.txt; echo "status $?"
printf 'x\ny\n' | tee > /dev/null t4.txt; cat t4.txt
