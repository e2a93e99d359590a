/* SPDX-License-Identifier: MIT */
/*
 * bzImage header parsing: the input is the file.  Accepted headers must
 * satisfy everything placement and boot_params rely on, and the zero page
 * built from them must hold the setup header by its own length, nothing
 * more, with the sentinel zero.
 */
#include <stdbool.h>
#include <string.h>

#include "bootparam.h"
#include "bootparams.h"
#include "bzimage.h"
#include "fuzz.h"

/* Header bytes the loader writes itself (boot.rst: "write" and "modify" fields). */
static bool loader_owned(size_t off)
{
	static const size_t fields[][2] = {
		{ 0x1fa, 2 }, { 0x210, 1 }, { 0x214, 4 }, { 0x218, 4 },
		{ 0x21c, 4 }, { 0x228, 4 }, { 0x230, 4 }, { 0x250, 8 },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (off >= fields[i][0] && off < fields[i][0] + fields[i][1])
			return true;
	return false;
}

static void check_accepted(const uint8_t *head, size_t head_len, uint64_t file_size,
			   const struct bzimage_info *bz)
{
	static struct boot_params bp;
	/* Aligned to min_alignment but not twice that: the least the planner gives. */
	struct bootparams_request req = { head, bz, 3 * bz->min_alignment, 0x20000, 0, 0 };
	unsigned sects = head[0x1f1] ? head[0x1f1] : 4;
	const uint8_t *page = (const uint8_t *)&bp;

	CHECK(bz->version >= SETUP_MIN_VERSION, "version 0x%x", bz->version);
	CHECK(bz->header_end >= 0x264 && bz->header_end <= head_len && bz->header_end <= 0x301,
	      "header_end %llu", (unsigned long long)bz->header_end);
	CHECK(bz->setup_size == (sects + 1) * 512ull, "setup_size");
	CHECK(bz->setup_size + bz->payload_size == file_size, "payload_size");
	CHECK(bz->payload_size > 0, "no kernel");
	CHECK(!(bz->xloadflags & XLF_KERNEL_64) || bz->payload_size > STARTUP_64_OFFSET,
	      "no room for the 64-bit entry");
	CHECK(bz->init_size >= bz->payload_size, "init_size below payload");
	CHECK(!(bz->pref_address & 0xfff), "pref_address unaligned");
	CHECK(bz->min_alignment >= 4096 && !(bz->min_alignment & (bz->min_alignment - 1)),
	      "min_alignment");
	CHECK(bz->kernel_alignment >= bz->min_alignment &&
		      !(bz->kernel_alignment & (bz->kernel_alignment - 1)),
	      "kernel_alignment");

	/* The zero page: the header copied by its own length, nothing else of the file. */
	bootparams_init(&bp, &req);
	CHECK(bp.sentinel == 0, "sentinel");
	for (size_t i = 0; i < 0x1f1; i++)
		CHECK(page[i] == 0 || (i >= 0xc0 && i < 0xcc), "byte 0x%zx before the header", i);
	/* Inside the header, the file's bytes but for the fields the loader owns. */
	for (size_t i = 0x1f1; i < bz->header_end; i++)
		CHECK(page[i] == head[i] || loader_owned(i), "header byte 0x%zx", i);
	for (size_t i = bz->header_end; i < sizeof(bp); i++)
		CHECK(page[i] == 0, "byte 0x%zx past the header", i);
	CHECK(bp.hdr.type_of_loader == 0xff, "type_of_loader");
	CHECK(bp.hdr.code32_start == (uint32_t)(3 * bz->min_alignment), "code32_start");
	CHECK(!bz->relocatable || bp.hdr.kernel_alignment == bz->min_alignment,
	      "kernel_alignment %u, the kernel sits at 3 * %llu", bp.hdr.kernel_alignment,
	      (unsigned long long)bz->min_alignment);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t head_len = size < BZIMAGE_HEAD_BYTES ? size : BZIMAGE_HEAD_BYTES;
	struct bzimage_info bz;
	struct diag d = { "" };
	uint64_t longer;
	int rc;

	/* The file as it is, then the same head in a file that goes on longer. */
	rc = bzimage_parse(data, head_len, size, &bz, &d);
	CHECK(rc >= 0 && rc < CL_STATUS_COUNT, "status %d", rc);
	CHECK(rc == CL_OK || d.msg[0], "rejected without a message (%s)", cl_status_name(rc));
	if (!rc)
		check_accepted(data, head_len, size, &bz);
	if (size < 4)
		return 0;
	longer = size + (data[size - 1] | data[size - 2] << 8 | (uint64_t)data[size - 3] << 16 |
			 (uint64_t)data[size - 4] << 24) *
				64;
	d.msg[0] = '\0';
	rc = bzimage_parse(data, head_len, longer, &bz, &d);
	CHECK(rc == CL_OK || d.msg[0], "rejected without a message (%s)", cl_status_name(rc));
	if (!rc)
		check_accepted(data, head_len, longer, &bz);
	return 0;
}
