# yes | head, seq | xargs, brace expansion with file tools, tee in pipelines, basename loops, nested command substitution
yes | head -n 3
yes abc | head -n 2
yes a b | head -n 1
mkdir -p proj/{src,test}/{a,b}
ls proj proj/src
touch proj/src/a/{x,y}.txt
for f in proj/src/a/*.txt; do basename "$f" .txt; done
seq 1 3 | xargs -I{} sh -c 'echo "item {}"'
echo "count: $(ls proj/src/a | wc -l)"
seq 5 | tee /dev/null | tail -n 2
printf 'b\na\n' | sort | tee sorted.txt > /dev/null; cat sorted.txt
echo "$(echo "$(echo nested)")"
n=$(seq 1 10 | awk '{s += $1} END {print s}'); echo "sum=$n"
seq 1 3 | while read -r i; do echo "line $i"; done | tac
printf '%s\n' one two three | grep -n t | cut -d: -f1 | paste -sd, -
echo 'a,b,c' | tr , '\n' | sort -r | head -1
find_like=$(ls -R proj | grep -c ':$'); echo "dirs=$find_like"
