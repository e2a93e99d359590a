/* SPDX-License-Identifier: MIT */
/* Shared by the libFuzzer targets: input decoding and invariant failures. */
#ifndef CHAINLOAD_FUZZ_H
#define CHAINLOAD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "status_name.h"

/* Reads fixed-size fields from the input; past its end every field is 0. */
struct cursor {
	const uint8_t *p;
	size_t left;
};

static inline uint64_t take_le(struct cursor *c, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		if (c->left) {
			v |= (uint64_t)*c->p++ << (8 * i);
			c->left--;
		}
	return v;
}

/* An invariant broke: say which, and crash so libFuzzer keeps the input. */
#define CHECK(cond, ...)                                                  \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "invariant failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                     \
			fputc('\n', stderr);                              \
			abort();                                          \
		}                                                         \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* CHAINLOAD_FUZZ_H */
