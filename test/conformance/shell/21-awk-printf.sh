# awk (mawk): printf and sprintf conversions, widths, precision, *, number output formats OFMT/CONVFMT
awk 'BEGIN {printf "%d|%i|%5d|%-5d|%05d|%+d|% d\n", 42, -7.9, 3, 3, 3, 5, 5}'
awk 'BEGIN {printf "%s|%10s|%-10s|%.2s\n", "abc", "abc", "abc", "abc"}'
awk 'BEGIN {printf "%f|%.2f|%8.3f|%-8.1f|%e|%.2E\n", 3.14159, 3.14159, 3.14159, 3.14159, 31415.9, 0.000314}'
awk 'BEGIN {printf "%g|%g|%g|%G|%.3g\n", 100000, 1000000, 0.0001, 0.00001, 3.14159}'
awk 'BEGIN {printf "%x|%X|%o|%#x|%#o|%u\n", 255, 255, 8, 255, 8, 42}'
awk 'BEGIN {printf "%c|%c|%c\n", 65, "hello", "7"}'
awk 'BEGIN {printf "%*d|%-*d|%.*f\n", 5, 1, 4, 2, 2, 3.14159}'
awk 'BEGIN {printf "%%|%5%|\n"}'
awk 'BEGIN {printf "%d %d\n", "12abc", "0x11"}'
awk 'BEGIN {printf "%d\n", 2147483648 * 3}'
awk 'BEGIN {printf "%s\n", 1/3; OFMT = "%.2f"; print 1/3, 10/4; x = 1/3 ""; print x}'
awk 'BEGIN {CONVFMT = "%.3f"; x = 3.14159 ""; print x; print 3.14159}'
awk 'BEGIN {print 1e300 * 1e300, -1e300 * 1e300}'
awk 'BEGIN {print int(3.9), int(-3.9), int("4.5xyz")}'
awk 'BEGIN {printf "%5.1f%%\n", 45.678}'
awk 'BEGIN {printf("%s=%d\n", "x", 1)}'
awk '{printf "%-8s %5.2f\n", $1, $2}' <<< "$(printf 'apple 1.5\nkiwi 22.333\n')"
awk 'BEGIN {x = sprintf("%03d-%s", 7, "z"); print x, length(x)}'
awk 'BEGIN {printf "no newline"}'; echo
awk 'BEGIN {printf "%s %s %s\n", "only"}'; echo "status $?"
awk 'BEGIN {printf "%d\n"}'; echo "status $?"
awk 'BEGIN {print sqrt(16), exp(0), log(1), int(atan2(0, -1) * 1000), sin(0), cos(0)}'
awk 'BEGIN {print 0.1 * 3, 1 / 7, 123456789, 1234567890123, 0.000001}'
awk 'BEGIN {print -0, 0 * -1, 1 - 1}'
awk 'BEGIN {x = 17; printf "%s %d %.1f\n", x, x, x}'
