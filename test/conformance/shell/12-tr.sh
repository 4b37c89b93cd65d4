# tr: translation with ranges and classes, -d, -s, -c, padding of SET2, escapes, and usage errors
echo 'Hello, World!' | tr a-z A-Z
echo 'Hello, World!' | tr '[:upper:]' '[:lower:]'
echo 'Hello, World!' | tr '[:lower:]' '[:upper:]'
echo 'hello' | tr 'a-z' 'A-'
echo 'hello world' | tr -d 'lo'
echo 'hello   world' | tr -s ' '
echo 'aabbccdd' | tr -s 'a-c'
echo 'hello 123 world' | tr -cd '0-9\n'
echo 'hello' | tr -c 'l\n' '*'
echo 'a,b;c' | tr ',;' '\n\n'
printf 'tab\there\n' | tr '\t' ' '
echo 'path/to/file' | tr / '\\'
echo 'abc' | tr 'abc' 'x'
echo 'abc' | tr -t 'abc' 'xy'
echo 'hello' | tr -ds 'h' 'l'
echo 'Mixed 42 Case' | tr -d '[:digit:][:space:]'
echo 'snake_case_name' | tr _ -
printf 'line1\r\nline2\r\n' | tr -d '\r'
echo 'x' | tr '\101' 'y'; echo 'A' | tr '\101' 'y'
echo 'aaa' | tr 'a' '[b*]'
echo 'abcd' | tr 'a-d' '[x*2]yz'
tr; echo "status $?"
tr a < /dev/null; echo "status $?"
tr -d a b < /dev/null; echo "status $?"
tr a b c < /dev/null; echo "status $?"
echo x | tr 'z-a' b; echo "status $?"
echo x | tr 'a-z' '[:upper:]'; echo "status $?"
echo x | tr a '[:digit:]'; echo "status $?"
echo x | tr -s; echo "status $?"
