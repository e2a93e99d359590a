/* SPDX-License-Identifier: MIT */
/*
 * Raw LoadOptions of a firmware boot entry (core/loadopts.c): what is text
 * is split into words, everything else is refused with its own message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "loadopts.h"

static char text[4 * LOADOPTS_MAX_CHARS + 8];
static char *argv[16];
static int argc;
static struct diag d;

static int split(const uint8_t *bytes, size_t n)
{
	memset(&d, 0, sizeof(d));
	argc = -1;
	return loadopts_split(bytes, n, text, sizeof(text), argv, 16, &argc, &d);
}

/* UTF-16LE of an ASCII string into out; returns the byte count (NUL included if asked). */
static size_t utf16(const char *s, uint8_t *out, int nul)
{
	size_t n = 0;

	for (; *s; s++) {
		out[n++] = (uint8_t)*s;
		out[n++] = 0;
	}
	if (nul) {
		out[n++] = 0;
		out[n++] = 0;
	}
	return n;
}

static void test_text(void **state)
{
	uint8_t b[256];
	size_t n;

	(void)state;
	/* Terminated, unterminated, with a stray odd NUL byte, with padding NULs. */
	n = utf16("-i \\i.img  \\k\troot=/dev/sda2 \"a b\"", b, 1);
	assert_int_equal(split(b, n), CL_OK);
	assert_int_equal(argc, 5);
	assert_string_equal(argv[0], "-i");
	assert_string_equal(argv[2], "\\k");
	assert_string_equal(argv[4], "a b");
	assert_int_equal(split(b, n - 2), CL_OK);
	assert_int_equal(argc, 5);
	assert_int_equal(split(b, n - 1), CL_OK);
	assert_int_equal(argc, 5);
	memset(b + n, 0, 6);
	assert_int_equal(split(b, n + 6), CL_OK);
	assert_int_equal(argc, 5);
	/* A byte-order mark in front. */
	b[0] = 0xff;
	b[1] = 0xfe;
	n = 2 + utf16("\\k x", b + 2, 0);
	assert_int_equal(split(b, n), CL_OK);
	assert_int_equal(argc, 2);
	assert_string_equal(argv[0], "\\k");
	/* Non-ASCII and a surrogate pair become UTF-8. */
	{
		const uint8_t u[] = { '\\', 0, 0xe9, 0x00, ' ', 0, 0x3d, 0xd8, 0x00, 0xde };

		assert_int_equal(split(u, sizeof(u)), CL_OK);
		assert_int_equal(argc, 2);
		assert_string_equal(argv[0], "\\\xc3\xa9");
		assert_string_equal(argv[1], "\xf0\x9f\x98\x80");
	}
}

static void test_nothing(void **state)
{
	const uint8_t zeros[8] = { 0 };
	const uint8_t bom_only[] = { 0xff, 0xfe, 0, 0 };
	const uint8_t blanks[] = { ' ', 0, '\t', 0 };
	/* What edk2 puts in the boot options it creates for each disk. */
	const uint8_t edk2[16] = { 0x4e, 0xac, 0x08, 0x81, 0x11, 0x9f, 0x59, 0x4d,
				   0x85, 0x0e, 0xe2, 0x1a, 0x52, 0x2c, 0x59, 0xb2 };
	uint8_t other[16];

	(void)state;
	assert_int_equal(split(zeros, 0), CL_OK);
	assert_int_equal(argc, 0);
	assert_int_equal(split(zeros, sizeof(zeros)), CL_OK);
	assert_int_equal(argc, 0);
	assert_int_equal(split(bom_only, sizeof(bom_only)), CL_OK);
	assert_int_equal(argc, 0);
	assert_int_equal(split(blanks, sizeof(blanks)), CL_OK);
	assert_int_equal(argc, 0);
	assert_int_equal(split(edk2, sizeof(edk2)), CL_OK);
	assert_int_equal(argc, 0);
	/* Any other GUID is binary data. */
	memcpy(other, edk2, sizeof(other));
	other[15] ^= 1;
	assert_int_equal(split(other, sizeof(other)), CL_E_OPTIONS_NOT_TEXT);
	assert_string_equal(d.msg, "8 characters and none of them ASCII: binary data, not options");
}

static void expect_not_text(const uint8_t *b, size_t n, const char *msg)
{
	assert_int_equal(split(b, n), CL_E_OPTIONS_NOT_TEXT);
	assert_string_equal(d.msg, msg);
	assert_int_equal(argc, -1); /* never written on failure */
}

