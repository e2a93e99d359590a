/* SPDX-License-Identifier: MIT */
#include "digest.h"

unsigned digest_size(enum digest_kind kind)
{
	return kind == DIGEST_SHA256 ? SHA256_DIGEST_SIZE : HASH64_DIGEST_SIZE;
}

void digest_init(struct digest *d, enum digest_kind kind)
{
	d->kind = kind;
	if (kind == DIGEST_SHA256)
		sha256_init(&d->u.sha256);
	else
		hash64_init(&d->u.hash64);
}

void digest_update(struct digest *d, const void *data, size_t len)
{
	if (d->kind == DIGEST_SHA256)
		sha256_update(&d->u.sha256, data, len);
	else
		hash64_update(&d->u.hash64, data, len);
}

void digest_final(struct digest *d, uint8_t out[DIGEST_MAX_SIZE])
{
	for (unsigned i = 0; i < DIGEST_MAX_SIZE; i++)
		out[i] = 0;
	if (d->kind == DIGEST_SHA256)
		sha256_final(&d->u.sha256, out);
	else
		hash64_final(&d->u.hash64, out);
}
