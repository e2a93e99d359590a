/* SPDX-License-Identifier: MIT */
#include "launch/exit.h"

#include <efilib.h>

#include "bootparams.h"
#include "fw/console.h"
#include "e820.h"
#include "fw/efi_status.h"

#define FOUR_GIB (1ull << 32)
#define EXTRA_DESCS 64		/* beyond two per allocation of ours */
#define EXIT_ATTEMPTS 8

typedef void (*stub_entry_fn)(UINT64 args) __attribute__((sysv_abi, noreturn));

static EFI_STATUS alloc_pages_outside(const struct layout *l, const struct page_alloc *pa,
				      UINTN bytes, UINT64 *ret_addr)
{
	struct diag d;
	int rc = layout_alloc_outside(l, pa, PAGE_KIND_DATA, (bytes + 4095) / 4096, FOUR_GIB,
				      ret_addr, &d);

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
	st = alloc_pages_outside(l, pa, sizeof(struct setup_data) +
				 entries * sizeof(struct boot_e820_entry), &x->e820_ext_addr);
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
 * buffers we own: no allocation, no output, so the map key stays valid.
 */
static EFI_STATUS finalize(struct exit_ctx *x, int *ret_rc, struct diag *d)
{
	EFI_STATUS st = memory_map_read(&x->raw);
	size_t n;

	*ret_rc = CL_OK;
	if (EFI_ERROR(st))
		return st;
	*ret_rc = memmap_from_efi(&x->final, x->raw.buf, x->raw.size, x->raw.desc_size, d);
	if (!*ret_rc)
		*ret_rc = layout_check_final(x->layout, &x->final, d);
	if (*ret_rc)
		return efi_status_of(*ret_rc);
	n = e820_from_memmap(&x->final, x->e820, x->final.capacity);
	bootparams_set_e820(x->bp, x->e820, n, x->e820_ext, x->e820_ext_addr);
	bootparams_set_efi(x->bp, (UINT64)(UINTN)ST, x->map_addr, (UINT32)x->raw.size,
			   (UINT32)x->raw.desc_size, x->raw.desc_version);
	return EFI_SUCCESS;
}

static EFI_STATUS report(EFI_STATUS st, int rc, const struct diag *d)
{
	if (rc)
		return con_error(st, "memory map", "%s", d->msg);
	return con_error(st, "memory map", "final GetMemoryMap failed");
}

EFI_STATUS exit_rehearse(struct exit_ctx *x)
{
	struct diag d;
	int rc;
	EFI_STATUS st = finalize(x, &rc, &d);

	return EFI_ERROR(st) ? report(st, rc, &d) : EFI_SUCCESS;
}

EFI_STATUS exit_and_enter(struct exit_ctx *x, EFI_HANDLE image)
{
	EFI_STATUS st = EFI_ABORTED;
	struct diag d;
	int rc;

	for (int attempt = 0; attempt < EXIT_ATTEMPTS; attempt++) {
		st = finalize(x, &rc, &d);
		if (EFI_ERROR(st))
			/* After a failed exit the console may be gone: stay quiet. */
			return attempt ? st : report(st, rc, &d);
		st = BS->ExitBootServices(image, x->raw.key);
		if (!EFI_ERROR(st)) {
			/* ---- point of no return: boot services are gone ---- */
			((stub_entry_fn)(UINTN)x->control_addr)(x->args_addr);
		}
		if (st != EFI_INVALID_PARAMETER)	/* only a stale key is retried */
			break;
	}
	return st;
}

void exit_release(struct exit_ctx *x)
{
	code_pages_restore(&x->control_code);
	if (x->final.ranges)
		BS->FreePool(x->final.ranges);
	if (x->e820)
		BS->FreePool(x->e820);
	x->final.ranges = NULL;
	x->e820 = NULL;
}
