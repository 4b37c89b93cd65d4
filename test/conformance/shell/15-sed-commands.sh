# sed: a i c, = l y, hold space (h H g G x), N P D, n, branches b t T and labels, r w, z
printf 'one\ntwo\nthree\n' > t.txt
sed '2a after two' t.txt
sed '2i before two' t.txt
sed '2c changed' t.txt
sed '$a\
appended line' t.txt
sed '1i\  indented' t.txt
sed -e '1a\' -e 'continued' t.txt
sed '2,3c\replaced' t.txt
sed '/two/a\
x\
y' t.txt
sed = t.txt
sed -n '$=' t.txt
printf 'a\tb\001c\\\n' | sed -n l
printf 'abcdefghij\n' | sed -n 'l 5'
sed 'y/abc/xyz/' <<< 'aabbcc'
sed '1!G;h;$!d' t.txt
sed -n 'H;${x;s/\n/,/g;s/^,//;p}' t.txt
sed 'N;s/\n/ + /' t.txt
sed '$!N;P;D' <<< "$(printf 'a\na\nb\nb\nc\n')"
sed 'n;d' t.txt
sed -n 'n;p' t.txt
sed ':a;N;$!ba;s/\n/ /g' t.txt
sed -e ':loop' -e 's/aa/a/' -e 't loop' <<< 'aaaaab'
sed 's/x/y/;T;s/$/ (changed)/' <<< "$(printf 'x\nz\n')"
sed '/two/{x;p;x}' t.txt
sed 'G' t.txt
sed -n '/two/{g;p}' t.txt
sed 'z;s/^$/empty/' t.txt | head -1
echo inserted > ins.txt
sed '1r ins.txt' t.txt
sed -n '/t/w out.txt' t.txt; cat out.txt
sed 's/o/0/w changes.txt' t.txt > /dev/null; cat changes.txt
sed '2{h;d};${G}' t.txt
sed -n '/one/{n;p}' t.txt
sed '1~2s/^/odd: /' t.txt
sed '$!s/$/,/' t.txt
sed 'a\' t.txt
sed '1d;$d' t.txt
sed -n '2{=;p}' t.txt
sed '# a comment
s/one/ONE/ # trailing
' t.txt
printf 'a\nb\n' | sed '1!G;h;$!d'
