/* SPDX-License-Identifier: MIT */
/*
 * The flow of ARCHITECTURE.md, one function per step:
 *   open_inputs   kernel header and file sizes; reject bad input early
 *   plan_memory   memory map snapshot -> kernel and initrd addresses
 *   stage_files   claim destinations, allocate sources, read files into them
 *   prepare       boot_params, command line, page list, identity map,
 *                 control page, buffers for the final memory map
 *   exit_and_enter (efi/exit.c)
 * Every page comes from the ledger and every pool buffer is released in
 * launch_release(), so a failure anywhere leaves nothing behind.
 */
#include "launch.h"

#include <efilib.h>

#include "bootparams.h"
#include "bzimage.h"
#include "console.h"
#include "control.h"
#include "cpu.h"
#include "efi_status.h"
#include "exit.h"
#include "file.h"
#include "firmware_info.h"
#include "identmap.h"
#include "kernel_trust.h"
#include "kexec_list.h"
#include "layout.h"
#include "memory_map.h"
#include "pages.h"
#include "plan.h"
#include "test_fragment.h"
#include "segment_digest.h"
#include "timer.h"

#define FOUR_GIB (1ull << 32)
#define PAGE 4096ull

struct launch {
	EFI_HANDLE image;
	const struct boot_args *args;
	EFI_FILE_HANDLE root;
	struct efi_file kernel;
	UINT8 head[BZIMAGE_HEAD_BYTES];
	struct bzimage_info bz;
	BOOLEAN whole_kernel;			/* read whole, verified, stub-copied */
	UINT64 kernel_buf;			/* whole_kernel: payload, page aligned */
	struct efi_file initrds[ARGS_MAX_INITRDS];
	UINT64 initrd_offset[ARGS_MAX_INITRDS];	/* 4-byte aligned, in the image */
	UINT64 initrd_size;			/* end of the last file's bytes */
	struct ledger ledger;
	struct page_alloc pa;
	struct memmap map;
	struct plan plan;
	struct layout *layout;			/* pool: it is large */
	size_t kernel_seg;
	size_t initrd_seg;
	struct identmap idmap;
	UINT64 bp_addr;
	UINT64 cmdline_addr;
	struct exit_ctx exit;
	struct firmware_info fw;
	struct test_fragment fragment;	/* test builds only */
	struct phase_timer timer;
	struct stub_segment digests[STUB_MAX_SEGS];
	UINT64 us_open, us_plan, us_read, us_prepare, us_digest;
};

static EFI_STATUS core_error(int rc, const char *what, const struct diag *d)
{
	return con_error(efi_status_of(rc), what, "%s", d->msg);
}

/*
 * Reads the whole kernel file once into pages of its own, parses the header
 * from there, has it verified, and moves it so the protected-mode payload
 * starts on a page: the relocation stub then copies exactly the verified
 * bytes to the kernel's destination.
 */
