# seq: ranges, increments, decimals, -s, -w, -f, negative numbers, and errors
seq 3
seq 2 5
seq 10 -3 1
seq 1 2 8
seq 5 1; echo "empty $?"
seq 0.5 0.5 2
seq 1 0.25 2
seq -w 8 11
seq -w -1 1
seq -s, 5
seq -s ' ' 3; echo '|'
seq -f '%03g' 3
seq -f 'item-%g' 2
seq -f '%.2f' 1 0.5 2
seq -3 -1
seq 1e2 1e2
seq 0.1 0.3 1
seq 1 1 3 | paste -sd+ | sed 's/$/=6/'
seq; echo "status $?"
seq x; echo "status $?"
seq 1 0 3; echo "status $?"
seq 1 2 3 4; echo "status $?"
seq 2 1.5x 3; echo "status $?"
seq 100000 | tail -1
seq 3 | wc -l
