#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print the SHA-256 Authenticode hash of a PE/COFF file: what the firmware
extends into PCR 4 for an image it measures as a PE image (and what a
signature signs).

Usage: pe-hash.py FILE

The Authenticode rules (Microsoft, "Windows Authenticode Portable Executable
Signature Format"): the headers without the CheckSum field and the
certificate-table directory entry, then each section's raw data in file
order, then whatever follows the sections except the certificate table.
"""
import hashlib
import struct
import sys


def authenticode(data):
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    if data[:2] != b"MZ" or data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    coff = pe + 4
    nsections, = struct.unpack_from("<H", data, coff + 2)
    opt_size, = struct.unpack_from("<H", data, coff + 16)
    opt = coff + 20
    magic, = struct.unpack_from("<H", data, opt)
    if magic != 0x20B:
        raise ValueError("not PE32+")
    checksum = opt + 64
    size_of_headers, = struct.unpack_from("<I", data, opt + 60)
    secdir = opt + 112 + 4 * 8      # data directory 4: certificate table
    cert_off, cert_size = struct.unpack_from("<II", data, secdir)
    h = hashlib.sha256()
    h.update(data[:checksum])
    h.update(data[checksum + 4:secdir])
    h.update(data[secdir + 8:size_of_headers])
    hashed = size_of_headers
    table = opt + opt_size
    sections = []
    for i in range(nsections):
        raw_size, raw_ptr = struct.unpack_from("<II", data, table + 40 * i + 16)
        if raw_size:
            sections.append((raw_ptr, raw_size))
    for ptr, size in sorted(sections):
        h.update(data[ptr:ptr + size])
        hashed += size
    if len(data) > hashed:
        h.update(data[hashed:len(data) - cert_size])
    return h.hexdigest()


def main():
    with open(sys.argv[1], "rb") as f:
        print(authenticode(f.read()))


if __name__ == "__main__":
    main()
