# cp (-r, -p, -v, -n) and mv (-v, -n, into directories), with their errors
mkdir work && cd work
echo content > f
mkdir d
cp f g; cat g
cp f d; ls d
cp f g d/; ls d
cp -v f h
cp f f; echo "status $?"
cp missing x; echo "status $?"
cp d e; echo "status $?"
cp -r d e; ls e
cp -r d e; ls e
cp -r d d/sub; echo "status $?"
cp f nodir/x; echo "status $?"
cp f g h; echo "status $?"
cp; echo "status $?"
cp f; echo "status $?"
echo new > g; cp -n f g; cat g
cp -rv d copy
mv g moved; ls
mv moved d; ls d
mv -v h renamed
mv missing x; echo "status $?"
mv d d/inner; echo "status $?"
mv f renamed nodir; echo "status $?"
mv f f; echo "status $?"
mkdir m1; touch m2
mv m1 m2; echo "status $?"
mv m2 m1; ls m1
mv; echo "status $?"
mv f; echo "status $?"
echo one > a; echo two > b; mv -n a b; cat b
mv -f a b; cat b
ls
cp -r copy copy2; ls copy2
chmod 600 renamed; cp renamed perms; ls -l perms | cut -c1-10
cp -p renamed perms2; ls -l perms2 | cut -c1-10
