/* SPDX-License-Identifier: MIT */
#include "segment_digest.h"

void segment_digest(const struct layout *l, const struct page_alloc *pa, size_t seg,
		    enum digest_kind kind, uint8_t out[DIGEST_MAX_SIZE])
{
	uint64_t size = l->segments[seg].size, offset = 0, addr, len;
	struct digest d;

	digest_init(&d, kind);
	while (offset < size && layout_chunk(l, seg, offset, &addr, &len)) {
		if (len > size - offset)
			len = size - offset;
		digest_update(&d, pa->map(pa->ctx, addr), len);
		offset += len;
	}
	digest_final(&d, out);
}
