/* SPDX-License-Identifier: MIT */
/* SHA-256 against FIPS 180-4 examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sha256.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_million_a),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
