# which (debianutils), basename and dirname with suffixes, -a, -s, -z and edge cases
which ls
which -a ls
which sh bash
which nosuch; echo "status $?"
which ls nosuch; echo "status $?"
which; echo "status $?"
which -x ls; echo "status $?"
which /usr/bin/env
basename /usr/local/bin/tool
basename /usr/local/bin/
basename archive.tar.gz .gz
basename archive.tar.gz archive.tar.gz
basename -s .txt a.txt b.txt dir/c.txt
basename -a one/two three/four
basename /
basename //
basename ''
basename a/b c d; echo "status $?"
basename; echo "status $?"
dirname /usr/local/bin/tool
dirname /usr/local/bin/
dirname tool
dirname /
dirname //x
dirname a/b/ c/d
dirname ''
dirname; echo "status $?"
basename -z a/b | tr '\0' '@'; echo
dirname -z a/b | tr '\0' '@'; echo
