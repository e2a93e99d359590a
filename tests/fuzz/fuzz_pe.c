/* SPDX-License-Identifier: MIT */
/*
 * PE/COFF header parsing (core/pe.c): the input is the file, as
 * efi/trust/measure.c hands the kernel to it.  libFuzzer's buffer is exactly
 * the input, so ASan sees any read past it; the answer must equal that of a
 * reading of the format written here in 64-bit sums, where nothing can wrap.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "pe.h"

static uint64_t rd(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static bool expected(const uint8_t *d, uint64_t n, struct pe_header *ret)
{
	uint64_t pe, opt, need;
	uint16_t magic;

	if (n < 64 || d[0] != 'M' || d[1] != 'Z')
		return false;
	pe = rd(d + 60, 4);
	/* The signature, the COFF header and the optional header's magic. */
	if (pe + 4 + 20 + 2 > n || memcmp(d + pe, "PE\0\0", 4))
		return false;
	opt = pe + 24;
	magic = (uint16_t)rd(d + opt, 2);
	if (magic != 0x20b && magic != 0x10b)
		return false;
	need = 32; /* ImageBase ends at 24 + 8 (PE32+) or 28 + 4 (PE32) */
	if (rd(d + pe + 4 + 16, 2) < need || opt + need > n)
		return false;
	ret->magic = magic;
	ret->image_base = magic == 0x20b ? rd(d + opt + 24, 8) : rd(d + opt + 28, 4);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pe_header got = { 0x1234, 0x5678 }, want = { 0, 0 };
	bool found = pe_parse(data, size, &got), should = expected(data, size, &want);

	CHECK(found == should, "pe_parse says %d, the format says %d", found, should);
	if (found)
		CHECK(got.magic == want.magic && got.image_base == want.image_base,
		      "magic 0x%x ImageBase 0x%llx, expected 0x%x 0x%llx", got.magic,
		      (unsigned long long)got.image_base, want.magic,
		      (unsigned long long)want.image_base);
	else
		CHECK(got.magic == 0x1234 && got.image_base == 0x5678, "written on refusal");
	return 0;
}
