# awk (mawk): arrays, in, delete, for-in, while/do/for, break/continue, next, exit, user functions, getline
printf 'b 2\na 1\nb 3\nc 5\na 4\n' > kv.txt
awk '{sum[$1] += $2} END {for (k in sum) print k, sum[k]}' kv.txt | sort
awk '{count[$1]++} END {print length(count), ("a" in count), ("z" in count)}' kv.txt
awk '!seen[$1]++ {print $1}' kv.txt
awk '{a[NR] = $0} END {for (i = NR; i > 0; i--) print a[i]}' kv.txt
awk 'BEGIN {a["x"] = 1; a["y"] = 2; delete a["x"]; for (k in a) print k; delete a; print length(a)}'
awk 'BEGIN {m[1, 2] = "pair"; for (k in m) {split(k, p, SUBSEP); print p[1], p[2], m[k]}; if ((1, 2) in m) print "in"}'
awk 'BEGIN {i = 0; while (i < 3) {print "while", i; i++}}'
awk 'BEGIN {i = 5; do {print "do", i} while (i < 3)}'
awk 'BEGIN {for (i = 0; i < 10; i++) {if (i == 2) continue; if (i == 5) break; printf "%d ", i}; print ""}'
awk 'BEGIN {for (;;) {n++; if (n > 3) break}; print n}'
awk '$2 > 2 {next} {print "kept", $0}' kv.txt
awk 'NR == 2 {exit} {print}' kv.txt
awk 'BEGIN {exit 3} END {print "end runs"}'; echo "status $?"
awk '{exit 4} END {exit}' kv.txt; echo "status $?"
awk 'function sq(x) {return x * x} BEGIN {print sq(7)}'
awk 'function fact(n) {return n <= 1 ? 1 : n * fact(n - 1)} BEGIN {print fact(10)}'
awk 'function fill(arr, n,  i) {for (i = 1; i <= n; i++) arr[i] = i * i} BEGIN {fill(sq, 3); print sq[3], i "|"}'
awk 'function noret() {} BEGIN {x = noret(); print "[" x "]"}'
awk 'function swap(a, b,  t) {t = a; a = b; b = t; return a} BEGIN {x = 1; y = 2; print swap(x, y), x, y}'
printf 'l1\nl2\nl3\n' | awk 'NR == 1 {getline; print "after getline:", $0, NR} NR == 3 {print "last", $0}'
printf 'l1\nl2\n' | awk '{getline line; print $0, line}'
echo 'x' > other.txt
awk 'BEGIN {while ((getline line < "other.txt") > 0) print "read", line; close("other.txt")}'
awk 'BEGIN {print (getline line < "missing.txt")}'
awk 'BEGIN {"echo hi there" | getline; print $2}'
awk 'BEGIN {cmd = "printf \"3\\n1\\n2\\n\""; while ((cmd | getline v) > 0) s = s v; close(cmd); print s}'
awk 'BEGIN {print "to sort" | "cat"; close("cat"); print "after"}'
awk 'BEGIN {printf "b\na\n" | "sort"}'
awk 'BEGIN {system("echo from system"); print "then"}'
awk 'BEGIN {r = system("exit 3"); print "r=" r}'
awk 'BEGIN {print "to file" > "out.txt"; print "more" > "out.txt"; close("out.txt"); while ((getline l < "out.txt") > 0) print "got", l}'
awk 'BEGIN {print "a" >> "app.txt"; print "b" >> "app.txt"}'; cat app.txt
awk 'BEGIN {print "err" > "/dev/stderr"}' 2>&1
awk 'BEGIN {x["a"]; if ("a" in x) print "created by reference"}'
awk 'BEGIN {if (!(3 in arr)) print "absent"; print length(arr)}'
awk 'BEGIN {n = 3; while (n --> 0) printf "%d ", n; print ""}'
awk 'BEGIN {a = 1; b = a++ + ++a; print a, b}'
awk 'BEGIN {x += 5; x -= 1; x *= 3; x /= 4; x %= 2; print x; y ^= 2; print y}'
awk 'BEGIN {print 1 ? "yes" : "no", 0 ? "yes" : "no", (2 > 1 && 3 > 2), (0 || "")}'
awk 'BEGIN {print !0, !1, !"", !"a", - -3}'
