# typical note pipelines combining the text tools: logs, CSV, word counts, config edits
cat > access.log <<'DATA'
10.0.0.1 GET /index.html 200 512
10.0.0.2 GET /missing 404 0
10.0.0.1 POST /api/login 200 128
10.0.0.3 GET /index.html 200 512
10.0.0.2 GET /index.html 304 0
10.0.0.1 GET /api/data 500 64
DATA
awk '{print $1}' access.log | sort | uniq -c | sort -rn
awk '$4 >= 400 {print $4, $3}' access.log
grep -c ' 200 ' access.log
cut -d' ' -f3 access.log | sort -u
awk '{bytes[$1] += $5} END {for (ip in bytes) print ip, bytes[ip]}' access.log | sort -k2,2nr
grep GET access.log | awk '{print $3}' | sort | uniq -c | sort -k1,1nr -k2 | head -2
sed -n 's/^\([0-9.]*\) .* \([0-9]\{3\}\) .*/\2 \1/p' access.log | sort | head -3
tr -s ' ' '\n' < access.log | grep -c '^10\.'
printf 'name,qty,price\nwidget,3,2.50\ngadget,10,1.25\ngizmo,1,10.00\n' > items.csv
tail -n +2 items.csv | awk -F, '{total += $2 * $3} END {printf "total %.2f\n", total}'
tail -n +2 items.csv | sort -t, -k2,2n | cut -d, -f1
awk -F, 'NR > 1 {printf "%-8s %3d\n", $1, $2}' items.csv
head -1 items.csv | tr ',' '\n' | nl
echo 'the cat and the hat and the bat' | tr ' ' '\n' | sort | uniq -c | sort -k1,1nr -k2 | head -3
printf 'PORT=80\nHOST=localhost\n# comment\nDEBUG=false\n' > app.env
grep -v '^#' app.env | sed 's/=/ = /' | sort
sed -i 's/^DEBUG=.*/DEBUG=true/' app.env && grep DEBUG app.env
grep -E '^[A-Z]+=' app.env | cut -d= -f1 | paste -sd, -
ls *.log *.csv | sort
seq 1 100 | awk '$1 % 15 == 0' | xargs
seq 1 5 | tac | paste -sd' ' -
printf '%s\n' b a c | sort | tee sorted.txt | wc -l
echo "$(seq 3 | paste -sd+ -)" | bc 2>/dev/null || expr 1 + 2 + 3
printf 'x=1\ny=2\n' | while IFS== read -r k v; do echo "$k -> $v"; done
