# Converts a PocketSphinx sendump (quantized mixture weights, all the Debian en-us model ships) into the
# Sphinx-III mixture_weights file sphinxtrain's bw and map_adapt read: sendump-to-mixw.py SENDUMP OUT
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
f = open(src, 'rb')
fmt = '<I'
def rdint():
    global fmt
    b = f.read(4); n = struct.unpack(fmt, b)[0]
    if n > 65536:
        fmt = '>I'; n = struct.unpack(fmt, b)[0]
    return n
def rdstr():
    n = rdint()
    return None if n == 0 else f.read(n)[:-1].decode()
rdstr()  # the format description
hdr = {}
while True:
    h = rdstr()
    if h is None: break
    p = h.split()
    if len(p) == 2 and p[1].lstrip('-').isdigit(): hdr[p[0]] = int(p[1])
shift = hdr.get('mixw_shift', 10); nfeat = hdr.get('feature_count', 1); clusters = hdr.get('cluster_count', 0)
assert clusters == 0, 'clustered sendump not supported'
ncode = rdint(); nsen = rdint()
mixw = [[[0.0]*ncode for _ in range(nfeat)] for _ in range(nsen)]
for i in range(nfeat):
    for j in range(ncode):
        row = f.read(nsen)
        for s in range(nsen):
            mixw[s][i][j] = 1.0001 ** (-(row[s] << shift))
assert not f.read(), 'unexpected bytes after the mixture weights'
out = open(dst, 'wb')
head = b's3\nversion 1.0\n'
lsb = (len(head) + len(b'endhdr\n')) & 3
head += (b' ' * (4 - lsb) if lsb else b'') + b'endhdr\n'
out.write(head); out.write(struct.pack('=i', 0x11223344))
out.write(struct.pack('=IIII', nsen, nfeat, ncode, nsen*nfeat*ncode))
for s in range(nsen):
    for i in range(nfeat):
        tot = sum(mixw[s][i]) or 1.0
        out.write(struct.pack('=%df' % ncode, *[x / tot for x in mixw[s][i]]))
out.close()
print(f'{nsen} senones x {nfeat} streams x {ncode} codewords -> {dst}', file=sys.stderr)
