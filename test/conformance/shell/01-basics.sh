# variables, quoting, loops, functions, here-documents, pipelines and exit statuses
x=hello; echo "$x world" ${x^^} $((1+2*3))
for i in 1 2 3; do printf '%s-%02d\n' item $i; done
f() { local a=$1; echo "in f: $a $#"; return 3; }
f one two; echo "status $?"
cat <<EOF
heredoc $x \$x
EOF
echo a b | cat
if [[ $x == h* ]]; then echo match; fi
case $x in he*) echo case-ok;; *) echo no;; esac
y=(a b c); echo ${#y[@]} ${y[1]} "${y[@]}"
nosuch
echo "$(echo sub) done"
false || echo "or $?"
set -- p q r; echo "$#: $*"; shift; echo "$@"
echo {a,b}{1,2} {1..3}
IFS=: read -r one two <<< "left:right"; echo "$one|$two"
exit 4
