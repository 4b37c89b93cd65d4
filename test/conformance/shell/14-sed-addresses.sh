# sed: line, $, regex, ranges, first~step, addr,+N, addr,~N, 0,/re/, negation, and several files
seq 1 10 > n.txt
sed -n '3p' n.txt
sed -n '$p' n.txt
sed -n '3,5p' n.txt
sed -n '8,$p' n.txt
sed '2,8d' n.txt
sed -n '/4/,/6/p' n.txt
sed -n '/^1/p' n.txt
sed -n '0~4p' n.txt
sed -n '1~3p' n.txt
sed -n '/3/,+2p' n.txt
sed -n '5,~4p' n.txt
sed '0,/1/d' n.txt | head -2
sed '1,/1/d' n.txt
sed -n '2!p' n.txt | head -3
sed -n '3,8!p' n.txt
sed -n '/5/,3p' n.txt
sed -n '7,3p' n.txt
sed -n '$!{$!p}' n.txt | tail -1
sed '/2/,/4/{s/^/#/}' n.txt | head -5
sed -n '/[246]/{p;p}' n.txt | head -4
printf 'a\nb\n' > f1; printf 'c\nd\n' > f2
sed -n '$=' f1 f2
sed -n '1p' f1 f2
sed -s -n '1p' f1 f2
sed -s -n '$p' f1 f2
sed '1d' f1 - f2 <<< 'stdin'
sed -n '/b/,/c/p' f1 f2
sed -n '/x/,/y/p' n.txt; echo "status $?"
sed -n '/1/I p' <<< 'x1'
sed -n '\,3,p' n.txt
sed -n '\%5%p' n.txt
sed '3q' n.txt
sed -n '2{p;q}' n.txt
sed '5Q' n.txt
sed '2q5' n.txt; echo "status $?"
sed -n '/^$/=' <<< "$(printf 'a\n\nb\n\n')"
