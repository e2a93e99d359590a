/* SPDX-License-Identifier: MIT */
/*
 * The SHA-256 of a segment as it will stand at its destination, computed
 * from its staging pages before ExitBootServices; the control blob computes
 * it again after the copy (relocate/blob/verify.c).
 */
#ifndef CHAINLOAD_SEGMENT_DIGEST_H
#define CHAINLOAD_SEGMENT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "page_alloc.h"
#include "sha256.h"

void segment_digest(const struct layout *l, const struct page_alloc *pa, size_t seg,
		    uint8_t out[SHA256_DIGEST_SIZE]);

#endif /* CHAINLOAD_SEGMENT_DIGEST_H */
