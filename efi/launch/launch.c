/* SPDX-License-Identifier: MIT */
/*
 * The flow of docs/architecture.md, one step per function and file:
 *   launch_open_inputs  (1_open.c)    paging mode, kernel header and file
 *                                     sizes; reject bad input early
 *   launch_plan_memory  (2_plan.c)    memory map snapshot -> kernel and
 *                                     initrd addresses
 *   launch_stage_files  (3_stage.c)   claim destinations, read each file
 *                                     once to where the stub takes it from;
 *                                     verify and measure the kernel
 *   launch_prepare      (4_prepare.c) boot_params, command line, digests,
 *                                     page list, identity map, control
 *                                     pages, buffers for the final memory map
 *   launch_print_*      (5_report.c)  the summary line, the --verbose plan
 *   exit_and_enter      (6_exit.c)
 * Every page comes from the ledger and every pool buffer is released in
 * launch_release(), so a failure anywhere leaves nothing behind.
 */
#include "launch/launch.h"

#include <efilib.h>

#include "launch/launch_state.h"
#include "start/image_location.h"

/* Memory: pool buffers and the ledger's pages.  Allowed at any time. */
static void release_memory(struct launch *ln)
{
	exit_release(&ln->exit);
	if (ln->initrd_names)
		BS->FreePool(ln->initrd_names);
	if (ln->layout)
		BS->FreePool(ln->layout);
	memory_map_free(&ln->map);
	pages_free_all(&ln->ledger);
}

/* What else the launch holds of the firmware's: the TPM log table, the files. */
static void release_firmware_state(struct launch *ln)
{
	measure_release(&ln->measure);
	for (size_t i = 0; i < ln->args->n_initrds; i++)
		file_close(&ln->initrds[i]);
	file_close(&ln->kernel);
	if (ln->root)
		ln->root->Close(ln->root);
}

/*
 * Once ExitBootServices was called, even in vain, only the memory services
 * may be used (UEFI specification, ExitBootServices): the files stay open
 * and the TPM log table stays installed, with its memory.
 */
static void launch_release(struct launch *ln)
{
	if (!ln->exit.exit_attempted)
		release_firmware_state(ln);
	else if (ln->exit.control_code.proto)
		/* Its attributes cannot be put back now: it must not become free memory. */
		pages_keep(&ln->ledger, ln->exit.control_code.addr);
	release_memory(ln);
}

/* Runs the steps in order; stops at the first failure. */
static EFI_STATUS run(struct launch *ln)
{
	EFI_STATUS st;

	st = launch_open_inputs(ln);
	if (EFI_ERROR(st))
		return st;
	firmware_info_collect(&ln->fw, ln->args->verbose);
	ln->us_open = timer_lap_us(&ln->timer);
	st = launch_plan_memory(ln);
	if (EFI_ERROR(st))
		return st;
	ln->us_plan = timer_lap_us(&ln->timer);
	st = launch_stage_files(ln);
	if (EFI_ERROR(st))
		return st;
	/* The initrd as staged is what the kernel gets; the TPM sees the same bytes. */
	st = measure_initrd_cmdline(&ln->measure, ln->layout, ln->initrd_seg, ln->initrd_size,
				    ln->args->cmdline, ln->args->cmdline_len);
	if (EFI_ERROR(st))
		return st;
	ln->us_read = timer_lap_us(&ln->timer);
	st = launch_prepare(ln);
	if (EFI_ERROR(st))
		return st;
	ln->us_prepare = timer_lap_us(&ln->timer);
	launch_print_summary(ln);
	if (ln->args->verbose)
		launch_print_plan(ln);
	if (ln->args->dry_run) {
		st = exit_rehearse(&ln->exit);
		if (EFI_ERROR(st))
			return st;
		con_print("chainload: dry run: stopping before ExitBootServices\n");
		return EFI_SUCCESS;
	}
	/* Boot Loader Interface: the last variable, before the final memory map. */
	bli_exec();
	return exit_and_enter(&ln->exit, ln->image);
}

EFI_STATUS launch(EFI_HANDLE image, const struct boot_args *args)
{
	struct launch *ln;
	EFI_STATUS st;

	st = BS->AllocatePool(EfiLoaderData, sizeof(*ln), (void **)&ln);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory to start");
	SetMem(ln, sizeof(*ln), 0);
	ln->image = image;
	ln->volume = args->volume ? args->volume : image_volume(image);
	ln->args = args;
	pages_init(&ln->ledger, &ln->pa);
	timer_start(&ln->timer, args->verbose);
	st = run(ln);
	launch_release(ln);
	BS->FreePool(ln);
	return st;
}
