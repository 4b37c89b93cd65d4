# expr: arithmetic, comparisons, logic, regex matching with :, string functions, statuses and errors
expr 3 + 4
expr 10 - 15
expr 6 \* 7
expr 17 / 5
expr 17 % 5
expr -17 / 5
expr 2 + 3 \* 4
expr \( 2 + 3 \) \* 4
expr 5 = 5; echo "status $?"
expr 5 != 5; echo "status $?"
expr 10 \> 9
expr abc \< abd
expr 10 \< 9; echo "status $?"
expr '' \| fallback
expr 0 \| ''; echo "status $?"
expr 1 \& 2
expr 0 \& 2; echo "status $?"
expr hello : 'hel'
expr hello : '.*'
expr hello : 'h\(.*\)o'
expr hello : 'x\(.*\)'; echo "status $?"
expr 'version-1.2' : '.*-\([0-9.]*\)'
expr match abc 'a.'
expr length 'hello world'
expr substr hello 2 3
expr index hello lo
expr + length
expr 007 + 1
expr 1 + a; echo "status $?"
expr 1 / 0; echo "status $?"
expr 1 +; echo "status $?"
expr 1 2; echo "status $?"
expr; echo "status $?"
expr \( 1; echo "status $?"
i=0; while [ $i -lt 3 ]; do i=$(expr $i + 1); done; echo $i
