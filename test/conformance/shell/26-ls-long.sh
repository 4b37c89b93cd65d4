# ls -l with fixed timestamps (touch -d): permissions, link counts, sizes, totals, symlinks, -h, -n, -g, -o, --full-time
mkdir -p box/dir/inner
printf 'hello\n' > box/file.txt
printf '' > box/empty
seq 1 2000 > box/big.txt
ln -s file.txt box/link
chmod 750 box/dir
chmod 600 box/empty
chmod 755 box/file.txt
touch -d '2024-03-05 10:20:30' box/file.txt box/empty box/big.txt box/dir/inner box/dir
touch -h -d '2024-03-05 10:20:30' box/link
touch -d '2023-12-25 08:00' box/dir/inner
ls -l box
ls -ln box
ls -lh box
ls -lo box
ls -lg box
ls -ld box/dir
ls -l box/file.txt
ls -l box/link
ls -lL box/link
ls -l box/dir
ls -lr box
ls -lt box
ls -lS box
ls -l --full-time box/file.txt
ls -l --time-style=long-iso box/empty
ls -lF box
