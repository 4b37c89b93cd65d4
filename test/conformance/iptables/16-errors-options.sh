# Usage errors: unknown option, missing argument, two commands, no command, options that need -p, with exact text and exit codes
iptables --bogus
echo "rc=$?"
iptables -A INPUT --frobnicate 1 -j ACCEPT
echo "rc=$?"
iptables -A
echo "rc=$?"
iptables -A INPUT -j
echo "rc=$?"
iptables -A INPUT -D INPUT -j ACCEPT
echo "rc=$?"
iptables -s 1.2.3.4
echo "rc=$?"
iptables -A INPUT --dport 22 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p tcp --dport 22 --dport 23 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2 -j ACCEPT
echo "rc=$?"
iptables -L -S
echo "rc=$?"
iptables -A INPUT extra -j ACCEPT
echo "rc=$?"
iptables
echo "rc=$?"
