/* SPDX-License-Identifier: MIT */
/*
 * The flow of docs/architecture.md, one step per function and file:
 *   launch_open_inputs  (1_open.c)    kernel header and file sizes; reject
 *                                     bad input early; verify and measure
 *                                     the kernel
 *   launch_plan_memory  (2_plan.c)    memory map snapshot -> kernel and
 *                                     initrd addresses
 *   launch_stage_files  (3_stage.c)   claim destinations, allocate sources,
 *                                     read files into them
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

static void launch_release(struct launch *ln)
{
	exit_release(&ln->exit);
	measure_release(&ln->measure);
	test_fragment_release(&ln->fragment);
	if (ln->layout)
		BS->FreePool(ln->layout);
	memory_map_free(&ln->map);
	pages_free_all(&ln->ledger);
	for (size_t i = 0; i < ln->args->n_initrds; i++)
		file_close(&ln->initrds[i]);
	file_close(&ln->kernel);
	if (ln->root)
		ln->root->Close(ln->root);
}

/* Runs the steps in order; stops at the first failure. */
static EFI_STATUS run(struct launch *ln)
{
	EFI_STATUS st;

	st = launch_open_inputs(ln);
	if (!EFI_ERROR(st))
		firmware_info_collect(&ln->fw, ln->args->verbose);
	ln->us_open = timer_lap_us(&ln->timer);
	/*
	 * Before the snapshot: a pool this large takes fresh pages, maybe from
	 * the free window the plan is about to choose.
	 */
	if (!EFI_ERROR(st))
		st = BS->AllocatePool(EfiLoaderData, sizeof(*ln->layout), (void **)&ln->layout);
	if (!EFI_ERROR(st))
		st = launch_plan_memory(ln);
	ln->us_plan = timer_lap_us(&ln->timer);
	if (!EFI_ERROR(st))
		st = launch_stage_files(ln);
	/* The initrd as staged is what the kernel gets; the TPM sees the same bytes. */
	if (!EFI_ERROR(st))
		st = measure_initrd_cmdline(&ln->measure, ln->layout, ln->initrd_seg,
					    ln->initrd_size, ln->args->cmdline,
					    ln->args->cmdline_len);
	ln->us_read = timer_lap_us(&ln->timer);
	if (!EFI_ERROR(st))
		st = launch_prepare(ln);
	ln->us_prepare = timer_lap_us(&ln->timer);
	if (EFI_ERROR(st))
		return st;
	launch_print_summary(ln);
	if (ln->args->verbose)
		launch_print_plan(ln);
	if (ln->args->dry_run) {
		st = exit_rehearse(&ln->exit);
		if (!EFI_ERROR(st))
			con_print("chainload: dry run: stopping before ExitBootServices\n");
		return st;
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
	ln->args = args;
	pages_init(&ln->ledger, &ln->pa);
	timer_start(&ln->timer, args->verbose);
	st = run(ln);
	launch_release(ln);
	BS->FreePool(ln);
	return st;
}
