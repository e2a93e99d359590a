/* SPDX-License-Identifier: MIT */
/*
 * The digest of a segment as it will stand at its destination, computed
 * from its staging pages before ExitBootServices; the control blob computes
 * it again after the copy (relocate/blob/verify.c).
 */
#ifndef CHAINLOAD_SEGMENT_DIGEST_H
#define CHAINLOAD_SEGMENT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "digest.h"
#include "layout.h"
#include "page_alloc.h"

void segment_digest(const struct layout *l, const struct page_alloc *pa, size_t seg,
		    enum digest_kind kind, uint8_t out[DIGEST_MAX_SIZE]);

#endif /* CHAINLOAD_SEGMENT_DIGEST_H */
