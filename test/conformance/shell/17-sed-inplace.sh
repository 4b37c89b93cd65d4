# sed -i: in-place edits with and without a backup suffix, several files, -s, and missing trailing newlines
printf 'port=80\nhost=a\n' > app.conf
sed -i 's/80/8080/' app.conf; cat app.conf
sed -i.bak 's/host=a/host=b/' app.conf; cat app.conf; cat app.conf.bak
printf 'x1\n' > one.txt; printf 'x2\n' > two.txt
sed -i 's/x/y/' one.txt two.txt; cat one.txt two.txt
sed -i '1i # header' one.txt two.txt; cat one.txt two.txt
sed -i -e '$a footer' one.txt; cat one.txt
printf 'no newline' > nonl.txt
sed -i 's/no/yes/' nonl.txt; cat -A nonl.txt; echo "|"
printf 'a\nb' | sed 's/b/c/' | cat -A; echo "|"
printf 'a' | sed 'a tail' | cat -A; echo "|"
printf 'a' | sed p | cat -A; echo "|"
printf 'a\nb' | sed '$!d' | cat -A; echo "|"
sed -i 's/a/b/' missing.txt; echo "status $?"
sed -n -i '1p' two.txt; cat two.txt
ls *.bak
