/* SPDX-License-Identifier: MIT */
/*
 * The last step: final memory map, e820 and efi_info, ExitBootServices,
 * and the jump into the relocation stub.  Every buffer this needs is
 * allocated by exit_prepare(), so between the final GetMemoryMap and
 * ExitBootServices nothing allocates and nothing prints.
 */
#ifndef CHAINLOAD_EXIT_H
#define CHAINLOAD_EXIT_H

#include <efi.h>

#include "bootparam.h"
#include "layout.h"
#include "fw/memory_attributes.h"
#include "fw/memory_map.h"
#include "page_alloc.h"

struct exit_ctx {
	struct raw_map raw; /* final map: pages, handed to the kernel */
	UINT64 map_addr;
	struct memmap final;	      /* ranges: pool */
	struct boot_e820_entry *e820; /* pool, final.capacity entries */
	struct setup_data *e820_ext;  /* pages, room for final.capacity entries */
	UINT64 e820_ext_addr;
	struct boot_params *bp;
	UINT64 args_addr;		/* stub argument block */
	UINT64 control_addr;		/* stub entry */
	struct code_pages control_code; /* its attributes, restored on release */
	const struct layout *layout;
	BOOLEAN exit_attempted; /* ExitBootServices was called: see launch_release() */
};

/*
 * Sizes and allocates the final map buffer (with room for the descriptors
 * `ledger_count` allocations may add) and the e820 buffers, outside every
 * destination window.  Prints its own errors.
 */
EFI_STATUS exit_prepare(struct exit_ctx *x, const struct layout *l, const struct page_alloc *pa,
			UINTN ledger_count);

/* Runs the final-map steps without exiting (for --dry-run). */
EFI_STATUS exit_rehearse(struct exit_ctx *x);

/*
 * Exits boot services (retrying on a stale map key, as the spec asks) and
 * enters the stub.  Returns only if the exit could not happen, with one
 * line printed; x->exit_attempted then says whether ExitBootServices was
 * called at all (after which only memory services may be used).
 */
EFI_STATUS exit_and_enter(struct exit_ctx *x, EFI_HANDLE image);

/* Frees the pool buffers (pages belong to the launch's ledger). */
void exit_release(struct exit_ctx *x);

#endif /* CHAINLOAD_EXIT_H */
