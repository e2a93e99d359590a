/* SPDX-License-Identifier: MIT */
/*
 * Checks follow Documentation/arch/x86/boot.rst: the boot flag and "HdrS"
 * identify a setup header, protocol 2.12 adds xloadflags (and with it the
 * XLF_KERNEL_64 promise of a 64-bit entry at load + 0x200; a kernel without
 * it has only the 32-bit entry, core/entry.c chooses), setup_sects of 0
 * means 4, and syssize gives the protected-mode size in 16-byte units.
 */
#include "bzimage.h"

#include "bootparam.h"
#include "le.h"
#include "pe.h"
#include "units.h"

#define OFF(field)                                     \
	(__builtin_offsetof(struct boot_params, hdr) + \
	 __builtin_offsetof(struct setup_header, field))

/* Fields up to kernel_info_offset exist from protocol 2.15; we read to 0x264. */
#define HEADER_MIN_END (OFF(init_size) + 4)

static int check_identity(const uint8_t *head, size_t head_len, uint64_t file_size,
			  struct diag *diag)
{
	if (file_size < HEADER_MIN_END || head_len < HEADER_MIN_END)
		return diag_set(diag, CL_E_KERNEL_TOO_SMALL,
				"file is %llu bytes, too small for a Linux setup header (%u)",
				(unsigned long long)file_size, (unsigned)HEADER_MIN_END);
	if (le16(head + OFF(boot_flag)) != SETUP_BOOT_FLAG) {
		if (le16(head) == PE_DOS_MAGIC)
			return diag_set(
				diag, CL_E_KERNEL_PE_ONLY,
				"PE/COFF image without a Linux setup header, not a bzImage");
		return diag_set(diag, CL_E_KERNEL_NO_BOOT_FLAG,
				"not a Linux bzImage: no 0xAA55 boot flag at offset 0x1fe");
	}
	if (le32(head + OFF(header)) != SETUP_HDRS_MAGIC)
		return diag_set(diag, CL_E_KERNEL_NO_HDRS,
				"not a Linux bzImage: no \"HdrS\" magic at offset 0x202");
	return CL_OK;
}

static int check_capabilities(const uint8_t *head, struct bzimage_info *bz, struct diag *diag)
{
	bz->version = le16(head + OFF(version));
	if (bz->version < SETUP_MIN_VERSION)
		return diag_set(diag, CL_E_KERNEL_PROTOCOL,
				"boot protocol %u.%02u is older than 2.12, no xloadflags",
				bz->version >> 8, bz->version & 0xff);
	bz->xloadflags = le16(head + OFF(xloadflags));
	return CL_OK;
}

static int check_sizes(const uint8_t *head, size_t head_len, uint64_t file_size,
		       struct bzimage_info *bz, struct diag *diag)
{
	unsigned sects = head[OFF(setup_sects)];
	uint64_t syssize_bytes = (uint64_t)le32(head + OFF(syssize)) * 16;

	bz->header_end = 0x202 + (uint64_t)head[0x201];
	if (bz->header_end < HEADER_MIN_END)
		return diag_set(diag, CL_E_KERNEL_BAD_HEADER,
				"setup header is %llu bytes long, protocol 2.12 needs %u",
				(unsigned long long)(bz->header_end - OFF(setup_sects)),
				(unsigned)(HEADER_MIN_END - OFF(setup_sects)));
	if (bz->header_end > head_len)
		return diag_set(diag, CL_E_KERNEL_TRUNCATED,
				"setup header ends at %llu, past the %llu bytes read",
				(unsigned long long)bz->header_end, (unsigned long long)head_len);
	bz->setup_size = (uint64_t)((sects ? sects : 4) + 1) * 512;
	if (file_size <= bz->setup_size)
		return diag_set(diag, CL_E_KERNEL_TRUNCATED,
				"file is %llu bytes, but its %llu setup bytes leave no kernel",
				(unsigned long long)file_size, (unsigned long long)bz->setup_size);
	bz->payload_size = file_size - bz->setup_size;
	if (syssize_bytes > bz->payload_size)
		return diag_set(diag, CL_E_KERNEL_TRUNCATED,
				"file is %llu bytes, but its header says %llu",
				(unsigned long long)file_size,
				(unsigned long long)(bz->setup_size + syssize_bytes));
	if ((bz->xloadflags & XLF_KERNEL_64) && bz->payload_size <= STARTUP_64_OFFSET)
		return diag_set(diag, CL_E_KERNEL_TRUNCATED,
				"kernel ends at %llu bytes, before its 64-bit entry point",
				(unsigned long long)bz->payload_size);
	bz->init_size = le32(head + OFF(init_size));
	if (bz->init_size < bz->payload_size)
		return diag_set(diag, CL_E_KERNEL_BAD_HEADER,
				"init_size %llu is smaller than the kernel's %llu bytes",
				(unsigned long long)bz->init_size,
				(unsigned long long)bz->payload_size);
	bz->cmdline_size = le32(head + OFF(cmdline_size));
	bz->initrd_addr_max = le32(head + OFF(initrd_addr_max));
	return CL_OK;
}

static int check_placement(const uint8_t *head, struct bzimage_info *bz, struct diag *diag)
{
	unsigned min_shift = head[OFF(min_alignment)];

	bz->relocatable = head[OFF(relocatable_kernel)] != 0;
	bz->pref_address = le64(head + OFF(pref_address));
	bz->kernel_alignment = le32(head + OFF(kernel_alignment));
	if (!is_aligned(bz->pref_address, PAGE_SIZE))
		return diag_set(diag, CL_E_KERNEL_BAD_HEADER,
				"pref_address 0x%llx is not page aligned",
				(unsigned long long)bz->pref_address);
	if (!bz->relocatable) {
		bz->kernel_alignment = bz->min_alignment = PAGE_SIZE;
		return CL_OK;
	}
	if (!is_pow2(bz->kernel_alignment) || bz->kernel_alignment < PAGE_SIZE)
		return diag_set(diag, CL_E_KERNEL_BAD_HEADER,
				"kernel_alignment 0x%llx is not a power of two of at least 4 KiB",
				(unsigned long long)bz->kernel_alignment);
	if (min_shift < PAGE_SHIFT || min_shift > 63 || (1ull << min_shift) > bz->kernel_alignment)
		return diag_set(diag, CL_E_KERNEL_BAD_HEADER,
				"min_alignment 2^%u is outside [4 KiB, kernel_alignment]",
				min_shift);
	bz->min_alignment = 1ull << min_shift;
	return CL_OK;
}

int bzimage_parse(const uint8_t *head, size_t head_len, uint64_t file_size,
		  struct bzimage_info *ret, struct diag *diag)
{
	struct bzimage_info bz = { 0 };
	int rc;

	rc = check_identity(head, head_len, file_size, diag);
	if (rc)
		return rc;
	rc = check_capabilities(head, &bz, diag);
	if (rc)
		return rc;
	rc = check_sizes(head, head_len, file_size, &bz, diag);
	if (rc)
		return rc;
	rc = check_placement(head, &bz, diag);
	if (rc)
		return rc;
	*ret = bz;
	return CL_OK;
}
