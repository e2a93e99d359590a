/* SPDX-License-Identifier: MIT */
/* SHA-256 against FIPS 180-4 examples, and segment digests over staging pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "layout.h"
#include "segment_digest.h"
#include "sha256.h"
#include "sim.h"

static void hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void digest_in_pieces(const uint8_t *msg, size_t len, size_t piece, char *out)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256 s;

	sha256_init(&s);
	for (size_t off = 0; off < len; off += piece)
		sha256_update(&s, msg + off, len - off < piece ? len - off : piece);
	sha256_final(&s, d);
	hex(d, out);
}

static void test_known_answers(void **state)
{
	static const struct {
		const char *msg;
		const char *digest;
	} cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char out[65];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (size_t piece = 1; piece <= 64; piece *= 4) {
			digest_in_pieces((const uint8_t *)cases[i].msg, strlen(cases[i].msg), piece,
					 out);
			assert_string_equal(out, cases[i].digest);
		}
}

static void test_million_a(void **state)
{
	static uint8_t msg[1000000];
	char out[65];

	(void)state;
	memset(msg, 'a', sizeof(msg));
	digest_in_pieces(msg, sizeof(msg), 4093, out);
	assert_string_equal(out,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* A segment staged partly in place, partly in source pages: same digest as its bytes. */
static void test_segment_digest_follows_extents(void **state)
{
	struct layout *l = calloc(1, sizeof(*l));
	uint8_t expect[SHA256_DIGEST_SIZE], got[SHA256_DIGEST_SIZE];
	uint64_t size = 5 * 4096 + 17, off = 0, addr, len;
	uint8_t *bytes = malloc(size);
	struct page_alloc pa;
	struct diag d;
	struct sim s;
	size_t seg;

	(void)state;
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
	for (uint64_t i = 0; i < size; i++)
		bytes[i] = (uint8_t)(i * 7 + 3);
	while (off < size && layout_chunk(l, seg, off, &addr, &len)) {
		if (len > size - off)
			len = size - off;
		memcpy(s.ram + addr, bytes + off, len);
		off += len;
	}
	{
		struct sha256 h;

		sha256_init(&h);
		sha256_update(&h, bytes, size);
		sha256_final(&h, expect);
	}
	segment_digest(l, &pa, seg, got);
	assert_memory_equal(got, expect, sizeof(got));
	s.ram[l->extents[0].src] ^= 1; /* a staged byte changes: so does the digest */
	segment_digest(l, &pa, seg, got);
	assert_memory_not_equal(got, expect, sizeof(got));
	free(bytes);
	free(l);
	sim_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_segment_digest_follows_extents),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
