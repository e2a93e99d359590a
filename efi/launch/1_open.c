/* SPDX-License-Identifier: MIT */
/*
 * The launch's inputs, before anything is planned, read in full or
 * measured: the CPU's paging mode, the kernel's header (all the plan needs)
 * and the initrd files.  What the kernel's bytes must go through (Secure
 * Boot verification, TPM measurement) is decided here and done when the
 * file is read once, in 3_stage.c.
 */
#include "launch/launch_state.h"

#include <efilib.h>
#include <string.h>

/* The stub's identity map is 4-level: refuse 5-level paging before any work. */
static EFI_STATUS check_paging(void)
{
	if (cpu_read_cr4() & CR4_LA57)
		return con_error(EFI_UNSUPPORTED, "firmware",
				 "runs 5-level paging; chainload builds 4-level tables only");
	return EFI_SUCCESS;
}

static EFI_STATUS open_kernel(struct launch *ln)
{
	struct diag d;
	EFI_STATUS st;
	int rc;

	st = file_open(ln->root, ln->args->kernel, &ln->kernel);
	if (EFI_ERROR(st))
		return st;
	ln->head_len = ln->kernel.size < sizeof(ln->head) ? ln->kernel.size : sizeof(ln->head);
	st = file_read(&ln->kernel, 0, ln->head, ln->head_len);
	if (EFI_ERROR(st))
		return st;
	rc = bzimage_parse(ln->head, ln->head_len, ln->kernel.size, &ln->bz, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	rc = entry_choose(ln->args->entry, &ln->bz, FIRMWARE_BITS, &ln->entry, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	rc = bootparams_check_cmdline(&ln->bz, ln->args->cmdline_len, &d);
	if (rc)
		return launch_core_error(rc, ln->kernel.path, &d);
	ln->trust_required = kernel_trust_required();
	st = measure_init(&ln->measure, ln->args->verbose, ln->args->dry_run);
	if (EFI_ERROR(st))
		return st;
	/* Verification and measurement need the whole file in one buffer. */
	ln->whole_kernel = ln->trust_required || measure_active(&ln->measure);
	return EFI_SUCCESS;
}

/*
 * For messages about the initrd image: its files' paths joined by " + ",
 * in the order they are concatenated.  Pool memory, freed with the launch.
 */
static EFI_STATUS name_initrds(struct launch *ln)
{
	const struct boot_args *a = ln->args;
	UINTN len = 1, n = 0;
	EFI_STATUS st;

	for (size_t i = 0; i < a->n_initrds; i++)
		len += (i ? 3 : 0) + strlen(a->initrds[i]);
	st = BS->AllocatePool(EfiLoaderData, len, (void **)&ln->initrd_names);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory to name the initrds");
	for (size_t i = 0; i < a->n_initrds; i++) {
		for (const char *sep = " + "; i && *sep; sep++)
			ln->initrd_names[n++] = *sep;
		for (const char *p = a->initrds[i]; *p; p++)
			ln->initrd_names[n++] = *p;
	}
	ln->initrd_names[n] = '\0';
	return EFI_SUCCESS;
}

/* Several initrds form one image: each starts 4-byte aligned, zero padded. */
static EFI_STATUS open_initrds(struct launch *ln)
{
	UINT64 end = 0;
	EFI_STATUS st;

	for (size_t i = 0; i < ln->args->n_initrds; i++) {
		st = file_open(ln->root, ln->args->initrds[i], &ln->initrds[i]);
		if (EFI_ERROR(st))
			return st;
		ln->initrd_offset[i] = (end + 3) & ~3ull;
		end = ln->initrd_offset[i] + ln->initrds[i].size;
	}
	ln->initrd_size = end;
	return ln->args->n_initrds ? name_initrds(ln) : EFI_SUCCESS;
}

EFI_STATUS launch_open_inputs(struct launch *ln)
{
	EFI_STATUS st;

	st = check_paging();
	if (EFI_ERROR(st))
		return st;
	st = file_open_volume(ln->volume, &ln->root);
	if (EFI_ERROR(st))
		return st;
	st = open_kernel(ln);
	if (EFI_ERROR(st))
		return st;
	return open_initrds(ln);
}