static EFI_STATUS read_whole_kernel(struct launch *ln, struct diag *d, int *ret_rc)
{
	UINT64 size = ln->kernel.size, addr, pad;
	UINT8 *buf;
	EFI_STATUS st;

	/* Room for the file, the shift below and the zeroed tail of its last page. */
	*ret_rc = ln->pa.alloc(ln->pa.ctx, PAGE_KIND_DATA, size / PAGE + 3, UINT64_MAX, &addr);
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
	st = kernel_trust_verify(ln->image, &ln->kernel, buf, size);
	if (EFI_ERROR(st))
		return st;
	/* One move in memory after the verification (not a second read), backwards
	 * because the ranges overlap. */
	pad = (PAGE - ln->bz.setup_size % PAGE) % PAGE;
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
	ln->whole_kernel = kernel_trust_required();
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
	return rc ? core_error(rc, ln->kernel.path, &d) : EFI_SUCCESS;
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

static EFI_STATUS open_inputs(struct launch *ln)
{
	EFI_STATUS st = file_open_root(ln->image, &ln->root);

	if (!EFI_ERROR(st))
		st = open_kernel(ln);
	if (!EFI_ERROR(st))
		st = open_initrds(ln);
	return st;
}

static EFI_STATUS plan_memory(struct launch *ln)
{
	const char *initrd_name = ln->args->n_initrds ? ln->args->initrds[0] : "initrd";
	struct diag d;
	EFI_STATUS st;
	int rc;

	if (cpu_read_cr4() & CR4_LA57)
		return con_error(EFI_UNSUPPORTED, "firmware",
				 "runs 5-level paging; chainload builds 4-level tables only");
	st = memory_map_snapshot(&ln->map);
	if (EFI_ERROR(st))
		return st;
	rc = plan_kernel(&ln->map, &ln->bz, &ln->plan, &d);
	if (rc)
		return core_error(rc, ln->kernel.path, &d);
	rc = plan_initrd(&ln->map, &ln->bz, ln->initrd_size, &ln->plan, &d);
	if (rc)
		return core_error(rc, initrd_name, &d);
	return EFI_SUCCESS;
}

/* Reads `len` file bytes into segment `seg` from `offset`, chunk by chunk. */
static EFI_STATUS read_into(struct launch *ln, size_t seg, UINT64 offset,
			    struct efi_file *f, UINT64 file_offset, UINT64 len)
{
	while (len) {
		UINT64 addr, n;
		EFI_STATUS st;

		if (!layout_chunk(ln->layout, seg, offset, &addr, &n))
			return con_error(EFI_ABORTED, f->path, "no staging page for byte %llu",
					 (unsigned long long)offset);
		if (n > len)
			n = len;
		st = file_read(f, file_offset, (void *)(UINTN)addr, n);
		if (EFI_ERROR(st))
			return st;
		offset += n;
		file_offset += n;
		len -= n;
	}
	return EFI_SUCCESS;
}

static EFI_STATUS stage_files(struct launch *ln)
{
	const struct boot_args *a = ln->args;
	struct layout *l = ln->layout;
	struct diag d;
	EFI_STATUS st;
	int rc;

	layout_init(l);
	rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.kernel_addr, ln->plan.kernel_end, &d);
	if (!rc && ln->initrd_size)
		rc = layout_reserve(l, &ln->map, &ln->pa, ln->plan.initrd_addr,
				    ln->plan.initrd_end, &d);
	if (!rc && ln->whole_kernel)
		rc = layout_add_segment_staged(l, "kernel", ln->plan.kernel_addr,
					       ln->bz.payload_size, ln->kernel_buf,
					       &ln->kernel_seg, &d);
	else if (!rc)
		rc = layout_add_segment(l, &ln->map, &ln->pa, "kernel", ln->plan.kernel_addr,
					ln->bz.payload_size, a->force_copy, &ln->kernel_seg, &d);
	if (!rc && ln->initrd_size)
		rc = layout_add_segment(l, &ln->map, &ln->pa, "initrd", ln->plan.initrd_addr,
					ln->initrd_size, a->force_copy, &ln->initrd_seg, &d);
	if (rc)
		return core_error(rc, ln->kernel.path, &d);

	if (!ln->whole_kernel) {
		st = read_into(ln, ln->kernel_seg, 0, &ln->kernel, ln->bz.setup_size,
			       ln->bz.payload_size);
		if (EFI_ERROR(st))
			return st;
	}
	layout_zero(l, &ln->pa, ln->kernel_seg, ln->bz.payload_size, PAGE);
	for (size_t i = 0; i < a->n_initrds; i++) {
		UINT64 off = ln->initrd_offset[i];
		UINT64 prev_end = i ? ln->initrd_offset[i - 1] + ln->initrds[i - 1].size : 0;

		layout_zero(l, &ln->pa, ln->initrd_seg, prev_end, off - prev_end);
		st = read_into(ln, ln->initrd_seg, off, &ln->initrds[i], 0, ln->initrds[i].size);
		if (EFI_ERROR(st))
			return st;
	}
	if (ln->initrd_size)
		layout_zero(l, &ln->pa, ln->initrd_seg, ln->initrd_size, PAGE);
	return EFI_SUCCESS;
}

