/* SPDX-License-Identifier: MIT */
/*
 * The PE/COFF header of an untrusted file (the kernel: a bzImage with an
 * EFI stub is also a PE image), found the way a UEFI loader finds it: the
 * DOS header's "MZ", its e_lfanew pointing at "PE\0\0", the 20-byte COFF
 * file header, then the optional header, whose magic says PE32 or PE32+.
 * Layout from the Microsoft PE format specification.
 */
#ifndef CHAINLOAD_PE_H
#define CHAINLOAD_PE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PE_DOS_MAGIC	      0x5a4d /* "MZ", at offset 0 */
#define PE_DOS_LFANEW	      0x3c   /* e_lfanew: file offset of the signature */
#define PE_DOS_HEADER_SIZE    0x40
#define PE_SIGNATURE	      0x00004550u /* "PE\0\0" */
#define PE_SIGNATURE_SIZE     4
#define PE_COFF_HEADER_SIZE   20
#define PE_COFF_OPT_SIZE      16    /* SizeOfOptionalHeader, in the COFF header */
#define PE_OPT_MAGIC_PE32     0x10b /* at offset 0 of the optional header */
#define PE_OPT_MAGIC_PE32PLUS 0x20b
#define PE32_IMAGE_BASE	      28 /* 4 bytes, in the optional header */
#define PE32PLUS_IMAGE_BASE   24 /* 8 bytes */

struct pe_header {
	uint16_t magic;	     /* PE_OPT_MAGIC_PE32 or PE_OPT_MAGIC_PE32PLUS */
	uint64_t image_base; /* the optional header's ImageBase */
};

/*
 * Parses the headers in buf[0..size): true, with *ret filled, when they
 * form a PE32 or PE32+ image whose optional header (by its own
 * SizeOfOptionalHeader, and inside the buffer) holds ImageBase; false for
 * anything else, *ret untouched.  Reads only buf[0..size); every offset is
 * checked without wrapping, whatever e_lfanew says.
 */
bool pe_parse(const uint8_t *buf, size_t size, struct pe_header *ret);

#endif /* CHAINLOAD_PE_H */
