/* SPDX-License-Identifier: MIT */
/*
 * hash64, the default digest of verify-after-copy: what it must notice (any
 * change inside one 8-byte word, pages swapped, duplicated or cut short),
 * that the way the bytes are fed in does not matter, and its values pinned
 * (the EFI application and the control blob must agree).  Then the segment
 * digest over staging pages, for both kinds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "digest.h"
#include "layout.h"
#include "segment_digest.h"
#include "sim.h"

static uint64_t h64(const void *data, size_t len)
{
	uint8_t out[HASH64_DIGEST_SIZE];
	struct hash64 h;
	uint64_t v = 0;

	hash64_init(&h);
	hash64_update(&h, data, len);
	hash64_final(&h, out);
	for (int i = 0; i < HASH64_DIGEST_SIZE; i++)
		v |= (uint64_t)out[i] << (8 * i);
	return v;
}

static uint8_t *pattern(size_t len)
{
	uint8_t *b = malloc(len);

	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)(i * 131 + (i >> 9) * 7 + 1);
	return b;
}

/*
 * Computed by a separate model of the definition in core/hash64.h (a few
 * lines of Python with big integers), not by this code.
 */
#define PINNED_EMPTY 0xaaffdc6c8cf7420bull
#define PINNED_ABC   0xb005f4f2513ba2a3ull
#define PINNED_MIB   0xdbcac2631e785fccull /* pattern(1 MiB) */

static void test_pinned_values(void **state)
{
	uint8_t *b = pattern(1 << 20);

	(void)state;
	assert_int_equal(h64("", 0), PINNED_EMPTY);
	assert_int_equal(h64("abc", 3), PINNED_ABC);
	assert_int_equal(h64(b, 1 << 20), PINNED_MIB);
	free(b);
}

static void test_pieces_do_not_matter(void **state)
{
	static const size_t pieces[] = { 1, 3, 8, 31, 32, 33, 4095, 4096 };
	size_t len = 3 * 4096 + 45;
	uint8_t *b = pattern(len);
	uint64_t whole = h64(b, len);

	(void)state;
	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		uint8_t out[HASH64_DIGEST_SIZE];
		struct hash64 h;
		uint64_t v = 0;

		hash64_init(&h);
		for (size_t off = 0; off < len; off += pieces[i])
			hash64_update(&h, b + off, len - off < pieces[i] ? len - off : pieces[i]);
		hash64_final(&h, out);
		for (int k = 0; k < HASH64_DIGEST_SIZE; k++)
			v |= (uint64_t)out[k] << (8 * k);
		assert_int_equal(v, whole);
	}
	free(b);
}

/* The guarantee: a change inside one 8-byte word is always seen. */
static void test_every_flipped_byte_is_seen(void **state)
{
	size_t len = 4096 + 13;
	uint8_t *b = pattern(len);
	uint64_t clean = h64(b, len);

	(void)state;
	for (size_t i = 0; i < len; i++) {
		uint8_t flip = (uint8_t)(1u << (i % 8));

		b[i] ^= flip;
		assert_int_not_equal(h64(b, len), clean);
		b[i] ^= 0xff;
		assert_int_not_equal(h64(b, len), clean);
		b[i] ^= 0xff ^ flip;
	}
	free(b);
}

/* What a wrong page list would do: pages swapped, one page twice, a short copy. */
static void test_misplaced_pages_are_seen(void **state)
{
	size_t len = 8 * 4096;
	uint8_t *b = pattern(len), *m = malloc(len);
	uint64_t clean = h64(b, len);

	(void)state;
	for (size_t p = 0; p + 1 < 8; p++) {
		memcpy(m, b, len);
		memcpy(m + p * 4096, b + (p + 1) * 4096, 4096);
		memcpy(m + (p + 1) * 4096, b + p * 4096, 4096);
		assert_int_not_equal(h64(m, len), clean);
		memcpy(m + (p + 1) * 4096, b + (p + 1) * 4096, 4096); /* page p+1 twice */
		assert_int_not_equal(h64(m, len), clean);
	}
	memcpy(m, b, len);
	memcpy(m, b + 8, 8); /* two words of one lane swapped */
	memcpy(m + 8 * 4, b, 8);
	memcpy(m + 8, b + 8 * 4, 8);
	assert_int_not_equal(h64(m, 8 * 5), h64(b, 8 * 5));
	memset(m, 0, len);
	assert_int_not_equal(h64(m, len), h64(m, len - 8)); /* zeros still count */
	assert_int_not_equal(h64(m, 1), h64(m, 0));
	free(m);
	free(b);
}

