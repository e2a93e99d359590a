/* SPDX-License-Identifier: MIT */
/*
 * A small seeded generator for randomized host tests (splitmix64), so a
 * failing run can be replayed exactly with SEED=<value>, whatever the C
 * library's rand() does.
 */
#ifndef CHAINLOAD_TEST_RNG_H
#define CHAINLOAD_TEST_RNG_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct rng {
	uint64_t state;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0.  The bias of a plain modulo is irrelevant here. */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

/* Uniform in [lo, hi]. */
static inline uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* True with probability num/den. */
static inline int rng_chance(struct rng *r, uint64_t num, uint64_t den)
{
	return rng_below(r, den) < num;
}

/* The run's seed: $SEED when set (to replay a failure), else a fresh one. */
static inline uint64_t rng_seed_from_env(void)
{
	const char *s = getenv("SEED");

	if (s && *s)
		return strtoull(s, NULL, 0);
	return (uint64_t)time(NULL) * 0x100000001b3ull ^ (uint64_t)getpid() << 16;
}

#endif /* CHAINLOAD_TEST_RNG_H */
