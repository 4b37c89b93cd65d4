# A DNS responder for scripts/record-dns-clients.sh: answers UDP queries on ADDR:53 the way
# CoreDNS's kubernetes plugin does for a ClusterIP service (web), a headless one (db, two
# endpoints), NXDOMAIN with the zone's SOA for other cluster.local names, SERVFAIL (a forward
# to an unreachable upstream) for the rest. Appends "NAME TYPE" per query to LOG.
import socket, struct, sys

addr, log = sys.argv[1], sys.argv[2]
ZONE = 'cluster.local'
A = {
    'web.default.svc.cluster.local': ['10.96.100.200'],
    'db.default.svc.cluster.local': ['10.244.1.5', '10.244.2.7'],
}
TYPES = {1: 'A', 28: 'AAAA', 33: 'SRV', 12: 'PTR', 6: 'SOA'}

def name_wire(name):
    return b''.join(bytes([len(p)]) + p.encode() for p in name.split('.') if p) + b'\0'

def read_name(msg, off):
    labels = []
    while msg[off]:
        n = msg[off]; labels.append(msg[off + 1:off + 1 + n].decode()); off += 1 + n
    return '.'.join(labels), off + 1

def rr(name, rtype, ttl, rdata):
    return name_wire(name) + struct.pack('!HHIH', rtype, 1, ttl, len(rdata)) + rdata

def soa():
    rdata = name_wire('ns.dns.' + ZONE) + name_wire('hostmaster.' + ZONE) + struct.pack('!IIIII', 1700000000, 7200, 1800, 86400, 30)
    return rr(ZONE, 6, 30, rdata)

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 53))
while True:
    msg, peer = s.recvfrom(4096)
    qid, flags = struct.unpack('!HH', msg[:4])
    qname, off = read_name(msg, 12)
    qtype, qclass = struct.unpack('!HH', msg[off:off + 4])
    question = msg[12:off + 4]
    name = qname.lower().rstrip('.')
    with open(log, 'a') as f: f.write('%s %s\n' % (name, TYPES.get(qtype, qtype)))
    rd = flags & 0x0100
    answers, authority, rcode, aa = [], [], 0, 0x0400
    if name == ZONE or name.endswith('.' + ZONE):
        if name in A:
            if qtype == 1:
                answers = [rr(name, 1, 30, socket.inet_aton(ip)) for ip in A[name]]
            else:
                authority = [soa()]
        else:
            rcode = 3; authority = [soa()]
    else:
        rcode = 2; aa = 0
    head = struct.pack('!HHHHHH', qid, 0x8000 | aa | rd | rcode, 1, len(answers), len(authority), 0)
    s.sendto(head + question + b''.join(answers) + b''.join(authority), peer)
