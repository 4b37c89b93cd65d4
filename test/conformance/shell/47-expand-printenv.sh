# expand (-t N, -t LIST, -i) and printenv (names, missing names, status)
printf 'a\tb\tc\n\tx\n' | expand | cat -A
printf 'a\tb\tc\n' | expand -t 4 | cat -A
printf 'a\tb\tc\n' | expand -3 | cat -A
printf 'a\tb\tc\td\n' | expand -t 2,5,9 | cat -A
printf '\tlead\tinner\n' | expand -i | cat -A
printf 'x\n' | expand -t 0; echo "status $?"
expand missing; echo "status $?"
FOO=bar printenv FOO
printenv HOME
printenv NOPE; echo "status $?"
FOO=1 printenv FOO NOPE; echo "status $?"
env -i A=1 B=2 printenv
