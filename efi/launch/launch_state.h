/* SPDX-License-Identifier: MIT */
/*
 * One launch's state, shared by the flow (efi/launch/launch.c) and its
 * numbered steps in efi/launch/.  Internal to those files.
 */
#ifndef CHAINLOAD_LAUNCH_STATE_H
#define CHAINLOAD_LAUNCH_STATE_H

#include <efi.h>

#include "args.h"
#include "handoff/bli.h"
#include "bootparams.h"
#include "bzimage.h"
#include "entry.h"
#include "fw/console.h"
#include "control.h"
#include "fw/cpu.h"
#include "fw/efi_status.h"
#include "launch/exit.h"
#include "fw/file.h"
#include "handoff/firmware_info.h"
#include "identmap.h"
#include "trust/kernel_trust.h"
#include "kexec_list.h"
#include "layout.h"
#include "trust/measure.h"
#include "fw/memory_map.h"
#include "fw/pages.h"
#include "plan.h"
#include "segment_digest.h"
#include "fw/timer.h"
#include "units.h"

struct launch {
	EFI_HANDLE image;
	EFI_HANDLE volume; /* the device whose file system holds the files */
	const struct boot_args *args;
	EFI_FILE_HANDLE root;
	struct efi_file kernel;
	UINT8 head[BZIMAGE_HEAD_BYTES]; /* the header the plan is made from */
	UINT64 head_len;		/* bytes of head read: min(size, its size) */
	struct bzimage_info bz;
	struct entry_choice entry; /* startup_64 or startup_32, and why */
	BOOLEAN trust_required;	   /* Secure Boot: verify the kernel */
	struct measure measure;	   /* TPM: measure kernel, initrd, cmdline */
	BOOLEAN whole_kernel;	   /* read whole, verified, stub-copied */
	struct efi_file initrds[ARGS_MAX_INITRDS];
	UINT64 initrd_offset[ARGS_MAX_INITRDS]; /* 4-byte aligned, in the image */
	UINT64 initrd_size;			/* end of the last file's bytes */
	char *initrd_names;			/* pool: "a + b", for messages */
	struct ledger ledger;
	struct page_alloc pa;
	struct memmap map;
	struct plan plan;
	struct layout *layout; /* pool: it is large */
	size_t kernel_seg;
	size_t initrd_seg;
	struct identmap idmap;
	UINT64 bp_addr;
	UINT64 cmdline_addr;
	struct exit_ctx exit;
	struct firmware_info fw;
	struct phase_timer timer;
	struct stub_segment digests[STUB_MAX_SEGS];
	UINT64 us_open, us_plan, us_read, us_prepare, us_digest;
};

/* The one-line error for a core failure, with its EFI status. */
static inline EFI_STATUS launch_core_error(int rc, const char *what, const struct diag *d)
{
	return con_error(efi_status_of(rc), what, "%s", d->msg);
}

/* 1_open.c: paging mode; the kernel's header (parsed) and the initrd files. */
EFI_STATUS launch_open_inputs(struct launch *ln);

/* 2_plan.c: memory map snapshot, kernel and initrd addresses. */
EFI_STATUS launch_plan_memory(struct launch *ln);

/* 3_stage.c: claim destinations, read the files once (kernel verified, measured). */
EFI_STATUS launch_stage_files(struct launch *ln);

/* 4_prepare.c: boot_params, page list, identity map, control page. */
EFI_STATUS launch_prepare(struct launch *ln);

/* 5_report.c: the summary line, and the plan for --verbose. */
void launch_print_summary(const struct launch *ln);
void launch_print_plan(const struct launch *ln);

#endif /* CHAINLOAD_LAUNCH_STATE_H */
