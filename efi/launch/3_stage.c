/* SPDX-License-Identifier: MIT */
/*
 * Staging: claim every destination window, stage what cannot be read in
 * place, and read the files straight into their pages.
 */
#include "launch/launch_state.h"

#include <efilib.h>

/* Reads `len` file bytes into segment `seg` from `offset`, chunk by chunk. */
static EFI_STATUS read_into(struct launch *ln, size_t seg, UINT64 offset,
			    struct efi_file *f, UINT64 file_offset, UINT64 len)
{
	while (len) {
		UINT64 addr, n;
		EFI_STATUS st;

		if (!layout_chunk(ln->layout, seg, offset, &addr, &n))
			return con_error(EFI_ABORTED, f->path, "no staging page for byte %llu",
					 (unsigned long long)offset);
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

/*
 * The whole-kernel buffer was allocated before the plan existed; a fixed
 * kernel's window may cover it (busy then, free after the exit).  Then the
 * verified bytes move, in memory, to pages outside every window.
 */
static int keep_kernel_buffer_outside(struct launch *ln, struct diag *d)
{
	UINT64 bytes = align_up(ln->bz.payload_size, PAGE_SIZE), addr;
	int rc;

	if (!layout_in_window(ln->layout, ln->kernel_buf, ln->kernel_buf + bytes))
		return CL_OK;
	rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_DATA, bytes / PAGE_SIZE + 1,
				  UINT64_MAX, &addr, d);
	if (rc)
		return rc;
	CopyMem((void *)(UINTN)addr, (void *)(UINTN)ln->kernel_buf, ln->bz.payload_size);
	ln->kernel_buf = addr;
	return CL_OK;
}

EFI_STATUS launch_stage_files(struct launch *ln)
{
	const struct boot_args *a = ln->args;
	struct layout *l = ln->layout;
	struct diag d;
	EFI_STATUS st;
	int rc;

	layout_init(l);
	rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.kernel_addr, ln->plan.kernel_end, &d);
	if (!rc && ln->initrd_size)
		rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.initrd_addr,
				    ln->plan.initrd_end, &d);
	if (!rc && ln->whole_kernel)
		rc = keep_kernel_buffer_outside(ln, &d);
	if (!rc && ln->whole_kernel)
		rc = layout_add_segment_staged(l, "kernel", ln->plan.kernel_addr,
					       ln->bz.payload_size, ln->kernel_buf,
					       &ln->kernel_seg, &d);
	else if (!rc)
		rc = layout_add_segment(l, &ln->map, &ln->pa, "kernel", ln->plan.kernel_addr,
					ln->bz.payload_size, a->force_copy, &ln->kernel_seg, &d);
	if (!rc && ln->initrd_size)
		rc = layout_add_segment(l, &ln->map, &ln->pa, "initrd", ln->plan.initrd_addr,
					ln->initrd_size, a->force_copy, &ln->initrd_seg, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);

	if (!ln->whole_kernel) {
		st = read_into(ln, ln->kernel_seg, 0, &ln->kernel, ln->bz.setup_size,
			       ln->bz.payload_size);
		if (EFI_ERROR(st))
			return st;
	}
	layout_zero(l, &ln->pa, ln->kernel_seg, ln->bz.payload_size, PAGE_SIZE);
	for (size_t i = 0; i < a->n_initrds; i++) {
		UINT64 off = ln->initrd_offset[i];
		UINT64 prev_end = i ? ln->initrd_offset[i - 1] + ln->initrds[i - 1].size : 0;

		layout_zero(l, &ln->pa, ln->initrd_seg, prev_end, off - prev_end);
		st = read_into(ln, ln->initrd_seg, off, &ln->initrds[i], 0, ln->initrds[i].size);
		if (EFI_ERROR(st))
			return st;
	}
	if (ln->initrd_size)
		layout_zero(l, &ln->pa, ln->initrd_seg, ln->initrd_size, PAGE_SIZE);
	return EFI_SUCCESS;
}
