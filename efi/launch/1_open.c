/* SPDX-License-Identifier: MIT */
/* The launch's inputs: the kernel (header, and when Secure Boot or a TPM
 * needs it the whole file, verified and measured) and the initrd files. */
#include "launch/launch_state.h"

#include <efilib.h>

/*
 * Reads the whole kernel file once into pages of its own, parses the header
 * from there, has it verified and measured, and moves it so the
 * protected-mode payload starts on a page: the relocation stub then copies
 * exactly the verified and measured bytes to the kernel's destination.
 */
static EFI_STATUS read_whole_kernel(struct launch *ln, struct diag *d, int *ret_rc)
{
	UINT64 size = ln->kernel.size, addr, pad;
	BOOLEAN measured = FALSE;
	UINT8 *buf;
	EFI_STATUS st;

	/* Room for the file, the shift below and the zeroed tail of its last page. */
	*ret_rc = ln->pa.alloc(ln->pa.ctx, PAGE_KIND_DATA, size / PAGE_SIZE + 3, UINT64_MAX, &addr);
	if (*ret_rc)
		return con_error(EFI_OUT_OF_RESOURCES, ln->kernel.path,
				 "no memory to read the whole kernel for verification");
	buf = (UINT8 *)(UINTN)addr;
	st = file_read(&ln->kernel, 0, buf, size);
	if (EFI_ERROR(st))
		return st;
	CopyMem(ln->head, buf, size < sizeof(ln->head) ? size : sizeof(ln->head));
	*ret_rc = bzimage_parse(ln->head, size < sizeof(ln->head) ? size : sizeof(ln->head),
				size, &ln->bz, d);
	if (*ret_rc)
		return EFI_SUCCESS;
	if (ln->trust_required) {
		st = kernel_trust_verify(ln->image, &ln->kernel, buf, size, &measured);
		if (EFI_ERROR(st))
			return st;
	}
	if (measured && ln->args->verbose)
		con_print("chainload: %s was measured into PCR 4 by its verifier\n",
			  ln->kernel.path);
	else if (!measured) {
		st = measure_kernel(&ln->measure, ln->image, &ln->kernel, buf, size);
		if (EFI_ERROR(st))
			return st;
	}
	/* One move in memory after the verification (not a second read), backwards
	 * because the ranges overlap. */
	pad = align_up(ln->bz.setup_size, PAGE_SIZE) - ln->bz.setup_size;
	for (UINT64 i = size; pad && i-- > 0;)
		buf[i + pad] = buf[i];
	ln->kernel_buf = addr + pad + ln->bz.setup_size;
	return EFI_SUCCESS;
}

static EFI_STATUS open_kernel(struct launch *ln)
{
	UINT64 head_len;
	struct diag d;
	EFI_STATUS st;
	int rc;

	st = file_open(ln->root, ln->args->kernel, &ln->kernel);
	if (EFI_ERROR(st))
		return st;
	ln->trust_required = kernel_trust_required();
	st = measure_init(&ln->measure, ln->args->verbose, ln->args->dry_run);
	if (EFI_ERROR(st))
		return st;
	/* Verification and measurement need the whole file in one buffer. */
	ln->whole_kernel = ln->trust_required || measure_active(&ln->measure);
	if (ln->whole_kernel) {
		st = read_whole_kernel(ln, &d, &rc);
		if (EFI_ERROR(st))
			return st;
	} else {
		head_len = ln->kernel.size < sizeof(ln->head) ? ln->kernel.size : sizeof(ln->head);
		st = file_read(&ln->kernel, 0, ln->head, head_len);
		if (EFI_ERROR(st))
			return st;
		rc = bzimage_parse(ln->head, head_len, ln->kernel.size, &ln->bz, &d);
	}
	if (!rc)
		rc = bootparams_check_cmdline(&ln->bz, ln->args->cmdline_len, &d);
	return rc ? launch_core_error(rc, ln->kernel.path, &d) : EFI_SUCCESS;
}

/* Several initrds form one image: each starts 4-byte aligned, zero padded. */
static EFI_STATUS open_initrds(struct launch *ln)
{
	UINT64 end = 0;

	for (size_t i = 0; i < ln->args->n_initrds; i++) {
		EFI_STATUS st = file_open(ln->root, ln->args->initrds[i], &ln->initrds[i]);

		if (EFI_ERROR(st))
			return st;
		ln->initrd_offset[i] = (end + 3) & ~3ull;
		end = ln->initrd_offset[i] + ln->initrds[i].size;
	}
	ln->initrd_size = end;
	return EFI_SUCCESS;
}

EFI_STATUS launch_open_inputs(struct launch *ln)
{
	EFI_STATUS st = file_open_root(ln->image, &ln->root);

	if (!EFI_ERROR(st))
		st = open_kernel(ln);
	if (!EFI_ERROR(st))
		st = open_initrds(ln);
	return st;
}
