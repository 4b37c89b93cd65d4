# grep: invalid patterns, missing and directory operands, usage errors, -r over a tree
mkdir -p tree/sub
echo 'needle one' > tree/a.txt
echo 'hay' > tree/b.txt
echo 'needle two' > tree/sub/c.log
grep needle missing.txt; echo "status $?"
grep needle tree; echo "status $?"
grep -r needle tree | sort
grep -rl needle tree | sort
grep -rc needle tree | sort
grep -r --include='*.txt' needle tree
grep -rh needle tree | sort
cd tree && grep -r needle | sort; cd ..
grep '\(' tree/a.txt; echo "status $?"
grep -E '(' tree/a.txt; echo "status $?"
grep -E 'a)' tree/a.txt; echo "status $?"
grep '[a' tree/a.txt; echo "status $?"
grep 'a\{1' tree/a.txt; echo "status $?"
grep '[[:nope:]]' tree/a.txt; echo "status $?"
grep '[:space:]' tree/a.txt; echo "status $?"
grep 'x\' tree/a.txt; echo "status $?"
grep -E 'a{3,1}' tree/a.txt; echo "status $?"
grep '\(a\)\2' tree/a.txt; echo "status $?"
grep -E '*needle' tree/a.txt; echo "status $?"
grep; echo "status $?"
grep -Q x tree/a.txt; echo "status $?"
grep --nope x tree/a.txt; echo "status $?"
grep -A x needle tree/a.txt; echo "status $?"
grep -m; echo "status $?"
printf 'bin\0ary needle\n' > bin.dat
grep needle bin.dat; echo "status $?"
grep -c needle bin.dat
grep -a needle bin.dat | tr '\0' '@'
