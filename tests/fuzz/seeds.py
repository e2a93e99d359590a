#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora under tests/fuzz/corpus/<target>/.

The seeds are synthetic (built from the documented field layouts, nothing
copied from a real kernel) and small; libFuzzer grows its own corpus from
them under build/fuzz/.  Run from anywhere: python3 tests/fuzz/seeds.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
M = 1 << 20
G = 1 << 30


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- bzimage: the input is the file (maybe with a longer size at its end) ----

def bzimage(size=4096, setup_sects=4, version=0x020F, jump_len=0x6A, reloc=1,
            align=2 * M, min_shift=21, xlf=3, init_size=4 * M, pref=16 * M,
            boot_flag=0xAA55, magic=b"HdrS", longer=0):
    b = bytearray(size)
    payload = size - (setup_sects or 4) * 512 - 512 if size > 0x264 else 0

    def put(off, fmt, v):
        if off + struct.calcsize(fmt) <= len(b):
            struct.pack_into(fmt, b, off, v)
    put(0x1F1, "<B", setup_sects)
    put(0x1F4, "<I", max(payload, 0) // 16)
    put(0x1FE, "<H", boot_flag)
    put(0x200, "<B", 0xEB)
    put(0x201, "<B", jump_len)
    if len(b) >= 0x206:
        b[0x202:0x206] = magic
    put(0x206, "<H", version)
    put(0x22C, "<I", 0x7FFFFFFF)
    put(0x230, "<I", align)
    put(0x234, "<B", reloc)
    put(0x235, "<B", min_shift)
    put(0x236, "<H", xlf)
    put(0x238, "<I", 2047)
    put(0x258, "<Q", pref)
    put(0x260, "<I", init_size)
    if longer:
        # fuzz_bzimage.c: the last 4 bytes (big-endian) * 64 make the file longer.
        b[-4:] = struct.pack(">I", longer // 64)
    return bytes(b)


def bzimage_seeds():
    write("bzimage", "relocatable", bzimage())
    write("bzimage", "fixed", bzimage(reloc=0, xlf=1))
    write("bzimage", "protocol-2.12", bzimage(version=0x020C, jump_len=0x62))
    write("bzimage", "setup-sects-0", bzimage(setup_sects=0))
    write("bzimage", "big-kernel", bzimage(setup_sects=30, init_size=40 * M,
                                           longer=8 * M))
    write("bzimage", "align-fallback", bzimage(align=16 * M, min_shift=12))
    write("bzimage", "pe-only", b"MZ" + bytes(0x300))
    write("bzimage", "too-small", bzimage(size=0x264))


# ---- args: mode byte, then LoadOptions bytes or NUL-separated words ----

def utf16(s, nul=True):
    return s.encode("utf-16-le") + (b"\0\0" if nul else b"")


def args_seeds():
    write("args", "shell-style", b"\x80" + b"\0".join(
        [b"-v", b"--initrd", b"\\i.img", b"\\vmlinuz", b"initrd=\\j.img", b"x y"]))
    write("args", "config-mode", b"\x80" + b"\0".join([b"--config", b"\\c.conf", b"quiet"]))
    write("args", "dashdash", b"\x80" + b"\0".join([b"-n", b"--", b"-k", b"--force-copy"]))
    write("args", "loadopts", b"\x10" + utf16(
        "-v -i \\initrd.img \\vmlinuz root=/dev/sda2 ro quiet"))
    write("args", "loadopts-bom", b"\x10" + b"\xff\xfe" + utf16(
        '\\k console=ttyS0 "a b"', nul=False))
    write("args", "loadopts-unicode", b"\x10" + utf16("\\k\u00e9 \U0001F600"))
    write("args", "small-buffer", b"\x41" + utf16("\\k aaaaaaaaaaaaaaaaaaa"))
    write("args", "edk2-marker", b"\x10" + bytes.fromhex("4eac0881119f594d850ee21a522c59b2"))


# ---- e820: descriptor size - 24, output room, raw descriptors ----

def desc(t, start, pages, size=48):
    d = struct.pack("<IIQQQQ", t, 0, start, 0, pages, 0xF)
    return d + bytes(size - len(d)) if size >= len(d) else d[:size]


OVMF = [(0, 0, 0xA0), (7, 0x100000, 0x800), (4, 0x900000, 0xC00), (7, 0x1500000, 0x3A675),
        (2, 0x3BB75000, 0x100), (3, 0x3BC75000, 0x200), (6, 0x3BE75000, 0x100),
        (9, 0x3BF75000, 0x10), (10, 0x3BF85000, 0x10), (5, 0x3BF95000, 0x6B),
        (11, 0xFFC00000, 0x400)]


def e820_seeds():
    write("e820", "ovmf-48", bytes([48 - 24]) + struct.pack("<H", 512) +
          b"".join(desc(*r) for r in OVMF))
    write("e820", "ovmf-40-unsorted", bytes([40 - 24]) + struct.pack("<H", 512) +
          b"".join(desc(*r, size=40) for r in reversed(OVMF)))
    write("e820", "overlap", bytes([48 - 24]) + struct.pack("<H", 512) +
          desc(7, 0, 0x400) + desc(0, 0x100000, 0x100) + desc(4, 0x200000, 0x10))
    many = b"".join(desc(7 if i % 2 else 10, i * M, 256, 40) for i in range(200))
    write("e820", "200-entries", bytes([40 - 24]) + struct.pack("<H", 512) + many)
    write("e820", "small-room", bytes([56 - 24]) + struct.pack("<H", 3) +
          b"".join(desc(*r, size=56) for r in OVMF))
    # Every EFI type (and unknown ones) side by side, so neighbours of one
    # e820 type merge and the others do not; whole, and with room for 5.
    types = list(range(16)) + [16, 0x70000000, 0x80000000, 7, 4, 3, 10, 9]
    every = b"".join(desc(t, i * M, 16) for i, t in enumerate(types))
    write("e820", "every-type", bytes([48 - 24]) + struct.pack("<H", 512) + every)
    write("e820", "every-type-room-5", bytes([48 - 24]) + struct.pack("<H", 5) + every)
    # Overlaps across types: the first range of the sorted map keeps a byte.
    write("e820", "overlap-types", bytes([48 - 24]) + struct.pack("<H", 512) +
          desc(7, 0, 1024) + desc(10, M, 256) + desc(0, 3 * M, 768) +
          desc(14, 6 * M, 512) + desc(8, 6 * M, 256) + desc(9, 8 * M, 16))
    write("e820", "overlap-types-room-2", bytes([48 - 24]) + struct.pack("<H", 2) +
          desc(7, 0, 1024) + desc(10, M, 256) + desc(0, 3 * M, 768) +
          desc(14, 6 * M, 512) + desc(8, 6 * M, 256) + desc(9, 8 * M, 16))


# ---- plan: kernel fields, then map entries (see fuzz_plan.c) ----

def kernel(reloc=True, above4g=False, force=False, gb=True, kshift=21, mshift=21,
           pref=16 * M, payload=3 * M, init=8 * M, initrd_max=0x7FFFFFFF, initrd=2 * M):
    flags = (1 if reloc else 0) | (2 if above4g else 0) | (4 if force else 0) | (8 if gb else 0)
    ks = kshift - 12
    ms = (mshift - 12) % (kshift - 11)
    return struct.pack("<BBBQIIII", flags, ks, ms, pref, payload - 0x201, init - payload,
                       initrd_max, initrd)


def entry(t, start, pages, rel=False, from_top=False):
    """from_top: `start` counts pages down from 2^64 (fuzz_plan.c's 01 mode)."""
    shift = 0
    while pages - 1 > 0xFFFF:
        shift += 1
        pages >>= 1
    s = (1 << 63 | start) if rel else (1 << 62 | start) if from_top else start
    return struct.pack("<BBQH", t, shift, s, pages - 1)


def plan_seeds():
    ovmf = b"".join(entry(t, s, p) for t, s, p in OVMF)
    write("plan", "ovmf-relocatable", kernel() + ovmf)
    write("plan", "ovmf-fixed-busy", kernel(reloc=False) + ovmf)
    write("plan", "ovmf-force-copy", kernel(force=True, gb=False) + ovmf)
    big = ovmf + entry(7, 4 * G, 4 * G // 4096) + entry(4, 8 * G, 0x1000, rel=True)
    write("plan", "above-4g", kernel(above4g=True, initrd=40 * M) + big)
    frag = b"".join(entry(7 if i % 3 else 4, M + i * 64 * 4096, 64) for i in range(30))
    write("plan", "fragmented", kernel(reloc=False, pref=2 * M, payload=M, init=4 * M,
                                       initrd=M) + frag)
    write("plan", "align-fallback", kernel(kshift=24, mshift=12) +
          entry(4, M, 5120) + entry(7, 21 * M + 0x3000, 1024))
    # Regression: RAM up to the last page of the 64-bit space, the initrd at
    # its very end (layout.c used to walk past it, wrapping to address 0).
    write("plan", "top-of-address-space", kernel(above4g=True, initrd=M) + ovmf +
          entry(7, 0x1001, 0x1000, from_top=True))


# ---- pe: the input is the file ----

def pe(size=0x200, lfanew=0x80, magic=0x20B, opt_size=240, base=0xFFFFFFFF81000000,
       into=None):
    b = bytearray(into if into is not None else bytes(size))
    b[0:2] = b"MZ"
    struct.pack_into("<I", b, 0x3C, lfanew)
    if lfanew + 24 + 32 <= len(b):
        b[lfanew:lfanew + 4] = b"PE\0\0"
        struct.pack_into("<HH", b, lfanew + 4, 0x8664, 3)     # Machine, NumberOfSections
        struct.pack_into("<H", b, lfanew + 20, opt_size)
        struct.pack_into("<H", b, lfanew + 24, magic)
        if magic == 0x20B:
            struct.pack_into("<Q", b, lfanew + 24 + 24, base)
        else:
            struct.pack_into("<I", b, lfanew + 24 + 28, base & 0xFFFFFFFF)
    return bytes(b)


def pe_seeds():
    write("pe", "pe32plus", pe())
    write("pe", "pe32", pe(magic=0x10B, opt_size=224, base=0x400000))
    write("pe", "ends-at-image-base", pe(size=0x80 + 56))
    write("pe", "short-optional-header", pe(opt_size=31))
    write("pe", "lfanew-huge", pe(lfanew=0xFFFFFFFC))
    # A bzImage with an EFI stub: the PE header sits in the setup sectors.
    write("pe", "bzimage-efi-stub", pe(lfanew=0x82, into=bzimage()))


# ---- utf8: the input is the text ----

def utf8_seeds():
    write("utf8", "mixed", "\\EFI\\d\u00e9bian\\vmlinuz \u20ac \U0001F600 x".encode())
    write("utf8", "range-edges", b"".join(chr(c).encode() for c in
                                          (0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF,
                                           0x10000, 0x10FFFF)))
    write("utf8", "overlong", b"\xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf \xc1\xbf")
    write("utf8", "surrogates", b"\xed\xa0\x80\xed\xbf\xbf \xed\x9f\xbf")
    write("utf8", "above-unicode", b"\xf4\x90\x80\x80 \xf5\x80\x80\x80 \xff\xfe")
    write("utf8", "truncated", b"a\xe2\x82 b\xf0\x9f\x98 c\xc3")
    write("utf8", "stray-continuation", b"\x80\xbf\x80a\xc3\xa9\xa9")
    write("utf8", "nul-inside", b"\xe2\x82\x00\xac\xc3\xa9")


# ---- version: up to three versions, NUL-separated ----

def version_seeds():
    write("version", "kernels", b"6.1.0-56-amd64\x006.1.0-57-amd64\x006.1.0-9-amd64")
    write("version", "separators", b"123~rc1-1\x00123^post1\x00123.a-1")
    write("version", "ignored-bytes", b"123_aa2-67.89\x00123aa+2-67.89\x00\xff~~--^^..")


# ---- net: 0x00 + a URL or boot file, NUL, a path; or 0x01|cap<<1 + a DHCP reply ----

def dhcp_reply(file=b"", options=b""):
    b = bytearray(240)
    b[0] = 2
    b[20:24] = bytes([10, 0, 2, 2])
    b[108:108 + len(file)] = file
    b[236:240] = bytes([0x63, 0x82, 0x53, 0x63])
    return bytes(b) + options + b"\xff"


def net_seeds():
    write("net", "tftp-url", b"\x00tftp://10.0.2.2/pxe/boot/vmlinuz")
    write("net", "http-url", b"\x00http://boot.example.org:8080/k/vmlinuz?x=1")
    write("net", "names", b"\x00pxe\\x64/chainload.efi\x00boot/vmlinuz")
    write("net", "absolute", b"\x00pxe/chainload.efi\x00/pxe/boot/initrd0.img")
    write("net", "dhcp-file", b"\xff" + dhcp_reply(b"pxe/chainload.efi"))
    write("net", "dhcp-opt67", b"\xff" + dhcp_reply(b"x", b"\x43\x05a.efi\x43\x03b/c"))
    write("net", "dhcp-overload", b"\x41" + dhcp_reply(b"\x43\x02ab\xff", b"\x34\x01\x01"))


# ---- entry_name: a file name, NUL, an id pattern ----

def entry_name_seeds():
    write("entry_name", "counted", b"Debian-6.1.0-57-amd64+3-1.conf\x00debian-*")
    write("entry_name", "limits", b"k+2147483647-2147483647.conf\x00k+[0-9]*")
    write("entry_name", "not-a-counter", b"a+b+3x.CONF\x00a\\+b[!x]?.conf")
    write("entry_name", "sets", b"x].conf\x00[]]*[a-]**?")


# ---- config: a BLS entry (the seeds beside these are hand-written) ----

def config_seeds():
    write("config", "bls-keys", b"title Debian\nversion 6.1.0-26-amd64\n"
          b"machine-id 0123456789abcdef0123456789abcdef\nsort-key debian\n"
          b"architecture X64\nlinux /vmlinuz\ninitrd /initrd.img\noptions ro quiet\n"
          b"devicetree /x.dtb\ndevicetree-overlay /o.dtbo\n")
    write("config", "efi", b"title Windows\nefi /EFI/Microsoft/Boot/bootmgfw.efi\n"
          b"options --x\nsort-key windows\n")
    write("config", "other-arch", b"architecture aa64\nlinux /Image\n")
    write("config", "linux-and-efi", b"linux /k\nefi /e.efi\n")


# ---- loader_conf: loader.conf, and the same bytes as a timeout variable ----

def loader_conf_seeds():
    write("loader_conf", "typical", b"timeout 3\ndefault debian-*\neditor no\n"
          b"console-mode max\n")
    write("loader_conf", "every-key", b"\xef\xbb\xbf# all of them\r\ntimeout menu-force\r\n"
          b"default @saved\r\neditor yes\r\nauto-entries off\r\nauto-firmware 0\r\n"
          b"console-mode 2\r\nbeep on\r\nrandom-seed-mode always\r\n"
          b"secure-boot-enroll manual\r\nreboot-for-bitlocker t\r\nfoo bar\r\n")
    write("loader_conf", "bad-values", b"timeout 4294967296\ntimeout -1\neditor maybe\n"
          b"console-mode 2147483648\ndefault @current\ndefault \"quoted*\"\ntimeout\n")
    write("loader_conf", "specials", b"timeout 4294967294\ntimeout 4294967295\n"
          b"timeout menu-hidden\ntimeout menu-disabled\ntimeout 0\ndefault @SAVED\n")
    write("loader_conf", "var-force", b"4294967295")
    write("loader_conf", "var-huge", b"18446744073709551615")
    write("loader_conf", "var-overflow", b"18446744073709551616")
    write("loader_conf", "var-menu-disabled", b"menu-disabled")


if __name__ == "__main__":
    bzimage_seeds()
    args_seeds()
    e820_seeds()
    plan_seeds()
    pe_seeds()
    utf8_seeds()
    version_seeds()
    entry_name_seeds()
    net_seeds()
    config_seeds()
    loader_conf_seeds()
