/* SPDX-License-Identifier: MIT */
/*
 * PE/COFF headers (core/pe.c): one image per case, built from the format's
 * field offsets written out here as numbers, and whether pe_parse() must
 * find it, with which ImageBase.  Each buffer is allocated at exactly its
 * size, so AddressSanitizer sees any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pe.h"

struct pe_case {
	const char *name;
	size_t size;	 /* bytes given to the parser */
	uint32_t lfanew; /* where "PE\0\0" is written and e_lfanew points */
	uint16_t magic;
	uint16_t opt_size;			  /* SizeOfOptionalHeader */
	void (*spoil)(uint8_t *buf, size_t size); /* one more change, or NULL */
	bool found;
	uint64_t image_base;
};

#define BASE64 0xffffffff81000000ull
#define BASE32 0x00400000ull

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void no_mz(uint8_t *b, size_t n)
{
	(void)n;
	b[0] = 'Z';
	b[1] = 'M';
}
static void lowercase_mz(uint8_t *b, size_t n)
{
	(void)n;
	b[0] = 'm';
}
static void bad_signature(uint8_t *b, size_t n)
{
	(void)n;
	b[0x80 + 3] = 1;
}
static void lfanew_huge(uint8_t *b, size_t n)
{
	(void)n;
	put32(b + 0x3c, 0xffffffffu);
}
static void lfanew_wraps(uint8_t *b, size_t n)
{
	(void)n;
	put32(b + 0x3c, 0xfffffffcu);
}
static void lfanew_at_end(uint8_t *b, size_t n)
{
	put32(b + 0x3c, (uint32_t)n);
}
static void lfanew_past_end(uint8_t *b, size_t n)
{
	put32(b + 0x3c, (uint32_t)n + 1);
}

/* Writes the headers into buf[0..size), as far as they fit. */
static void build(uint8_t *buf, const struct pe_case *c)
{
	uint8_t full[0x200] = { 0 };
	uint32_t pe = c->lfanew;

	full[0] = 'M';
	full[1] = 'Z';
	put32(full + 0x3c, pe);
	if (pe + 24 + 32 <= sizeof(full)) {
		memcpy(full + pe, "PE\0\0", 4);
		put16(full + pe + 4, 0x8664); /* Machine: x86-64 */
		put16(full + pe + 4 + 16, c->opt_size);
		put16(full + pe + 24, c->magic);
		if (c->magic == 0x20b) {
			put32(full + pe + 24 + 24, (uint32_t)BASE64);
			put32(full + pe + 24 + 28, (uint32_t)(BASE64 >> 32));
		} else {
			put32(full + pe + 24 + 28, (uint32_t)BASE32);
		}
	}
	memcpy(buf, full, c->size < sizeof(full) ? c->size : sizeof(full));
}

/* The smallest PE32+ headers: the signature at 0x80, ImageBase ends at 0x80 + 56. */
#define END64 (0x80 + 56)
#define END32 (0x80 + 24 + 32)

static const struct pe_case cases[] = {
	{ "PE32+", 0x200, 0x80, 0x20b, 240, NULL, true, BASE64 },
	{ "PE32", 0x200, 0x80, 0x10b, 224, NULL, true, BASE32 },
	{ "PE32+ ending with its ImageBase", END64, 0x80, 0x20b, 240, NULL, true, BASE64 },
	{ "PE32+ a byte short of its ImageBase", END64 - 1, 0x80, 0x20b, 240, NULL, false, 0 },
	{ "PE32 ending with its ImageBase", END32, 0x80, 0x10b, 224, NULL, true, BASE32 },
	{ "PE32 a byte short of its ImageBase", END32 - 1, 0x80, 0x10b, 224, NULL, false, 0 },
	{ "optional header that ends at ImageBase", 0x200, 0x80, 0x20b, 32, NULL, true, BASE64 },
	{ "optional header too short for ImageBase", 0x200, 0x80, 0x20b, 31, NULL, false, 0 },
	{ "PE32 optional header too short", 0x200, 0x80, 0x10b, 31, NULL, false, 0 },
	{ "signature right after the DOS header", 0x200, 0x40, 0x20b, 240, NULL, true, BASE64 },
	{ "no MZ", 0x200, 0x80, 0x20b, 240, no_mz, false, 0 },
	{ "mz in lower case", 0x200, 0x80, 0x20b, 240, lowercase_mz, false, 0 },
	{ "shorter than a DOS header", 0x3f, 0x80, 0x20b, 240, NULL, false, 0 },
	{ "exactly a DOS header", 0x40, 0x80, 0x20b, 240, NULL, false, 0 },
	{ "PE\\0\\1", 0x200, 0x80, 0x20b, 240, bad_signature, false, 0 },
	{ "ROM image magic", 0x200, 0x80, 0x107, 240, NULL, false, 0 },
	{ "magic swapped", 0x200, 0x80, 0x0b02, 240, NULL, false, 0 },
	{ "e_lfanew 0xffffffff", 0x200, 0x80, 0x20b, 240, lfanew_huge, false, 0 },
	{ "e_lfanew that wraps when added to", 0x200, 0x80, 0x20b, 240, lfanew_wraps, false, 0 },
	{ "e_lfanew at the end", 0x200, 0x80, 0x20b, 240, lfanew_at_end, false, 0 },
	{ "e_lfanew past the end", 0x200, 0x80, 0x20b, 240, lfanew_past_end, false, 0 },
	{ "signature cut by the end", 0x82, 0x80, 0x20b, 240, NULL, false, 0 },
	{ "magic cut by the end", 0x80 + 25, 0x80, 0x20b, 240, NULL, false, 0 },
};

static void test_cases(void **state)
{
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pe_case *c = &cases[i];
		uint8_t *buf = malloc(c->size);
		struct pe_header h = { 0x1234, 0x5678 };
		bool found;

		build(buf, c);
		if (c->spoil)
			c->spoil(buf, c->size);
		found = pe_parse(buf, c->size, &h);
		if (found != c->found ||
		    (found && (h.image_base != c->image_base || h.magic != c->magic)) ||
		    (!found && (h.magic != 0x1234 || h.image_base != 0x5678))) {
			print_error("%s: %s, magic 0x%x, ImageBase 0x%llx\n", c->name,
				    found ? "found" : "not found", h.magic,
				    (unsigned long long)h.image_base);
			failed++;
		}
		free(buf);
	}
	if (failed)
		fail_msg("%zu of %zu cases failed", failed, sizeof(cases) / sizeof(cases[0]));
}

/* A good image cut at every length: found exactly once ImageBase is inside. */
static void test_every_truncation(void **state)
{
	const struct pe_case c = { "PE32+", 0x200, 0x80, 0x20b, 240, NULL, true, BASE64 };
	uint8_t full[0x200];

	(void)state;
	build(full, &c);
	for (size_t n = 0; n <= sizeof(full); n++) {
		uint8_t *buf = malloc(n ? n : 1);
		struct pe_header h;

		memcpy(buf, full, n);
		assert_int_equal(pe_parse(buf, n, &h), n >= END64);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_every_truncation),
	};

	return cmocka_run_group_tests_name("pe", tests, NULL, NULL);
}
