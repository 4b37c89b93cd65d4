# chmod with octal and symbolic modes (-R, -v, -c), stat -c formats and errors
touch f; mkdir d; touch d/inner
chmod 644 f; stat -c '%a %A' f
chmod +x f; stat -c '%a %A' f
chmod u-w f; stat -c '%a %A' f
chmod go= f; stat -c '%a %A' f
chmod a=rw,u+x f; stat -c '%a %A' f
chmod g=u f; stat -c '%a %A' f
chmod 4755 f; stat -c '%a %A' f
chmod 1777 d; stat -c '%a %A' d
chmod 2750 d; stat -c '%a %A' d
chmod u-x,g-x d; stat -c '%a %A' d
chmod 0755 d
chmod -R go-rwx d; stat -c '%n %a' d d/inner
chmod -v 640 f
chmod -c 640 f
chmod -c 600 f
chmod -w f; stat -c '%a' f
chmod 9 f; echo "status $?"
chmod u+q f; echo "status $?"
chmod 755 missing; echo "status $?"
chmod; echo "status $?"
chmod 644; echo "status $?"
chmod --reference=d f; stat -c '%a' f
printf 'abc' > sized
stat -c '%n %s %F %U %G %u %g %h' sized
stat -c '%s %F' d
stat -c '%F' /dev/null 2>/dev/null | head -1 > /dev/null
: > empty; stat -c '%F %s %b' empty
ln -s sized sl
stat -c '%N %F %s' sl
stat -L -c '%N %F %s' sl
stat --printf '%n\t%s\n' sized
stat -c %n sized empty
stat missing; echo "status $?"
stat; echo "status $?"
touch -d '2024-02-29 12:34:56' sized
stat -c '%y | %Y' sized
stat sized | sed -n '1p;2s/ *Blocks.*//p;4p;6p'
