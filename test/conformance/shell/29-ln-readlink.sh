# ln -s and hard links, readlink (-f -e -m), realpath (-e -m -s --relative-to), dangling links, errors
mkdir -p /tmp/lbconf29 && cd /tmp/lbconf29 && rm -rf ./*
mkdir -p real/sub
echo data > real/file
ln -s real/file link
ln -s real dirlink
ln -s nowhere dangling
readlink link
readlink dirlink
readlink real/file; echo "status $?"
readlink missing; echo "status $?"
readlink -f link
readlink -f dirlink/sub
readlink -f dangling
readlink -e dangling; echo "status $?"
readlink -m nowhere/deeper
readlink -f nowhere/deeper; echo "status $?"
realpath link
realpath dirlink/sub/../file
realpath -s dirlink/sub
realpath missing
realpath missing/deeper; echo "status $?"
realpath -e missing; echo "status $?"
realpath -m missing/deeper
realpath --relative-to=real/sub real/file
cat link
ln -s real/file link; echo "status $?"
ln -sf real/sub link; readlink link
ln -sv target newlink
ln -s /etc/hostname
ls
ln real/file hard; cat hard
ln real hardir; echo "status $?"
ln missing x; echo "status $?"
ln; echo "status $?"
mkdir into; ln -s ../real/file into; readlink into/file
ln -s a b c; echo "status $?"
cd / && rm -rf /tmp/lbconf29