/* boot_params and the command line share one allocation below 4 GiB. */
static EFI_STATUS prepare_boot_params(struct launch *ln)
{
	UINT64 bytes = PAGE + ln->args->cmdline_len + 1;
	struct bootparams_request req;
	struct diag d;
	int rc;

	rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_DATA, (bytes + PAGE - 1) / PAGE,
				  FOUR_GIB, &ln->bp_addr, &d);
	if (rc)
		return core_error(rc, "boot_params", &d);
	ln->cmdline_addr = ln->bp_addr + PAGE;
	CopyMem((void *)(UINTN)ln->cmdline_addr, ln->args->cmdline, ln->args->cmdline_len + 1);
	req.kernel_head = ln->head;
	req.kernel = &ln->bz;
	req.kernel_addr = ln->plan.kernel_addr;
	req.cmdline_addr = ln->cmdline_addr;
	req.initrd_addr = ln->plan.initrd_addr;
	req.initrd_size = ln->initrd_size;
	bootparams_init((struct boot_params *)(UINTN)ln->bp_addr, &req);
	return firmware_info_apply(&ln->fw, (struct boot_params *)(UINTN)ln->bp_addr,
				   ln->layout, &ln->pa);
}

/*
 * The SHA-256 of every segment as staged now; the control blob checks the
 * same bytes at their destinations after the copy.
 */
static void take_digests(struct launch *ln)
{
	const struct layout *l = ln->layout;
	UINT64 start = cpu_rdtsc();

	for (size_t i = 0; i < l->n_segments && i < STUB_MAX_SEGS; i++) {
		struct stub_segment *d = &ln->digests[i];
		const char *name = l->segments[i].name;
		size_t n = 0;

		d->dest = l->segments[i].dest;
		d->size = l->segments[i].size;
		for (; name[n] && n < sizeof(d->name) - 1; n++)
			d->name[n] = name[n];
		d->name[n] = '\0';
		segment_digest(l, &ln->pa, i, d->sha256);
	}
	if (ln->timer.ticks_per_us)
		ln->us_digest = (cpu_rdtsc() - start) / ln->timer.ticks_per_us;
#ifdef CHAINLOAD_TEST_CORRUPT
	/* Test-only: change one staged kernel byte after its digest was taken. */
	{
		UINT64 addr, len;

		if (layout_chunk(l, ln->kernel_seg, 0x1000, &addr, &len))
			*(volatile UINT8 *)(UINTN)addr ^= 0x5a;
	}
#endif
}

static EFI_STATUS prepare_control(struct launch *ln)
{
	BOOLEAN verify = !ln->args->no_verify;
	struct control_request creq;
	UINT64 control;
	struct diag d;
	int rc;

	rc = kexec_list_build(ln->layout, &ln->pa, &d);
	if (!rc)
		rc = identmap_build(ln->layout, &ln->pa, memmap_top(&ln->map), cpu_has_gb_pages(),
				    &ln->idmap, &d);
	if (!rc)
		rc = layout_alloc_outside(ln->layout, &ln->pa, PAGE_KIND_CODE, CONTROL_PAGES,
					  FOUR_GIB, &control, &d);
	if (rc)
		return core_error(rc, "relocation", &d);
	if (verify)
		take_digests(ln);
	creq.list_head = ln->layout->list_head;
	creq.cr3 = ln->idmap.cr3;
	creq.boot_params = ln->bp_addr;
	creq.entry = ln->plan.kernel_addr + STARTUP_64_OFFSET;
	creq.flags = (verify ? STUB_F_VERIFY : 0) | (ln->args->verbose ? STUB_F_VERBOSE : 0);
	creq.tsc_per_us = ln->timer.ticks_per_us;
	creq.nsegs = verify ? ln->layout->n_segments : 0;
	creq.segs = ln->digests;
	ln->exit.control_addr = control;
	ln->exit.args_addr = control_page_fill((void *)(UINTN)control, control, &creq);
	return EFI_SUCCESS;
}

static EFI_STATUS prepare(struct launch *ln)
{
	EFI_STATUS st;

	st = test_fragment_apply(&ln->fragment);
	if (!EFI_ERROR(st))
		st = prepare_boot_params(ln);
	if (!EFI_ERROR(st))
		st = prepare_control(ln);
	if (EFI_ERROR(st))
		return st;
	ln->exit.bp = (struct boot_params *)(UINTN)ln->bp_addr;
	/* Last: the final map buffer is sized after every other allocation. */
	return exit_prepare(&ln->exit, ln->layout, &ln->pa, ln->ledger.count);
}

