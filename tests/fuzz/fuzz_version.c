/* SPDX-License-Identifier: MIT */
/*
 * Version comparison (core/version.c) over arbitrary text: the input is up
 * to three versions separated by NUL bytes.  It must end, answer -1, 0 or
 * 1, and be an order: each version equal to itself, a against b the
 * opposite of b against a, and transitive over the three (the boot menu
 * sorts with it, and a sort with a comparison that is not an order may
 * loop or leave entries out of place).
 */
#include <string.h>

#include "fuzz.h"
#include "version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 3), *v[3];
	int ab, bc, ac;

	memcpy(text, data, size);
	memset(text + size, 0, 3);
	v[0] = text;
	for (int i = 1; i < 3; i++) {
		char *end = v[i - 1] + strlen(v[i - 1]);

		v[i] = end < text + size ? end + 1 : end; /* past an input NUL, or empty */
	}
	for (int i = 0; i < 3; i++)
		CHECK(version_compare(v[i], v[i]) == 0, "\"%s\" against itself", v[i]);
	ab = version_compare(v[0], v[1]);
	bc = version_compare(v[1], v[2]);
	ac = version_compare(v[0], v[2]);
	CHECK(ab >= -1 && ab <= 1, "answer %d", ab);
	CHECK(version_compare(v[1], v[0]) == -ab, "not antisymmetric: \"%s\" \"%s\"", v[0], v[1]);
	if (ab == bc)
		CHECK(ac == ab, "not transitive: \"%s\" \"%s\" \"%s\"", v[0], v[1], v[2]);
	if (ab == 0)
		CHECK(ac == bc, "equal versions differ against a third: \"%s\" \"%s\" \"%s\"", v[0],
		      v[1], v[2]);
	free(text);
	return 0;
}
