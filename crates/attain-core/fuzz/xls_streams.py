#!/usr/bin/env python3
"""Seeds for the read_xls_biff fuzz target: the workbook stream ("Workbook" or "Book") of each
.xls given, written to DIR as seed-NAME. Standard library only.

    python3 xls_streams.py corpus/read_xls_biff ../../../tests/fixtures/reports/*.xls ../../../tests/fixtures/hostile/xls-*.xls
"""
import struct, sys, os, glob
def stream(path):
    b = open(path, 'rb').read()
    if b[:8] != b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1': return None
    S = 1 << struct.unpack_from('<H', b, 30)[0]
    def sec(i): return b[(i+1)*S:(i+2)*S]
    difat = list(struct.unpack_from('<109I', b, 76))
    nxt = struct.unpack_from('<I', b, 68)[0]; steps = 0
    while nxt < 0xFFFFFFFA and steps < 1000:
        s = sec(nxt); v = list(struct.unpack('<%dI' % (len(s)//4), s)); nxt = v.pop(); difat += v; steps += 1
    fat = []
    for i in difat:
        if i < 0xFFFFFFFA:
            s = sec(i); fat += struct.unpack('<%dI' % (len(s)//4), s)
    def chain(i, lim=10**8):
        out = bytearray(); seen = 0
        while i < 0xFFFFFFFA and i < len(fat) and len(out) < lim and seen < 100000:
            out += sec(i); i = fat[i]; seen += 1
        return bytes(out[:lim])
    d = chain(struct.unpack_from('<I', b, 48)[0])
    ents = [d[i:i+128] for i in range(0, len(d) - 127, 128)]
    def name(e): return e[:64].decode('utf-16-le', 'replace').split('\x00')[0]
    root = ents[0]
    for e in ents:
        if name(e).lower() in ('workbook', 'book'):
            start, size = struct.unpack_from('<II', e, 116)
            if size >= 4096: return chain(start, size)
            mini = chain(struct.unpack_from('<I', root, 116)[0], struct.unpack_from('<I', root, 120)[0])
            mf = chain(struct.unpack_from('<I', b, 60)[0]); mf = struct.unpack('<%dI' % (len(mf)//4), mf)
            out = bytearray(); i = start
            while i < 0xFFFFFFFA and i < len(mf) and len(out) < size:
                out += mini[i*64:(i+1)*64]; i = mf[i]
            return bytes(out[:size])
files = sys.argv[2:]
n = 0
for f in files:
    try: s = stream(f)
    except Exception as e: s = None
    if s and len(s) <= 256*1024:
        open(os.path.join(sys.argv[1], 'seed-' + os.path.basename(f)), 'wb').write(s); n += 1
print(n, 'streams')
