/* SPDX-License-Identifier: MIT */
#include "launch/exit.h"

#include <efilib.h>

#include "bootparams.h"
#include "fw/console.h"
#include "fw/cpu.h"
#include "e820.h"
#include "fw/efi_status.h"
#include "units.h"

#define EXTRA_DESCS   64 /* beyond two per allocation of ours */
#define EXIT_ATTEMPTS 8

/* stub.S takes %rdi; stub32.S, a cdecl call, its argument on the stack. */
#if FIRMWARE_BITS == 64
typedef void (*stub_entry_fn)(UINT64 args) __attribute__((sysv_abi, noreturn));
#else
typedef void (*stub_entry_fn)(UINT64 args) __attribute__((noreturn));
#endif

static EFI_STATUS alloc_pages_outside(const struct layout *l, const struct page_alloc *pa,
				      UINTN bytes, UINT64 *ret_addr)
{
	struct diag d;
	int rc = layout_alloc_outside(l, pa, PAGE_KIND_DATA, pages_for(bytes), FOUR_GIB, ret_addr,
				      &d);

	if (rc)
		return con_error(efi_status_of(rc), "memory map", "%s", d.msg);
	return EFI_SUCCESS;
}

EFI_STATUS exit_prepare(struct exit_ctx *x, const struct layout *l, const struct page_alloc *pa,
			UINTN ledger_count)
{
	UINTN size, desc_size, entries;
	EFI_STATUS st;

	x->layout = l;
	st = memory_map_probe(&size, &desc_size);
	if (EFI_ERROR(st))
		return con_error(st, "memory map", "GetMemoryMap gave no size");
	x->raw.capacity = size + (2 * ledger_count + EXTRA_DESCS) * desc_size;
	st = alloc_pages_outside(l, pa, x->raw.capacity, &x->map_addr);
	if (EFI_ERROR(st))
		return st;
	x->raw.buf = (void *)(UINTN)x->map_addr;
	entries = memmap_entries(x->raw.capacity, desc_size);
	st = alloc_pages_outside(
		l, pa, sizeof(struct setup_data) + entries * sizeof(struct boot_e820_entry),
		&x->e820_ext_addr);
	if (EFI_ERROR(st))
		return st;
	x->e820_ext = (struct setup_data *)(UINTN)x->e820_ext_addr;
	st = BS->AllocatePool(EfiLoaderData, entries * sizeof(*x->final.ranges),
			      (void **)&x->final.ranges);
	if (EFI_ERROR(st))
		return con_error(st, "memory map", "no memory for the final map");
	x->final.capacity = entries;
	st = BS->AllocatePool(EfiLoaderData, entries * sizeof(*x->e820), (void **)&x->e820);
	if (EFI_ERROR(st))
		return con_error(st, "memory map", "no memory for the e820 table");
	return EFI_SUCCESS;
}

/*
 * Final GetMemoryMap and all that derives from it.  Pure computation into
 * buffers we own: no allocation, no output, so the map key stays valid.  A
 * failure is described in *d, for the caller to print once it may.
 */
static EFI_STATUS finalize(struct exit_ctx *x, struct diag *d)
{
	EFI_STATUS st = memory_map_read(&x->raw);
	size_t n;
	int rc;

	if (EFI_ERROR(st)) {
		diag_set(d, CL_E_MEMMAP_INVALID, "final GetMemoryMap failed");
		return st;
	}
	rc = memmap_from_efi(&x->final, x->raw.buf, x->raw.size, x->raw.desc_size, d);
	if (rc)
		return efi_status_of(rc);
	rc = layout_check_final(x->layout, &x->final, d);
	if (rc)
		return efi_status_of(rc);
	n = e820_from_memmap(&x->final, x->e820, x->final.capacity);
	bootparams_set_e820(x->bp, x->e820, n, x->e820_ext, x->e820_ext_addr);
	bootparams_set_efi(x->bp, FIRMWARE_BITS, (UINT64)(UINTN)ST, x->map_addr,
			   (UINT32)x->raw.size, (UINT32)x->raw.desc_size, x->raw.desc_version);
	return EFI_SUCCESS;
}

EFI_STATUS exit_rehearse(struct exit_ctx *x)
{
	struct diag d;
	EFI_STATUS st = finalize(x, &d);

	if (EFI_ERROR(st))
		return con_error(st, "memory map", "%s", d.msg);
	return EFI_SUCCESS;
}

/*
 * The one line about an exit that did not happen.  The firmware may have
 * shut part of its services down on the first call, so the launch then
 * frees only memory (launch_release) and returns.
 */
static EFI_STATUS exit_failed(EFI_STATUS st, int attempts, const char *why)
{
	return con_error(st, "ExitBootServices",
			 "%s after %d attempt%s; boot services may be "
			 "partly shut down, so only memory is freed before returning",
			 why, attempts, attempts == 1 ? "" : "s");
}

EFI_STATUS exit_and_enter(struct exit_ctx *x, EFI_HANDLE image)
{
	struct stub_args *args = (struct stub_args *)(UINTN)x->args_addr;
	struct diag d;
	EFI_STATUS st;

	/* The stub's "exit" time starts here: final map, e820, ExitBootServices. */
	args->tsc_exit = cpu_rdtsc();
	for (int attempt = 0; attempt < EXIT_ATTEMPTS; attempt++) {
		st = finalize(x, &d);
		if (EFI_ERROR(st) && !attempt)
			return con_error(st, "memory map", "%s", d.msg);
		if (EFI_ERROR(st))
			return exit_failed(st, attempt, d.msg);
		x->exit_attempted = TRUE;
		st = BS->ExitBootServices(image, x->raw.key);
		if (!EFI_ERROR(st)) {
			/* ---- point of no return: boot services are gone ---- */
			((stub_entry_fn)(UINTN)x->control_addr)(x->args_addr);
		}
		if (st != EFI_INVALID_PARAMETER) /* only a stale key is retried */
			return exit_failed(st, attempt + 1, "refused");
	}
	return exit_failed(EFI_INVALID_PARAMETER, EXIT_ATTEMPTS, "map key still stale");
}

void exit_release(struct exit_ctx *x)
{
	/* After an exit attempt the protocol may not be called (see launch.c). */
	if (!x->exit_attempted)
		code_pages_restore(&x->control_code);
	if (x->final.ranges)
		BS->FreePool(x->final.ranges);
	if (x->e820)
		BS->FreePool(x->e820);
	x->final.ranges = NULL;
	x->e820 = NULL;
}
