# grep: basic matching, -i -v -c -n -h -H -l -L -q, several files and standard input, exit statuses
printf 'apple pie\nBanana split\ncherry tart\napple crumble\n' > fruit.txt
printf 'carrot\napple juice\n' > veg.txt
grep apple fruit.txt; echo "status $?"
grep -i banana fruit.txt
grep -v apple fruit.txt
grep -c apple fruit.txt veg.txt
grep -n tart fruit.txt
grep apple fruit.txt veg.txt
grep -h apple fruit.txt veg.txt
grep -H cherry fruit.txt
grep -l apple fruit.txt veg.txt
grep -L cherry fruit.txt veg.txt; echo "status $?"
grep -q cherry fruit.txt; echo "quiet status $?"
grep mango fruit.txt; echo "status $?"
grep -c mango fruit.txt; echo "status $?"
printf 'one\ntwo\nthree\n' | grep -n o
printf 'one\ntwo\n' | grep -H one
printf 'x\n' | grep -c y; echo "status $?"
echo hello | grep -e hell -e nope
printf 'a\nb\nc\n' | grep -v -c b
grep -in APPLE fruit.txt
printf 'no newline' | grep line
cat fruit.txt | grep -w pie
grep -x 'apple pie' fruit.txt
grep -x apple fruit.txt; echo "status $?"
grep -ic APPLE fruit.txt
