# touch -d / -t / -r / -c and date -d parsing: ISO dates, @epoch, relative items, month names
touch -d '2024-01-15 13:45:00' a
date -r a
touch -t 202312312359.30 b
date -r b '+%F %T'
touch -t 0101120000 c 2>/dev/null; date -r c '+%m-%d %H:%M'
touch -r a r
date -r r '+%s'
touch -c nothere; ls nothere; echo "status $?"
touch -d 'bogus date' x; echo "status $?"
touch -t 99999 x; echo "status $?"
touch nodir/f; echo "status $?"
touch; echo "status $?"
date -d @0
date -d @1700000000
date -d '2024-02-29'
date -d '2024-02-29 13:14:15'
date -d '2024-02-29T13:14:15Z'
date -d '2024-02-29 13:14:15 +0200'
date -d '2024-01-31 + 1 month' +%F
date -d '2024-03-01 1 day ago' +%F
date -d '2024-03-01 -2 days' +%F
date -d '2024-03-01 +3 hours' '+%F %T'
date -d '2024-03-01 10:00 90 minutes' +%T
date -d '2024-03-01 2 weeks' +%F
date -d '2024-03-01 next year' +%F
date -d 'Mar 5 2024' +%F
date -d '5 Mar 2024 08:30' '+%F %R'
date -d '12/25/2023' +%F
date -d '2024-06-01 noon' +%T 2>/dev/null || echo 'no noon'
date -d 'garbage'; echo "status $?"
date -d '2024-13-01'; echo "status $?"
date -u -d @86399 +%T
date -d @0 -u
date -d @1 --iso-8601
date -d @3600 -Iseconds
date -d @3600 -Iminutes
date -d @3600 -Ihours
date -d @3600 -Ins
date -d @86400 -R
date -d @86400 --rfc-3339=seconds
date -d @86400 --rfc-3339=date
date -d @0 +%s
date --date=@100 +%s
date -d @0 -I bogus; echo "status $?"
date -d @0 extra args; echo "status $?"
date -Ibogus; echo "status $?"
