/* SPDX-License-Identifier: MIT */
/* Everything the exit needs, allocated and filled before it: boot_params
 * and the command line, digests, the page list, the identity map, the
 * control pages and the buffers for the final memory map. */
#include "launch/launch_state.h"

#include <efilib.h>

#include "fw/fault.h"

/* boot_params and the command line share one allocation below 4 GiB. */
static EFI_STATUS prepare_boot_params(struct launch *ln)
{
	UINT64 bytes = PAGE_SIZE + ln->args->cmdline_len + 1;
	struct bootparams_request req;
	struct diag d;
	int rc;

	rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_DATA, pages_for(bytes), FOUR_GIB,
				  &ln->bp_addr, &d);
	if (rc)
		return launch_core_error(rc, "boot_params", &d);
	ln->cmdline_addr = ln->bp_addr + PAGE_SIZE;
	CopyMem((void *)(UINTN)ln->cmdline_addr, ln->args->cmdline, ln->args->cmdline_len + 1);
	req.kernel_head = ln->head;
	req.kernel = &ln->bz;
	req.kernel_addr = ln->plan.kernel_addr;
	req.cmdline_addr = ln->cmdline_addr;
	req.initrd_addr = ln->plan.initrd_addr;
	req.initrd_size = ln->initrd_size;
	bootparams_init((struct boot_params *)(UINTN)ln->bp_addr, &req);
	firmware_info_apply(&ln->fw, (struct boot_params *)(UINTN)ln->bp_addr, ln->layout, &ln->pa);
	return EFI_SUCCESS;
}

/*
 * The digest of every segment as staged now; the control blob checks the
 * same bytes at their destinations after the copy.
 */
static void take_digests(struct launch *ln, enum digest_kind kind)
{
	const struct layout *l = ln->layout;
	UINT64 start = cpu_rdtsc();
	UINT64 addr, len;

	for (size_t i = 0; i < l->n_segments; i++) {
		struct stub_segment *d = &ln->digests[i];
		const char *name = l->segments[i].name;
		size_t n = 0;

		d->dest = l->segments[i].dest;
		d->size = l->segments[i].size;
		for (; n < sizeof(d->name) - 1 && name[n]; n++)
			d->name[n] = name[n];
		d->name[n] = '\0';
		segment_digest(l, &ln->pa, i, kind, d->digest);
	}
	if (ln->timer.ticks_per_us)
		ln->us_digest = (cpu_rdtsc() - start) / ln->timer.ticks_per_us;
	/* Test build: one staged byte of each segment no longer matches its digest. */
	for (size_t i = 0; i < l->n_segments; i++)
		if (inject_fault(FAULT_CORRUPT_AFTER_DIGEST) &&
		    layout_chunk(l, i, (l->segments[i].size / 2) & ~(UINT64)7, &addr, &len))
			*(volatile UINT8 *)(UINTN)addr ^= 0x5a;
}

static EFI_STATUS prepare_control(struct launch *ln)
{
	enum verify_mode mode = ln->args->verify;
	BOOLEAN verify = mode != VERIFY_OFF, entry32 = ln->entry.kind == ENTRY_32;
	struct control_request creq;
	UINT64 control;
	struct diag d;
	int rc;

	rc = kexec_list_build(ln->layout, &ln->pa, &d);
	if (rc)
		return launch_core_error(rc, "relocation", &d);
	/* stub32.S copies with paging off: no tables to build. */
	if (FIRMWARE_BITS == 64) {
		rc = identmap_build(ln->layout, &ln->pa, memmap_top(&ln->map), cpu_has_gb_pages(),
				    &ln->idmap, &d);
		if (rc)
			return launch_core_error(rc, "relocation", &d);
	}
	rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_CODE, CONTROL_PAGES, FOUR_GIB,
				  &control, &d);
	if (rc)
		return launch_core_error(rc, "relocation", &d);
	if (verify)
		take_digests(ln, mode == VERIFY_SHA256 ? DIGEST_SHA256 : DIGEST_HASH64);
	creq.list_head = ln->layout->list_head;
	creq.cr3 = ln->idmap.cr3;
	creq.boot_params = ln->bp_addr;
	/* startup_32 is the protected-mode code's first byte, code32_start. */
	creq.entry = ln->plan.kernel_addr + (entry32 ? 0 : STARTUP_64_OFFSET);
	creq.flags = (verify ? STUB_F_VERIFY : 0) | (mode == VERIFY_SHA256 ? STUB_F_SHA256 : 0) |
		     (ln->args->verbose ? STUB_F_VERBOSE : 0) | (entry32 ? STUB_F_ENTRY32 : 0);
	creq.tsc_per_us = ln->timer.ticks_per_us;
	creq.tsc_start = timer_start_tsc();
	creq.nsegs = verify ? ln->layout->n_segments : 0;
	creq.segs = ln->digests;
	ln->exit.control_addr = control;
	ln->exit.args_addr = control_page_fill((void *)(UINTN)control, control, &creq);
	return code_pages_protect(&ln->exit.control_code, control,
				  control_blob_end - control_blob_start, STUB_ARGS_OFFSET,
				  ln->args->verbose);
}

EFI_STATUS launch_prepare(struct launch *ln)
{
	EFI_STATUS st;

	st = prepare_boot_params(ln);
	if (EFI_ERROR(st))
		return st;
	st = prepare_control(ln);
	if (EFI_ERROR(st))
		return st;
	ln->exit.bp = (struct boot_params *)(UINTN)ln->bp_addr;
	/* Last: the final map buffer is sized after every other allocation. */
	return exit_prepare(&ln->exit, ln->layout, &ln->pa, ln->ledger.count);
}
