/* SPDX-License-Identifier: MIT */
/* What chainload prints about a launch: one summary line, and for
 * --verbose the plan, the page counts and the phase timings. */
#include "launch/launch_state.h"

#include <efilib.h>

#include "net/tftp_volume.h"

static unsigned long long kib(UINT64 bytes)
{
	return (bytes + 1023) / 1024;
}

void launch_print_summary(const struct launch *ln)
{
	con_print("chainload: %s (%llu KiB, protocol %u.%02u) at 0x%llx, %u initrd%s (%llu KiB), "
		  "command line %llu bytes\n",
		  ln->kernel.path, kib(ln->kernel.size), ln->bz.version >> 8, ln->bz.version & 0xff,
		  (unsigned long long)ln->plan.kernel_addr, (unsigned)ln->args->n_initrds,
		  ln->args->n_initrds == 1 ? "" : "s", kib(ln->initrd_size),
		  (unsigned long long)ln->args->cmdline_len);
}

/* The file goes last: a path of any length keeps the other columns in line. */
static void print_row(const char *what, const char *file, UINT64 dest, UINT64 size)
{
	con_print("  %-8s 0x%016llx %12llu  %s\n", what, (unsigned long long)dest,
		  (unsigned long long)size, file);
}

static const char *const verify_text[] = {
	[VERIFY_FAST] = "hash64 of each segment, checked again at its destination after the copy",
	[VERIFY_SHA256] =
		"SHA-256 of each segment, checked again at its destination after the copy",
	[VERIFY_OFF] = "off",
};

/*
 * Every page chainload allocated outside the destination windows: what it
 * costs beyond the segments themselves.  The total is the ledger's, so
 * nothing allocated is left out; "other" is the final memory map's
 * buffers, setup_data and a whole kernel's setup sectors.
 */
static void print_memory(const struct launch *ln)
{
	const struct layout *l = ln->layout;
	UINT64 bp = pages_for(PAGE_SIZE + ln->args->cmdline_len + 1);
	UINT64 named = l->list_pages + ln->idmap.pages + CONTROL_PAGES + bp + l->pages_copied;
	UINT64 total = 0, segment_bytes = 0, per_100k;

	for (UINTN i = 0; i < ln->ledger.count; i++) {
		const struct ledger_entry *e = &ln->ledger.entries[i];

		if (!layout_in_window(l, e->addr, e->addr + e->pages * PAGE_SIZE))
			total += e->pages;
	}
	for (size_t i = 0; i < l->n_segments; i++)
		segment_bytes += l->segments[i].size;
	per_100k = segment_bytes ? total * PAGE_SIZE * 100000 / segment_bytes : 0;
	con_print("  memory: %llu pages (%llu KiB) beyond the destinations: staging %llu, "
		  "page list %llu, page tables %llu, control %u, boot_params and command line "
		  "%llu, other %llu; %llu.%03llu %% of the %llu segment bytes\n",
		  (unsigned long long)total, (unsigned long long)(total * PAGE_SIZE / 1024),
		  (unsigned long long)l->pages_copied, (unsigned long long)l->list_pages,
		  (unsigned long long)ln->idmap.pages, (unsigned)CONTROL_PAGES,
		  (unsigned long long)bp, (unsigned long long)(total > named ? total - named : 0),
		  (unsigned long long)(per_100k / 1000), (unsigned long long)(per_100k % 1000),
		  (unsigned long long)segment_bytes);
}

/* A file that came by TFTP: what its transfer took. */
static void print_transfer(const struct efi_file *f)
{
	struct tftp_transfer t;
	UINT64 kib_s;

	if (!tftp_file_transfer(f->handle, &t))
		return;
	kib_s = t.us ? t.bytes * 1000000 / 1024 / t.us : 0;
	con_print("  tftp: %s: %llu bytes in %llu us (%llu KiB/s), %u attempt%s, block size %llu, "
		  "%s\n",
		  t.url, (unsigned long long)t.bytes, (unsigned long long)t.us,
		  (unsigned long long)kib_s, t.attempts, t.attempts == 1 ? "" : "s",
		  (unsigned long long)t.block_size,
		  t.bounced ? "into pages of its own, then copied (TFTP cannot seek)"
			    : "straight into its buffer");
}

void launch_print_plan(const struct launch *ln)
{
	const struct layout *l = ln->layout;

	con_print("  %-8s %-18s %12s  %s\n", "what", "destination", "bytes", "file");
	print_row("kernel", ln->kernel.path, ln->plan.kernel_addr, ln->bz.payload_size);
	for (size_t i = 0; i < ln->args->n_initrds; i++)
		print_row("initrd", ln->initrds[i].path,
			  ln->plan.initrd_addr + ln->initrd_offset[i], ln->initrds[i].size);
	print_row("params", "(boot_params)", ln->bp_addr, PAGE_SIZE);
	print_row("cmdline", "(command line)", ln->cmdline_addr, ln->args->cmdline_len + 1);
	print_row("control", "(relocation stub)", ln->exit.control_addr, CONTROL_SIZE);
	print_transfer(&ln->kernel);
	for (size_t i = 0; i < ln->args->n_initrds; i++)
		print_transfer(&ln->initrds[i]);
	con_print("  kernel: %s, init_size window 0x%llx-0x%llx\n",
		  ln->bz.relocatable ? "relocatable" : "fixed address",
		  (unsigned long long)ln->plan.kernel_addr,
		  (unsigned long long)ln->plan.kernel_end);
	if (ln->entry.kind == ENTRY_32)
		con_print("  entry: 32-bit, startup_32 at 0x%llx with paging off (%s); "
			  "everything below 4 GiB\n",
			  (unsigned long long)ln->plan.kernel_addr, ln->entry.why);
	else
		con_print("  entry: 64-bit, startup_64 at 0x%llx (%s)\n",
			  (unsigned long long)(ln->plan.kernel_addr + STARTUP_64_OFFSET),
			  ln->entry.why);
	con_print("  pages: %llu read in place, %llu copied by the stub (%llu list pages); ",
		  (unsigned long long)l->pages_in_place, (unsigned long long)l->pages_copied,
		  (unsigned long long)l->list_pages);
	if (FIRMWARE_BITS == 64)
		con_print("identity map to 0x%llx in %llu table pages (%s pages)\n",
			  (unsigned long long)ln->idmap.top, (unsigned long long)ln->idmap.pages,
			  ln->idmap.gb_pages ? "1 GiB" : "2 MiB");
	else
		con_print("no page tables: the stub copies with paging off\n");
	con_print("  time: open %llu us, plan %llu us, read %llu us, prepare %llu us "
		  "(of which digests %llu us); the exit and the stub report on COM1\n",
		  (unsigned long long)ln->us_open, (unsigned long long)ln->us_plan,
		  (unsigned long long)ln->us_read, (unsigned long long)ln->us_prepare,
		  (unsigned long long)ln->us_digest);
	print_memory(ln);
	con_print("  verify: %s\n", verify_text[ln->args->verify]);
}