static void test_not_text(void **state)
{
	const uint8_t odd[] = { 'x', 0, 'y' };
	const uint8_t control[] = { 'x', 0, 0x1b, 0 };
	const uint8_t c1[] = { 'x', 0, 0x85, 0 };
	const uint8_t swapped[] = { 0xfe, 0xff, 0, 'x' };
	const uint8_t after_nul[] = { 'a', 0, 0, 0, 'b', 0 };
	const uint8_t eight_bit[] = "\\vmlinuz root=/dev/sda2"; /* with its NUL: 24 bytes */
	const uint8_t eight_bit_odd[] = "\\vmlinuz ro";		/* 12 bytes, no NUL unit */
	const uint8_t eight_bit_args[] = "-v\0\\k\0ro";		/* efibootmgr, several args */
	const uint8_t low[] = { 0x00, 0xdc, 'x', 0 };
	const uint8_t high[] = { 'x', 0, 0x00, 0xd8 };
	const uint8_t nonchar[] = { 0xff, 0xff };
	static uint8_t random_bytes[512];

	(void)state;
	expect_not_text(odd, sizeof(odd), "3 bytes, an odd count: not UTF-16 text");
	expect_not_text(control, sizeof(control), "character 0x001b at position 1 is not text");
	expect_not_text(c1, sizeof(c1), "character 0x0085 at position 1 is not text");
	expect_not_text(swapped, sizeof(swapped),
			"byte-swapped byte-order mark: big-endian UTF-16 is not supported");
	expect_not_text(after_nul, sizeof(after_nul),
			"text goes on after a NUL at character 1 (binary data, or several "
			"efibootmgr --unicode arguments)");
	expect_not_text(eight_bit, sizeof(eight_bit) - 1,
			"8-bit text, not UTF-16 (create the entry with efibootmgr --unicode)");
	expect_not_text(eight_bit, sizeof(eight_bit),
			"8-bit text, not UTF-16 (create the entry with efibootmgr --unicode)");
	expect_not_text(eight_bit_odd, sizeof(eight_bit_odd),
			"8-bit text, not UTF-16 (create the entry with efibootmgr --unicode)");
	expect_not_text(eight_bit_args, sizeof(eight_bit_args),
			"8-bit text, not UTF-16 (create the entry with efibootmgr --unicode)");
	expect_not_text(low, sizeof(low), "unpaired UTF-16 low surrogate at unit 0");
	expect_not_text(high, sizeof(high), "unpaired UTF-16 high surrogate at unit 1");
	expect_not_text(nonchar, sizeof(nonchar), "character 0xffff at position 0 is not text");
	/* Random binary: refused whatever it holds, never read past its size. */
	srand(5);
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)rand() % sizeof(random_bytes) + 1;
		uint8_t *copy = malloc(n);

		for (size_t i = 0; i < n; i++)
			copy[i] = (uint8_t)rand();
		copy[0] = 0x01; /* U+0001, a control character: certainly not text */
		if (n > 1)
			copy[1] = 0x00;
		assert_int_not_equal(split(copy, n), CL_OK);
		free(copy);
	}
}

/* 4096 'a's (or `chars` of them) in UTF-16LE, maybe after a BOM, maybe with their NUL. */
static size_t long_options(uint8_t *b, int bom, size_t chars, int nul)
{
	size_t n = 0;

	if (bom) {
		b[n++] = 0xff;
		b[n++] = 0xfe;
	}
	for (size_t i = 0; i < chars; i++) {
		b[n++] = 'a';
		b[n++] = 0;
	}
	if (nul) {
		b[n++] = 0;
		b[n++] = 0;
	}
	return n;
}

/*
 * The longest options: 4096 characters.  efibootmgr writes them with their
 * NUL; a byte-order mark, the NUL and a stray odd byte are not characters.
 */
static void test_longest(void **state)
{
	static uint8_t b[2 * (4097 + 2) + 1];
	size_t n;

	(void)state;
	for (int bom = 0; bom < 2; bom++) {
		for (int nul = 1; nul >= 0; nul--) {
			n = long_options(b, bom, 4096, nul);
			if (split(b, n) != CL_OK)
				fail_msg("4096 characters (BOM %d, NUL %d, %zu bytes) refused: %s",
					 bom, nul, n, d.msg);
			assert_int_equal(argc, 1);
			assert_int_equal(strlen(argv[0]), 4096);
			b[n] = 0;
			assert_int_equal(split(b, n + 1), CL_OK); /* a stray NUL byte */
			assert_int_equal(strlen(argv[0]), 4096);
		}
	}
	for (int bom = 0; bom < 2; bom++) {
		for (int nul = 0; nul < 2; nul++) {
			n = long_options(b, bom, 4097, nul);
			assert_int_equal(split(b, n), CL_E_OPTIONS_NOT_TEXT);
			assert_string_equal(d.msg, "4097 characters, longer than 4096");
		}
	}
}

