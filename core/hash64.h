/* SPDX-License-Identifier: MIT */
/*
 * hash64: the integrity digest of verify-after-copy (the default,
 * --verify=fast).  Four independent lanes take one 64-bit little-endian
 * word each in turn; a lane steps as  lane = rotl64((lane ^ word) * K, 31),
 * which for a fixed lane is one-to-one in the word and for a fixed word
 * one-to-one in the lane.  So a change confined to one aligned 8-byte word
 * (one flipped bit or byte, a torn qword) always changes the digest, and a
 * wider change (a page missing, duplicated or swapped) survives only by
 * chance, about 2^-64.  It is no defence against someone who chooses the
 * bytes: that is Secure Boot's job, and --verify=sha256 is there for
 * those who want a cryptographic digest anyway.
 *
 * Freestanding like sha256.c: linked into the EFI application and into
 * the control blob, no library calls, no SIMD, nothing to relocate.
 */
#ifndef CHAINLOAD_HASH64_H
#define CHAINLOAD_HASH64_H

#include <stddef.h>
#include <stdint.h>

#define HASH64_DIGEST_SIZE 8
#define HASH64_BLOCK	   32 /* one word for each of the four lanes */

struct hash64 {
	uint64_t lane[4];
	uint64_t length; /* bytes hashed so far */
	uint8_t block[HASH64_BLOCK];
	uint32_t fill; /* bytes waiting in block */
};

void hash64_init(struct hash64 *h);
void hash64_update(struct hash64 *h, const void *data, size_t len);
/* The digest, as 8 bytes little-endian. */
void hash64_final(struct hash64 *h, uint8_t out[HASH64_DIGEST_SIZE]);

#endif /* CHAINLOAD_HASH64_H */
