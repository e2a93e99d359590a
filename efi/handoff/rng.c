/* SPDX-License-Identifier: MIT */
/*
 * A SETUP_RNG_SEED node: 32 bytes from EFI_RNG_PROTOCOL, which Linux mixes
 * into its entropy pool (and credits, when it trusts the boot loader) long
 * before it has entropy of its own.  The node lives in its own page below
 * 4 GiB outside every destination, like boot_params, and the firmware
 * writes the seed straight into it.
 */
#include "handoff/firmware_info.h"

#include <efilib.h>

#include "bootparams.h"
#include "fw/console.h"
#include "fw/efi_status.h"
#include "units.h"

static EFI_GUID rng_guid = EFI_RNG_PROTOCOL_GUID;

EFI_RNG_PROTOCOL *rng_find(BOOLEAN verbose)
{
	EFI_RNG_PROTOCOL *rng;

	if (!EFI_ERROR(BS->LocateProtocol(&rng_guid, NULL, (void **)&rng)))
		return rng;
	if (verbose)
		con_print(
			"chainload: no EFI_RNG_PROTOCOL: Linux gets no RNG seed from the loader\n");
	return NULL;
}

void rng_add_setup_data(EFI_RNG_PROTOCOL *rng, struct boot_params *bp, const struct layout *l,
			const struct page_alloc *pa, BOOLEAN verbose)
{
	struct setup_data *node;
	EFI_STATUS st;
	UINT64 addr;
	struct diag d;

	if (layout_alloc_outside(l, pa, PAGE_KIND_DATA, 1, FOUR_GIB, &addr, &d)) {
		con_print("chainload: warning: no page for the RNG seed (%s); Linux gets none\n",
			  d.msg);
		return;
	}
	node = pa->map(pa->ctx, addr);
	/* NULL: the firmware's default algorithm, whatever it is. */
	st = rng->GetRNG(rng, NULL, RNG_SEED_BYTES, node->data);
	if (EFI_ERROR(st)) {
		con_print("chainload: warning: EFI_RNG_PROTOCOL.GetRNG failed (%s); "
			  "Linux gets no RNG seed from the loader\n",
			  efi_status_name(st));
		return;
	}
	node->type = SETUP_RNG_SEED;
	node->len = RNG_SEED_BYTES;
	bootparams_add_setup_data(bp, node, addr);
	if (verbose)
		con_print("chainload: RNG seed: %u bytes from EFI_RNG_PROTOCOL at 0x%llx\n",
			  RNG_SEED_BYTES, (unsigned long long)addr);
}
