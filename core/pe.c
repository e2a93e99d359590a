/* SPDX-License-Identifier: MIT */
#include "pe.h"

#include "le.h"

bool pe_parse(const uint8_t *buf, size_t size, struct pe_header *ret)
{
	size_t coff, opt, base_off, base_size;
	uint16_t magic;

	if (size < PE_DOS_HEADER_SIZE || le16(buf) != PE_DOS_MAGIC)
		return false;
	/* Each offset is compared with what is left, never added past size. */
	coff = le32(buf + PE_DOS_LFANEW);
	if (coff > size || size - coff < PE_SIGNATURE_SIZE + PE_COFF_HEADER_SIZE + 2 ||
	    le32(buf + coff) != PE_SIGNATURE)
		return false;
	coff += PE_SIGNATURE_SIZE;
	opt = coff + PE_COFF_HEADER_SIZE;
	magic = le16(buf + opt);
	if (magic == PE_OPT_MAGIC_PE32PLUS) {
		base_off = PE32PLUS_IMAGE_BASE;
		base_size = 8;
	} else if (magic == PE_OPT_MAGIC_PE32) {
		base_off = PE32_IMAGE_BASE;
		base_size = 4;
	} else {
		return false;
	}
	if (le16(buf + coff + PE_COFF_OPT_SIZE) < base_off + base_size ||
	    size - opt < base_off + base_size)
		return false;
	ret->magic = magic;
	ret->image_base = base_size == 8 ? le64(buf + opt + base_off) : le32(buf + opt + base_off);
	return true;
}
