# diff: normal and unified output, context merging, missing newlines, -q -s -i -w -b, --label, errors
printf 'a\nb\nc\nd\n' > old
printf 'a\nB\nc\nd\ne\n' > new
touch -d '2024-01-01 00:00:00' old new
diff old new; echo "status $?"
diff -u old new; echo "status $?"
diff old old; echo "status $?"
diff -s old old
diff -q old new; echo "status $?"
seq 1 20 > n1
sed 's/^3$/three/; s/^17$/seventeen/' n1 > n2
touch -d '2024-01-01 00:00:00' n1 n2
diff n1 n2
diff -u n1 n2
sed 's/^3$/three/; s/^8$/eight/' n1 > n3
touch -d '2024-01-01 00:00:00' n3
diff -u n1 n3
diff -U1 n1 n3
sed '5,7d' n1 > n4; touch -d '2024-01-01 00:00:00' n4
diff n1 n4
diff n4 n1
diff -u n1 n4 | tail -n +3
printf 'x\n' > one; : > empty; touch -d '2024-01-01 00:00:00' one empty
diff empty one
diff one empty
diff -u empty one | tail -n +3
printf 'a\nb' > nonl; printf 'a\nb\n' > nl
diff nonl nl
diff -u --label A --label B nonl nl
printf 'Hello World\n' > c1; printf 'hello   world\n' > c2
diff c1 c2 > /dev/null; echo "status $?"
diff -i c1 c2 > /dev/null; echo "status $?"
diff -i -b c1 c2; echo "status $?"
diff -iw c1 c2; echo "status $?"
diff old missing; echo "status $?"
diff missing old; echo "status $?"
diff old; echo "status $?"
diff; echo "status $?"
diff a b c; echo "status $?"
mkdir dir; cp old dir/new
diff new dir; echo "status $?"
printf '1\n2\n3\n' | diff - old | head -3
