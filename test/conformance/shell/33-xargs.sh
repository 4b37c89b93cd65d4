# xargs: default echo, -n, -L, -I, -0, -d, -r, -t, quoting, exit statuses 123/124/127
printf 'a b\nc\n' | xargs
printf 'a b\nc\n' | xargs echo items:
printf '1 2 3 4 5\n' | xargs -n 2
printf 'a b\nc d\ne\n' | xargs -L 2
printf 'one\ntwo\n' | xargs -I{} echo '<{}>'
printf 'one\ntwo\n' | xargs -I X echo X-X
printf 'a\0b c\0' | xargs -0 -n1 echo
printf 'a,b,c' | xargs -d, -n1
echo "a 'b c' \"d e\" f\\ g" | xargs -n1
printf '' | xargs echo hi
printf '' | xargs -r echo hi; echo "status $?"
printf 'x y\n' | xargs -t echo 2>&1
printf 'f1\nf2\n' | xargs touch; ls f1 f2
printf 'f1\nf2\n' | xargs rm -v
echo "'a" | xargs; echo "status $?"
echo a | xargs nosuchcommand; echo "status $?"
echo a | xargs false; echo "status $?"
echo a | xargs sh -c 'exit 255'; echo "status $?"
printf '1\n2\n3\n' | xargs -n1 sh -c 'echo "arg $0"'
seq 1 10 | xargs -n 3 | tail -1
echo a b c | xargs -n 1 -I{} echo 'I wins: {}'
printf 'x\n' | xargs -n 0; echo "status $?"
printf 'p q\n' | xargs printf '[%s]\n'
