/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4), small and freestanding: it is linked both into the
 * EFI application (digests before ExitBootServices) and into the control
 * page blob (the same digests after the copy), so it uses no library calls,
 * no SIMD and no data that needs relocation.
 */
#ifndef CHAINLOAD_SHA256_H
#define CHAINLOAD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32

struct sha256 {
	uint32_t h[8];
	uint64_t length; /* bytes hashed so far */
	uint8_t block[64];
	uint32_t fill; /* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_DIGEST_SIZE]);

#endif /* CHAINLOAD_SHA256_H */
