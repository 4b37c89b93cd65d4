# ls -la in a directory whose . and .. have fixed times; -A with -l, -d on several paths, -R with -l
mkdir -p top/mid
cd top/mid
mkdir sub
printf 'abc\n' > file
printf '#!/bin/sh\n' > run.sh; chmod +x run.sh
touch .dot
ln -s file link
touch -d '2024-04-01 09:00' file run.sh .dot sub
touch -h -d '2024-04-01 09:00' link
touch -d '2024-04-02 10:30' . ..
ls -la
ls -lA
ls -la sub
ls -ld . .. sub
ls -lR . | head -12
ls -a
ls -aF
