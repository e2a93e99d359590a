/* SPDX-License-Identifier: MIT */
#include "segment_digest.h"

void segment_digest(const struct layout *l, const struct page_alloc *pa, size_t seg,
		    uint8_t out[SHA256_DIGEST_SIZE])
{
	uint64_t size = l->segments[seg].size, offset = 0, addr, len;
	struct sha256 s;

	sha256_init(&s);
	while (offset < size && layout_chunk(l, seg, offset, &addr, &len)) {
		if (len > size - offset)
			len = size - offset;
		sha256_update(&s, pa->map(pa->ctx, addr), len);
		offset += len;
	}
	sha256_final(&s, out);
}
