/* SPDX-License-Identifier: MIT */
/*
 * Staging: claim every destination window, then read each file once,
 * straight to where the stub will take it from (its destination when read
 * in place, else staging pages outside every window).  A kernel that must be
 * verified or measured is read whole into one buffer, and those very bytes
 * are verified, measured and copied to the kernel's window by the stub.
 */
#include "launch/launch_state.h"

#include <efilib.h>

/* Reads `len` file bytes into segment `seg` from `offset`, chunk by chunk. */
static EFI_STATUS read_into(struct launch *ln, size_t seg, UINT64 offset, struct efi_file *f,
			    UINT64 file_offset, UINT64 len)
{
	while (len) {
		UINT64 addr, n;
		EFI_STATUS st;

		if (!layout_chunk(ln->layout, seg, offset, &addr, &n))
			return con_error(EFI_ABORTED, f->path, "no staging page for byte %llu",
					 (unsigned long long)file_offset);
		if (n > len)
			n = len;
		st = file_read(f, file_offset, (void *)(UINTN)addr, n);
		if (EFI_ERROR(st))
			return st;
		offset += n;
		file_offset += n;
		len -= n;
	}
	return EFI_SUCCESS;
}

/* Secure Boot: the verifier says yes, else the launch stops.  TPM: PCR 4, once. */
static EFI_STATUS verify_and_measure(struct launch *ln, const UINT8 *file)
{
	BOOLEAN measured = FALSE;
	EFI_STATUS st;

	if (ln->trust_required) {
		st = kernel_trust_verify(ln->image, ln->volume, &ln->kernel, file, ln->kernel.size,
					 &measured);
		if (EFI_ERROR(st))
			return st;
	}
	if (measured) {
		if (ln->args->verbose)
			con_print("chainload: %s was measured into PCR 4 by its verifier\n",
				  ln->kernel.path);
		return EFI_SUCCESS;
	}
	return measure_kernel(&ln->measure, ln->volume, &ln->kernel, file, ln->kernel.size);
}

/*
 * The whole file, read once into pages outside every window, placed so
 * that its payload starts on a page: the stub copies the payload pages
 * from there.  Its first bytes must be the header the plan was made from;
 * then that buffer is verified and measured, and staged as the kernel.
 */
static EFI_STATUS stage_whole_kernel(struct launch *ln)
{
	UINT64 lead = align_up(ln->bz.setup_size, PAGE_SIZE) - ln->bz.setup_size;
	UINT64 setup_pages = (lead + ln->bz.setup_size) / PAGE_SIZE;
	UINT64 payload_pages = pages_for(ln->bz.payload_size);
	UINT64 addr, payload;
	UINT8 *file;
	struct diag d;
	EFI_STATUS st;
	int rc;

	rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_DATA, setup_pages + payload_pages,
				  UINT64_MAX, &addr, &d);
	if (rc)
		return con_error(efi_status_of(rc), ln->kernel.path,
				 "no memory to read the whole "
				 "file (%llu pages) for verification or measurement",
				 (unsigned long long)(setup_pages + payload_pages));
	file = (UINT8 *)(UINTN)(addr + lead);
	payload = addr + setup_pages * PAGE_SIZE;
	st = file_read(&ln->kernel, 0, file, ln->kernel.size);
	if (EFI_ERROR(st))
		return st;
	if (CompareMem(file, ln->head, ln->head_len))
		return con_error(EFI_MEDIA_CHANGED, ln->kernel.path,
				 "changed while it was read: its first %llu bytes differ from the "
				 "header the plan was made from",
				 (unsigned long long)ln->head_len);
	st = verify_and_measure(ln, file);
	if (EFI_ERROR(st))
		return st;
	rc = layout_add_segment_staged(ln->layout, "kernel", ln->plan.kernel_addr,
				       ln->bz.payload_size, payload, &ln->kernel_seg, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	return EFI_SUCCESS;
}

/* The payload read to its destination pages where they are free now, else staged. */
static EFI_STATUS stage_kernel_payload(struct launch *ln)
{
	struct diag d;
	int rc;

	rc = layout_add_segment(ln->layout, &ln->map, &ln->pa, "kernel", ln->plan.kernel_addr,
				ln->bz.payload_size, ln->args->force_copy, &ln->kernel_seg, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	return read_into(ln, ln->kernel_seg, 0, &ln->kernel, ln->bz.setup_size,
			 ln->bz.payload_size);
}

/* The initrd image: each file at its offset, zeros between them and after. */
static EFI_STATUS stage_initrds(struct launch *ln)
{
	struct layout *l = ln->layout;
	struct diag d;
	EFI_STATUS st;
	int rc;

	rc = layout_add_segment(l, &ln->map, &ln->pa, "initrd", ln->plan.initrd_addr,
				ln->initrd_size, ln->args->force_copy, &ln->initrd_seg, &d);
	if (rc)
		return launch_core_error(rc, ln->initrd_names, &d);
	for (size_t i = 0; i < ln->args->n_initrds; i++) {
		UINT64 off = ln->initrd_offset[i];
		UINT64 prev_end = i ? ln->initrd_offset[i - 1] + ln->initrds[i - 1].size : 0;

		layout_zero(l, &ln->pa, ln->initrd_seg, prev_end, off - prev_end);
		st = read_into(ln, ln->initrd_seg, off, &ln->initrds[i], 0, ln->initrds[i].size);
		if (EFI_ERROR(st))
			return st;
	}
	layout_zero(l, &ln->pa, ln->initrd_seg, ln->initrd_size, PAGE_SIZE);
	return EFI_SUCCESS;
}

EFI_STATUS launch_stage_files(struct launch *ln)
{
	struct layout *l = ln->layout;
	struct diag d;
	EFI_STATUS st;
	int rc;

	layout_init(l);
	/* The stub copies before it leaves long mode, but the 32-bit entry's promise is all below 4 GiB. */
	if (ln->entry.kind == ENTRY_32)
		l->alloc_end = FOUR_GIB;
	rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.kernel_addr, ln->plan.kernel_end, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	if (ln->initrd_size) {
		rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.initrd_addr, ln->plan.initrd_end,
				    &d);
		if (rc)
			return launch_core_error(rc, ln->initrd_names, &d);
	}
	st = ln->whole_kernel ? stage_whole_kernel(ln) : stage_kernel_payload(ln);
	if (EFI_ERROR(st))
		return st;
	layout_zero(l, &ln->pa, ln->kernel_seg, ln->bz.payload_size, PAGE_SIZE);
	return ln->initrd_size ? stage_initrds(ln) : EFI_SUCCESS;
}
