# hostname (show and set), uname fields, id, whoami, kill -l and signal lookups, ps-free identity checks
hostname
hostname -s
uname
uname -s
uname -n
uname -m
uname -o
uname -s -n -m
uname -x; echo "status $?"
uname extra; echo "status $?"
hostname web01.example.com
hostname
hostname -s
hostname -d
uname -n
hostname labbook
hostname a b 2>&1 | head -1; echo "status ${PIPESTATUS[0]}"
hostname -x 2>/dev/null | head -1; echo "status ${PIPESTATUS[0]}"
hostname 'bad name!'; echo "status $?"
hostname
id -u
id -g
id -un
id -gn
id -u root
id nosuchuser; echo "status $?"
id -un -g; echo "status $?"
id -n; echo "status $?"
whoami
whoami extra; echo "status $?"
kill -l | head -3
kill -l 9 KILL sigterm 15
kill -l 137
kill -0 $$; echo "status $?"
/bin/kill -l 2>/dev/null | head -1 > /dev/null
type kill
true; echo "true $?"; false; echo "false $?"
