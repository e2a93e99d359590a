#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Decode a TPM 2.0 crypto-agile event log (TCG PC Client PFP, section 10.2)
and replay its SHA-256 bank.

Usage: tcg-log.py LOGFILE
  LOGFILE holds the log as the guest prints it (tests/guest/checks/
  tpm-eventlog.sh): lines "OFFSET HEX", OFFSET in hex; a line that is
  missing or cut short is an error.  Output, one line per event after the
  Spec ID event:
    event PCR TYPE SHA256 DATAHEX
  then one line per PCR the log touches, replaying its SHA-256 extends from
  zero (PCRs 0-16 start at zero after a platform reset):
    pcr PCR SHA256
"""
import hashlib
import struct
import sys

SHA256 = 0x000B


def parse(log):
    """Yield (pcr, type, {alg: digest}, data) for each event after the first."""
    pcr, etype, _, size = struct.unpack_from("<II20sI", log, 0)
    if etype != 3:
        raise ValueError("first event is not EV_NO_ACTION")
    spec = log[32:32 + size]
    if not spec.startswith(b"Spec ID Event03\0"):
        raise ValueError("first event is not a Spec ID event")
    (n,) = struct.unpack_from("<I", spec, 24)
    sizes = dict(struct.unpack_from("<HH", spec, 28 + 4 * i) for i in range(n))
    off = 32 + size
    while off + 12 <= len(log):
        pcr, etype, count = struct.unpack_from("<III", log, off)
        if count == 0:      # zero fill after the last event
            break
        off += 12
        digests = {}
        for _ in range(count):
            (alg,) = struct.unpack_from("<H", log, off)
            digests[alg] = log[off + 2:off + 2 + sizes[alg]]
            off += 2 + sizes[alg]
        (dsize,) = struct.unpack_from("<I", log, off)
        data = log[off + 4:off + 4 + dsize]
        off += 4 + dsize
        yield pcr, etype, digests, data


def main():
    log = b""
    with open(sys.argv[1]) as f:
        for line in f:
            offset, data = line.split()
            if int(offset, 16) != len(log):
                raise ValueError("log bytes at 0x%x missing" % len(log))
            log += bytes.fromhex(data)
    pcrs = {}
    for pcr, etype, digests, data in parse(log):
        digest = digests.get(SHA256, b"")
        print("event %d 0x%08x %s %s" % (pcr, etype, digest.hex(), data.hex()))
        # EV_NO_ACTION events are logged, never extended.
        if etype != 3 and digest:
            old = pcrs.get(pcr, bytes(32))
            pcrs[pcr] = hashlib.sha256(old + digest).digest()
    for pcr in sorted(pcrs):
        print("pcr %d %s" % (pcr, pcrs[pcr].hex()))


if __name__ == "__main__":
    main()