static void test_digest_kinds(void **state)
{
	uint8_t out[DIGEST_MAX_SIZE];
	struct digest d;

	(void)state;
	assert_int_equal(digest_size(DIGEST_HASH64), 8);
	assert_int_equal(digest_size(DIGEST_SHA256), 32);
	memset(out, 0xee, sizeof(out));
	digest_init(&d, DIGEST_HASH64);
	digest_update(&d, "abc", 3);
	digest_final(&d, out);
	for (int i = HASH64_DIGEST_SIZE; i < DIGEST_MAX_SIZE; i++)
		assert_int_equal(out[i], 0); /* the unused bytes are zero, so both sides agree */
	digest_init(&d, DIGEST_SHA256);
	digest_update(&d, "abc", 3);
	digest_final(&d, out);
	assert_int_equal(out[0], 0xba); /* FIPS 180-4: ba7816bf... */
	assert_int_equal(out[31], 0xad);
}

/* A segment staged partly in place, partly in source pages: same digest as its bytes. */
static void check_segment_digest(enum digest_kind kind)
{
	struct layout *l = calloc(1, sizeof(*l));
	uint8_t expect[DIGEST_MAX_SIZE], got[DIGEST_MAX_SIZE];
	uint64_t size = 5 * 4096 + 17, off = 0, addr, len;
	uint8_t *bytes = pattern(size);
	struct page_alloc pa;
	struct digest h;
	struct diag d;
	struct sim s;
	size_t seg;

	sim_init(&s, 16 << 20);
	sim_add(&s, 0, 1 << 20, MM_RESERVED);
	sim_add(&s, 1 << 20, 0x200000, MM_CONVENTIONAL);
	sim_add(&s, 0x200000, 0x203000, MM_BOOT_DATA); /* the first 3 pages must be staged */
	sim_add(&s, 0x203000, 16 << 20, MM_CONVENTIONAL);
	pa = sim_allocator(&s);
	layout_init(l);
	assert_int_equal(layout_reserve(l, &s.map, &pa, 0x200000, 0x206000, &d), CL_OK);
	assert_int_equal(
		layout_add_segment(l, &s.map, &pa, "kernel", 0x200000, size, false, &seg, &d),
		CL_OK);
	assert_true(l->n_extents >= 2);
	while (off < size && layout_chunk(l, seg, off, &addr, &len)) {
		if (len > size - off)
			len = size - off;
		memcpy(s.ram + addr, bytes + off, len);
		off += len;
	}
	/* The page tail past the data is not part of the digest. */
	layout_chunk(l, seg, size, &addr, &len);
	memset(s.ram + addr, 0x77, len);
	digest_init(&h, kind);
	digest_update(&h, bytes, size);
	digest_final(&h, expect);
	segment_digest(l, &pa, seg, kind, got);
	assert_memory_equal(got, expect, sizeof(got));
	s.ram[l->extents[0].src] ^= 1; /* a staged byte changes: so does the digest */
	segment_digest(l, &pa, seg, kind, got);
	assert_memory_not_equal(got, expect, sizeof(got));
	free(bytes);
	free(l);
	sim_free(&s);
}

static void test_segment_digest_follows_extents(void **state)
{
	(void)state;
	check_segment_digest(DIGEST_HASH64);
	check_segment_digest(DIGEST_SHA256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned_values),
		cmocka_unit_test(test_pieces_do_not_matter),
		cmocka_unit_test(test_every_flipped_byte_is_seen),
		cmocka_unit_test(test_misplaced_pages_are_seen),
		cmocka_unit_test(test_digest_kinds),
		cmocka_unit_test(test_segment_digest_follows_extents),
	};

	return cmocka_run_group_tests_name("digest", tests, NULL, NULL);
}