static unsigned long long kib(UINT64 bytes)
{
	return (bytes + 1023) / 1024;
}

static void print_summary(const struct launch *ln)
{
	con_print("chainload: %s (%llu KiB, protocol %u.%02u) at 0x%llx, %u initrd%s (%llu KiB), "
		  "command line %llu bytes\n",
		  ln->kernel.path, kib(ln->kernel.size), ln->bz.version >> 8,
		  ln->bz.version & 0xff, (unsigned long long)ln->plan.kernel_addr,
		  (unsigned)ln->args->n_initrds, ln->args->n_initrds == 1 ? "" : "s",
		  kib(ln->initrd_size), (unsigned long long)ln->args->cmdline_len);
}

static void print_row(const char *what, const char *file, UINT64 dest, UINT64 size)
{
	con_print("  %-8s %-28s 0x%016llx %12llu\n", what, file, (unsigned long long)dest,
		  (unsigned long long)size);
}

static void print_plan(const struct launch *ln)
{
	const struct layout *l = ln->layout;

	con_print("  %-8s %-28s %-18s %12s\n", "what", "file", "destination", "bytes");
	print_row("kernel", ln->kernel.path, ln->plan.kernel_addr, ln->bz.payload_size);
	for (size_t i = 0; i < ln->args->n_initrds; i++)
		print_row("initrd", ln->initrds[i].path, ln->plan.initrd_addr + ln->initrd_offset[i],
			  ln->initrds[i].size);
	print_row("params", "(boot_params)", ln->bp_addr, PAGE);
	print_row("cmdline", "(command line)", ln->cmdline_addr, ln->args->cmdline_len + 1);
	print_row("control", "(relocation stub)", ln->exit.control_addr, CONTROL_SIZE);
	con_print("  kernel: %s, init_size window 0x%llx-0x%llx\n",
		  ln->bz.relocatable ? "relocatable" : "fixed address",
		  (unsigned long long)ln->plan.kernel_addr, (unsigned long long)ln->plan.kernel_end);
	con_print("  pages: %llu read in place, %llu copied by the stub (%llu list pages); "
		  "identity map to 0x%llx in %llu table pages (%s pages)\n",
		  (unsigned long long)l->pages_in_place, (unsigned long long)l->pages_copied,
		  (unsigned long long)l->list_pages, (unsigned long long)ln->idmap.top,
		  (unsigned long long)ln->idmap.pages, ln->idmap.gb_pages ? "1 GiB" : "2 MiB");
	con_print("  time: open %llu us, plan %llu us, read %llu us, prepare %llu us "
		  "(of which SHA-256 %llu us)\n",
		  (unsigned long long)ln->us_open, (unsigned long long)ln->us_plan,
		  (unsigned long long)ln->us_read, (unsigned long long)ln->us_prepare,
		  (unsigned long long)ln->us_digest);
	con_print("  verify: %s\n", ln->args->no_verify ? "off (--no-verify)" :
		  "SHA-256 of each segment, checked again at its destination after the copy");
}

static void launch_release(struct launch *ln)
{
	exit_release(&ln->exit);
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

	st = open_inputs(ln);
	if (!EFI_ERROR(st))
		st = firmware_info_collect(&ln->fw, ln->args->verbose);
	ln->us_open = timer_lap_us(&ln->timer);
	if (!EFI_ERROR(st))
		st = plan_memory(ln);
	ln->us_plan = timer_lap_us(&ln->timer);
	if (!EFI_ERROR(st))
		st = BS->AllocatePool(EfiLoaderData, sizeof(*ln->layout), (void **)&ln->layout);
	if (!EFI_ERROR(st))
		st = stage_files(ln);
	ln->us_read = timer_lap_us(&ln->timer);
	if (!EFI_ERROR(st))
		st = prepare(ln);
	ln->us_prepare = timer_lap_us(&ln->timer);
	if (EFI_ERROR(st))
		return st;
	print_summary(ln);
	if (ln->args->verbose)
		print_plan(ln);
	if (ln->args->dry_run) {
		st = exit_rehearse(&ln->exit);
		if (!EFI_ERROR(st))
			con_print("chainload: dry run: stopping before ExitBootServices\n");
		return st;
	}
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
