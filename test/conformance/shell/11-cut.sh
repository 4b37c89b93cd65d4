# cut: fields with -d and -s, byte and character ranges, --complement, --output-delimiter, errors
printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\nnocolon\n' > passwd
cut -d: -f1 passwd
cut -d: -f1,7 passwd
cut -d: -f3- passwd
cut -d: -f-2 passwd
cut -d: -f2-3,6 passwd
cut -d: -s -f1 passwd
cut -d: -f1 --complement passwd
cut -d: -f1,3 --output-delimiter=' | ' passwd
cut -c1-4 passwd
cut -c3 passwd
cut -c5- passwd
cut -b1,3,5 passwd
printf 'a\tb\tc\n' | cut -f2
printf 'a\tb\tc\n' | cut -f2-
printf 'a b  c\n' | cut -d' ' -f3
printf 'one,two\n' | cut -d, -f5
printf 'abcdef\n' | cut -c2-3,5
printf 'abcdef\n' | cut -c1-2,4- --output-delimiter=-
cut -f1 missing.txt; echo "status $?"
cut passwd; echo "status $?"
cut -f0 passwd; echo "status $?"
cut -c0 passwd; echo "status $?"
cut -f x passwd; echo "status $?"
cut -f 3-1 passwd; echo "status $?"
cut -f - passwd; echo "status $?"
cut -d ab -f1 passwd; echo "status $?"
cut -c1 -f1 passwd; echo "status $?"
cut -c1 -d: passwd; echo "status $?"
