# ls -C / -x / -m layouts with tabs, widths from -w and COLUMNS, and shell-escape quoting of odd names
mkdir cols && cd cols
touch alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega
ls -C | cat -A
ls -x | cat -A
ls -m
ls -C -w 40 | cat -A
COLUMNS=50 ls -C | cat -A
ls -w 0 -C | cat -A
ls -C -w 10 | head -3
ls -Cd alpha | cat -A
touch 'with space' "it's" 'dollar$'
ls -C --quoting-style=shell-escape | cat -A
ls -1 --quoting-style=shell-escape | head -4
ls -l --quoting-style=shell-escape 'with space' | cut -c1-10,44-
ls -x -w 60 | cat -A
ls -mF -w 30
