/* SPDX-License-Identifier: MIT */
/*
 * The digests verify-after-copy can use, behind one interface: hash64 (the
 * default integrity digest) or SHA-256 (--verify=sha256).  The EFI
 * application takes them before ExitBootServices (segment_digest.c), the
 * control blob again at the final addresses (relocate/blob/verify.c).
 */
#ifndef CHAINLOAD_DIGEST_H
#define CHAINLOAD_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "hash64.h"
#include "sha256.h"

enum digest_kind {
	DIGEST_HASH64,
	DIGEST_SHA256,
};

#define DIGEST_MAX_SIZE SHA256_DIGEST_SIZE

struct digest {
	enum digest_kind kind;
	union {
		struct hash64 hash64;
		struct sha256 sha256;
	} u;
};

/* Bytes of a digest of this kind: 8 or 32. */
unsigned digest_size(enum digest_kind kind);
void digest_init(struct digest *d, enum digest_kind kind);
void digest_update(struct digest *d, const void *data, size_t len);
/* Writes digest_size(kind) bytes and zeroes the rest of `out`. */
void digest_final(struct digest *d, uint8_t out[DIGEST_MAX_SIZE]);

#endif /* CHAINLOAD_DIGEST_H */
