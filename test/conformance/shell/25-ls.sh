# ls without -l: one name per line for a pipe, -a -A -d -R -r -t -S -F -p -1, several operands, errors
mkdir -p w/sub/deep w/other
touch w/b.txt w/a.txt w/.hidden w/sub/x w/sub/deep/y
printf '12345' > w/big.dat
cd w
ls
ls -a
ls -A
ls -1 sub
ls -R
ls -r
ls -d sub
ls -d .
ls -F
ls -p
ls sub other
ls a.txt sub
ls a.txt b.txt
ls -S | head -1
ls missing; echo "status $?"
ls a.txt missing; echo "status $?"
ls -d missing sub; echo "status $?"
ls sub/deep/y
ls ./sub
ls ../w/sub
ls -R sub
ls --bogus; echo "status $?"
ls -z; echo "status $?"
cd ..
ls w/sub
ls -a w/other
