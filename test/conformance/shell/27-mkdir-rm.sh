# mkdir (-p, -m, -v) and rm (-r, -f, -d, -v), rmdir (-p), with their error messages
mkdir work && cd work
mkdir a; echo "status $?"
mkdir a; echo "status $?"
mkdir x/y; echo "status $?"
mkdir -p x/y/z; echo "status $?"
mkdir -p x/y/z; echo "status $?"
mkdir -pv p/q
mkdir -v r
mkdir -m 700 private; ls -ld private | cut -c1-10
touch f
mkdir -p f/g; echo "status $?"
mkdir f; echo "status $?"
mkdir; echo "status $?"
rm f; echo "status $?"
rm f; echo "status $?"
rm -f f; echo "status $?"
rm a; echo "status $?"
rm -d a; echo "status $?"
touch x/y/z/file
rm -d x; echo "status $?"
rm -r x; echo "status $?"
ls
rm; echo "status $?"
rm -f; echo "status $?"
mkdir -p v/w; touch v/w/1 v/2
rm -rv v
rm -r .; echo "status $?"
rm -rf ..; echo "status $?"
rmdir missing; echo "status $?"
mkdir -p e/f; touch e/f/g
rmdir e; echo "status $?"
rm e/f/g; rmdir -p e/f; echo "status $?"
ls
touch plain; rmdir plain; echo "status $?"
rm -rf private p r plain
ls
rm --bogus; echo "status $?"
mkdir -m 999 bad; echo "status $?"
