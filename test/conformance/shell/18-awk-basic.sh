# awk (mawk): fields, NF NR FNR FILENAME, -F and FS, OFS and $0 rebuilding, patterns, ranges, BEGIN/END
cat > data.txt <<'DATA'
alice 30 paris
bob 25 london
carol 35 berlin
DATA
awk '{print $1}' data.txt
awk '{print $1, $3}' data.txt
awk '{print $NF, NF}' data.txt
awk '{print NR ": " $0}' data.txt
awk '$2 > 28' data.txt
awk '$2 > 28 {print $1}' data.txt
awk '/bob/' data.txt
awk '!/bob/ {print $1}' data.txt
awk 'NR==2, NR==3 {print "range", $1}' data.txt
awk '/alice/,/bob/' data.txt
awk 'BEGIN {print "start"} {n++} END {print "lines", n}' data.txt
awk 'END {print NR, $0}' data.txt
awk -F: '{print $1}' <<< 'a:b:c'
awk -F'[:,]' '{print $2 $3}' <<< 'a:b,c'
awk 'BEGIN {FS=","} {print $2}' <<< 'x,y,z'
awk -F'\t' '{print $2}' <<< "$(printf 'a b\tc d')"
awk -v OFS=- '{$1=$1; print}' data.txt
awk '{$2 = $2 + 1} 1' data.txt
awk '{$5 = "x"; print; print NF}' <<< 'a b'
awk '{NF = 2; print}' data.txt
awk '{$3 = ""; print}' data.txt
awk '{print $(NF-1)}' data.txt
awk '{sum += $2} END {print sum, sum/NR}' data.txt
awk 'NR % 2' data.txt
awk '{print FILENAME, FNR, NR}' data.txt data.txt | tail -2
awk '{print length($1)}' data.txt
awk 'length > 12' data.txt
echo '  leading   spaces  ' | awk '{print "[" $1 "]", NF}'
echo '  leading   spaces  ' | awk '{$1 = $1; print "[" $0 "]"}'
echo 'a b c' | awk '{print $0; $0 = "x y"; print $1, NF}'
awk 'BEGIN {print 1 + 2, 7 / 2, 7 % 3, 2 ^ 10, -3 % 2}'
awk 'BEGIN {x = "3x"; print x + 1, "10" < "9", 10 < 9}'
echo '10 9' | awk '{print ($1 < $2), ($1 > $2)}'
awk 'BEGIN {print 1e6, 1e20, 0.1 + 0.2, 100000 * 100000, 2147483647, -2147483648, 3.0}'
awk -v n=5 'BEGIN {print n * 2}'
awk '{print v, $1}' v=1 data.txt v=2 data.txt | sed -n '1p;4p'
printf 'a b\n\nc d\ne\n\n\nf\n' | awk 'BEGIN {RS = ""} {print NR ": " $1 " [" NF "]"}'
printf 'a;b;c' | awk 'BEGIN {RS = ";"} {print NR, $0}'
awk 'BEGIN {ORS = "|"} {print $1} END {printf "\n"}' data.txt
echo 'x' | awk '{print; print $0}'