/* split() into exactly loadopts_text_cap(n) bytes, as efi/start/argv.c does. */
static int split_in_cap(const uint8_t *bytes, size_t n, size_t *ret_len)
{
	size_t cap = loadopts_text_cap(n);
	char *t = malloc(cap);
	int rc;

	argc = -1;
	rc = loadopts_split(bytes, n, t, cap, argv, 16, &argc, &d);
	*ret_len = rc ? 0 : strlen(argv[0]);
	free(t);
	return rc;
}

/* The text buffer callers allocate is enough for the widest longest options, and bounded. */
static void test_text_cap(void **state)
{
	static uint8_t b[1 << 20];
	size_t n = 0, len;

	(void)state;
	assert_int_equal(loadopts_text_cap(0), 1);
	assert_int_equal(loadopts_text_cap(7), 3 * 3 + 1);
	assert_int_equal(loadopts_text_cap(sizeof(b)), 4096 * 3 + 1);
	/* A BOM, "a" and 4095 euro signs (3 bytes of UTF-8 each), the NUL. */
	b[n++] = 0xff;
	b[n++] = 0xfe;
	b[n++] = 'a';
	b[n++] = 0;
	for (int i = 0; i < 4095; i++) {
		b[n++] = 0xac;
		b[n++] = 0x20;
	}
	b[n++] = 0;
	b[n++] = 0;
	assert_int_equal(split_in_cap(b, n, &len), CL_OK);
	assert_int_equal(len, 1 + 3 * 4095);
	/* Zero padding after the NUL does not grow the buffer past the limit. */
	memset(b + n, 0, sizeof(b) - n);
	assert_int_equal(split_in_cap(b, sizeof(b), &len), CL_OK);
	assert_int_equal(len, 1 + 3 * 4095);
}

/* iPXE's `chain chainload.efi ARGS` passes the image's name first. */
static void test_names_image(void **state)
{
	(void)state;
	assert_true(loadopts_names_image("chainload.efi", "chainload.efi"));
	assert_true(loadopts_names_image("CHAINLOAD.EFI", "\\EFI\\chainload\\chainload.efi"));
	assert_true(loadopts_names_image("\\EFI\\BOOT\\BOOTX64.EFI", "\\EFI\\BOOT\\bootx64.efi"));
	assert_true(loadopts_names_image("tftp://10.0.2.2/pxe/chainload.efi", "chainload.efi"));
	assert_false(loadopts_names_image("vmlinuz", "chainload.efi"));
	assert_false(loadopts_names_image("chainload.efi.bak", "chainload.efi"));
	assert_false(loadopts_names_image("chainload", "chainload.efi"));
	assert_false(loadopts_names_image("chainload.efi", "\\EFI\\chainload\\"));
	assert_false(loadopts_names_image("", "chainload.efi"));
	assert_false(loadopts_names_image("-v", ""));
}

static void test_limits(void **state)
{
	uint8_t *b = calloc(LOADOPTS_MAX_CHARS + 2, 2);
	char *small_argv[2];
	char small[8];
	size_t n;

	(void)state;
	for (int i = 0; i < LOADOPTS_MAX_CHARS; i++)
		b[2 * i] = 'a';
	assert_int_equal(split(b, 2 * LOADOPTS_MAX_CHARS), CL_OK);
	assert_int_equal(argc, 1);
	b[2 * LOADOPTS_MAX_CHARS] = 'a';
	assert_int_equal(split(b, 2 * LOADOPTS_MAX_CHARS + 2), CL_E_OPTIONS_NOT_TEXT);
	assert_string_equal(d.msg, "4097 characters, longer than 4096");
	/* Output and word table are bounded by the caller's sizes. */
	n = utf16("a b c", b, 0);
	assert_int_equal(loadopts_split(b, n, text, sizeof(text), small_argv, 2, &argc, &d),
			 CL_E_USAGE);
	assert_string_equal(d.msg, "more than 2 words");
	n = utf16("abcdefgh", b, 0);
	assert_int_equal(loadopts_split(b, n, small, sizeof(small), small_argv, 2, &argc, &d),
			 CL_E_OPTIONS_NOT_TEXT);
	assert_string_equal(d.msg, "too long");
	n = utf16("\"a b", b, 0);
	assert_int_equal(split(b, n), CL_E_USAGE);
	assert_string_equal(d.msg, "unterminated double quote");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),	    cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_not_text),    cmocka_unit_test(test_longest),
		cmocka_unit_test(test_text_cap),    cmocka_unit_test(test_limits),
		cmocka_unit_test(test_names_image),
	};

	return cmocka_run_group_tests_name("loadopts", tests, NULL, NULL);
}
