/* SPDX-License-Identifier: MIT */
#include "hash64.h"

/* Odd multipliers (2^64 / golden ratio, and two from splitmix64's finalizer). */
#define K_STEP 0x9e3779b97f4a7c15ull
#define K_MIX1 0xbf58476d1ce4e5b9ull
#define K_MIX2 0x94d049bb133111ebull

static inline uint64_t rotl64(uint64_t x, unsigned n)
{
	return x << n | x >> (64 - n);
}

/*
 * Written out so that compilers make it one load (a loop stays a loop), and
 * inlined by force: the hot loop must not make four calls a block.
 */
#define HOT static inline __attribute__((always_inline))

HOT uint64_t le64(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

HOT uint64_t step(uint64_t lane, uint64_t word)
{
	return rotl64((lane ^ word) * K_STEP, 31);
}

/* One-to-one, and every input bit reaches every output bit. */
static uint64_t mix(uint64_t x)
{
	x = (x ^ x >> 30) * K_MIX1;
	x = (x ^ x >> 27) * K_MIX2;
	return x ^ x >> 31;
}

/* Whole blocks: the hot loop, four lanes, no dependency between them. */
static void blocks(uint64_t lane[4], const uint8_t *p, size_t n)
{
	uint64_t a = lane[0], b = lane[1], c = lane[2], d = lane[3];

	for (; n; n--, p += HASH64_BLOCK) {
		a = step(a, le64(p));
		b = step(b, le64(p + 8));
		c = step(c, le64(p + 16));
		d = step(d, le64(p + 24));
	}
	lane[0] = a;
	lane[1] = b;
	lane[2] = c;
	lane[3] = d;
}

void hash64_init(struct hash64 *h)
{
	for (unsigned i = 0; i < 4; i++)
		h->lane[i] = K_STEP * (i + 1);
	h->length = 0;
	h->fill = 0;
}

void hash64_update(struct hash64 *h, const void *data, size_t len)
{
	const uint8_t *p = data;

	h->length += len;
	while (h->fill && len) {
		h->block[h->fill++] = *p++;
		len--;
		if (h->fill == HASH64_BLOCK) {
			blocks(h->lane, h->block, 1);
			h->fill = 0;
		}
	}
	blocks(h->lane, p, len / HASH64_BLOCK);
	p += len - len % HASH64_BLOCK;
	for (len %= HASH64_BLOCK; len; len--)
		h->block[h->fill++] = *p++;
}

void hash64_final(struct hash64 *h, uint8_t out[HASH64_DIGEST_SIZE])
{
	uint64_t x;

	/* The tail, zero padded; the length tells "ab" from "ab\0". */
	if (h->fill) {
		while (h->fill < HASH64_BLOCK)
			h->block[h->fill++] = 0;
		blocks(h->lane, h->block, 1);
		h->fill = 0;
	}
	/* Each stage one-to-one in the lane it takes in. */
	x = mix(h->length);
	for (unsigned i = 0; i < 4; i++)
		x = mix(x ^ h->lane[i]);
	for (unsigned i = 0; i < HASH64_DIGEST_SIZE; i++)
		out[i] = (uint8_t)(x >> (8 * i));
}
