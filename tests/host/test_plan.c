/* SPDX-License-Identifier: MIT */
/*
 * Placement: one memory map and one kernel header per case, and the exact
 * addresses (or the exact error) the planner must produce.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparam.h"
#include "plan.h"
#include "status_name.h"

#define K (1ull << 10)
#define M (1ull << 20)
#define G (1ull << 30)

#define CONV	 MM_CONVENTIONAL
#define BDATA	 MM_BOOT_DATA
#define RSVD	 MM_RESERVED
#define ABOVE_4G (XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G)

struct range_spec {
	uint64_t start, end;
	uint32_t type;
};

struct plan_case {
	const char *name;
	struct range_spec map[8]; /* sorted; ends at the first empty range */
	bool relocatable;
	uint64_t pref, align, min_align, init_size;
	uint16_t xlf;		  /* 0 means XLF_KERNEL_64 alone */
	uint64_t initrd_addr_max; /* 0 means 0x7fffffff */
	uint64_t initrd_size;
	int kernel_rc;
	uint64_t kernel_addr, kernel_end;
	int initrd_rc;
	uint64_t initrd_addr, initrd_end;
};

/* The OVMF shape at 64 MiB: 16 MiB is busy with boot-services data. */
#define OVMF_64M                                                                      \
	{                                                                             \
		{ 0, 1 * M, RSVD }, { 1 * M, 9 * M, CONV }, { 9 * M, 21 * M, BDATA }, \
		{                                                                     \
			21 * M, 64 * M, CONV                                          \
		}                                                                     \
	}
#define FLAT_64M                            \
	{                                   \
		{ 0, 1 * M, RSVD },         \
		{                           \
			1 * M, 64 * M, CONV \
		}                           \
	}

static const struct plan_case cases[] = {
	{ "relocatable at a free pref_address", FLAT_64M, true, 16 * M, 2 * M, 2 * M, 4 * M, 0, 0,
	  1 * M, CL_OK, 16 * M, 20 * M, CL_OK, 63 * M, 64 * M },
	{ "init_size rounds up to a page", FLAT_64M, true, 16 * M, 2 * M, 2 * M, 4 * M + 1, 0, 0,
	  5000, CL_OK, 16 * M, 20 * M + 4 * K, CL_OK, 64 * M - 8 * K, 64 * M },
	{ "busy pref_address: next aligned free window above it", OVMF_64M, true, 16 * M, 2 * M,
	  2 * M, 4 * M, 0, 0, 0, CL_OK, 22 * M, 26 * M, CL_OK, 0, 0 },
	{ "never below pref_address, though there is room lower",
	  { { 1 * M, 16 * M, CONV }, { 16 * M, 20 * M, BDATA }, { 20 * M, 64 * M, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  20 * M,
	  24 * M,
	  CL_OK,
	  0,
	  0 },
	{ "init_size window must fit, not just the start",
	  { { 1 * M, 18 * M, CONV }, { 18 * M, 22 * M, BDATA }, { 22 * M, 64 * M, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  22 * M,
	  26 * M,
	  CL_OK,
	  0,
	  0 },
	{ "a hole splits free memory",
	  { { 1 * M, 17 * M, CONV }, { 18 * M, 64 * M, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  18 * M,
	  22 * M,
	  CL_OK,
	  0,
	  0 },
	{ "adjacent free ranges make one window",
	  { { 1 * M, 17 * M, CONV }, { 17 * M, 64 * M, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  0,
	  0 },
	{ "16 MiB alignment fails, 8 MiB fits",
	  { { 1 * M, 9 * M, CONV },
	    { 9 * M, 21 * M, BDATA },
	    { 21 * M, 31 * M, CONV },
	    { 31 * M, 64 * M, RSVD } },
	  true,
	  16 * M,
	  16 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  24 * M,
	  28 * M,
	  CL_OK,
	  0,
	  0 },
	{ "falls back all the way to a 4 KiB min_alignment",
	  { { 1 * M, 21 * M, BDATA }, { 21 * M + 12 * K, 25 * M + 12 * K, CONV } },
	  true,
	  16 * M,
	  16 * M,
	  4 * K,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  21 * M + 12 * K,
	  25 * M + 12 * K,
	  CL_OK,
	  0,
	  0 },
	{ "min_alignment 8 KiB stops the fallback",
	  { { 1 * M, 21 * M, BDATA }, { 21 * M + 12 * K, 25 * M + 12 * K, CONV } },
	  true,
	  16 * M,
	  16 * M,
	  8 * K,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "relocatable, not enough memory anywhere", OVMF_64M, true, 16 * M, 2 * M, 2 * M, 48 * M,
	  0, 0, 0, CL_E_NO_KERNEL_WINDOW, 0, 0, 0, 0, 0 },
	{ "init_size of almost 4 GiB", FLAT_64M, true, 16 * M, 2 * M, 2 * M, 0xfffff001ull,
	  ABOVE_4G, 0, 0, CL_E_NO_KERNEL_WINDOW, 0, 0, 0, 0, 0 },
	{ "relocatable, memory only below pref_address", OVMF_64M, true, 60 * M, 2 * M, 2 * M,
	  8 * M, 0, 0, 0, CL_E_NO_KERNEL_WINDOW, 0, 0, 0, 0, 0 },
	{ "pref_address below 1 MiB: the first window at or above 1 MiB",
	  { { 0, 64 * M, CONV } },
	  true,
	  0,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  2 * M,
	  6 * M,
	  CL_OK,
	  0,
	  0 },
	{ "pref_address not aligned to min_alignment is not used as is", FLAT_64M, true,
	  16 * M + 4 * K, 2 * M, 2 * M, 4 * M, 0, 0, 0, CL_OK, 18 * M, 22 * M, CL_OK, 0, 0 },
	{ "pref_address near the top of the address space", FLAT_64M, true, ~0ull - 2 * M + 1,
	  2 * M, 2 * M, 4 * M, 0, 0, 0, CL_E_NO_KERNEL_WINDOW, 0, 0, 0, 0, 0 },
	{ "kernel stays below 4 GiB without XLF_CAN_BE_LOADED_ABOVE_4G",
	  { { 1 * M, 4 * G - 2 * M, BDATA }, { 4 * G - 2 * M, 8 * G, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "a smaller alignment keeps the kernel below 4 GiB",
	  { { 1 * M, 4 * G - 6 * M, BDATA }, { 4 * G - 6 * M, 8 * G, CONV } },
	  true,
	  16 * M,
	  16 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  4 * G - 4 * M,
	  4 * G,
	  CL_OK,
	  0,
	  0 },
	{ "kernel above 4 GiB with XLF_CAN_BE_LOADED_ABOVE_4G",
	  { { 1 * M, 4 * G - 2 * M, BDATA }, { 4 * G - 2 * M, 8 * G, CONV } },
	  true,
	  16 * M,
	  16 * M,
	  2 * M,
	  4 * M,
	  ABOVE_4G,
	  0,
	  0,
	  CL_OK,
	  4 * G,
	  4 * G + 4 * M,
	  CL_OK,
	  0,
	  0 },

	{ "non-relocatable over busy boot-services memory", OVMF_64M, false, 16 * M, 0, 0, 4 * M, 0,
	  0, 0, CL_OK, 16 * M, 20 * M, CL_OK, 0, 0 },
	{ "non-relocatable over reserved memory",
	  { { 1 * M, 18 * M, CONV }, { 18 * M, 19 * M, RSVD }, { 19 * M, 64 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable over an unknown memory type",
	  { { 1 * M, 18 * M, CONV }, { 18 * M, 19 * M, 0x70000001 }, { 19 * M, 64 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable over a hole",
	  { { 1 * M, 18 * M, CONV }, { 19 * M, 64 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable past the end of memory", FLAT_64M, false, 62 * M, 0, 0, 4 * M, 0, 0, 0,
	  CL_E_NO_KERNEL_WINDOW, 0, 0, 0, 0, 0 },
	{ "non-relocatable below 1 MiB",
	  { { 0, 64 * M, CONV } },
	  false,
	  512 * K,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable above 4 GiB without XLF_CAN_BE_LOADED_ABOVE_4G",
	  { { 1 * M, 8 * G, CONV } },
	  false,
	  4 * G,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable kernel ending one page past 4 GiB",
	  { { 1 * M, 8 * G, CONV } },
	  false,
	  4 * G - 4 * M + 4 * K,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_E_NO_KERNEL_WINDOW,
	  0,
	  0,
	  0,
	  0,
	  0 },
	{ "non-relocatable kernel ending exactly at 4 GiB",
	  { { 1 * M, 8 * G, CONV } },
	  false,
	  4 * G - 4 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  0,
	  CL_OK,
	  4 * G - 4 * M,
	  4 * G,
	  CL_OK,
	  0,
	  0 },

	{ "initrd as high as possible below initrd_addr_max",
	  { { 1 * M, 3 * G, CONV }, { 4 * G, 8 * G, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0,
	  1 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  2 * G - 1 * M,
	  2 * G },
	{ "initrd_addr_max is the last byte, not page aligned",
	  { { 1 * M, 3 * G, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  0,
	  0x37ffffff,
	  4 * K + 1,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  0x38000000 - 8 * K,
	  0x38000000 },
	{ "initrd above 4 GiB with XLF_CAN_BE_LOADED_ABOVE_4G",
	  { { 1 * M, 3 * G, CONV }, { 4 * G, 8 * G, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  ABOVE_4G,
	  0,
	  1 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  8 * G - 1 * M,
	  8 * G },
	{ "initrd below the kernel when the kernel holds the top", FLAT_64M, false, 60 * M, 0, 0,
	  4 * M, 0, 0, 2 * M, CL_OK, 60 * M, 64 * M, CL_OK, 58 * M, 60 * M },
	{ "initrd may not take the kernel's last page",
	  { { 1 * M, 24 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  4 * M + 4 * K,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  12 * M - 4 * K,
	  16 * M },
	{ "initrd may not take the kernel's first page",
	  { { 1 * M, 16 * M + 4 * K, CONV }, { 16 * M + 4 * K, 24 * M, BDATA } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  2 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  14 * M,
	  16 * M },
	{ "initrd right above the kernel's end",
	  { { 1 * M, 24 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  4 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  20 * M,
	  24 * M },
	{ "initrd skips a top range too small for it",
	  { { 1 * M, 30 * M, CONV }, { 30 * M, 63 * M, BDATA }, { 63 * M, 64 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  2 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  28 * M,
	  30 * M },
	{ "initrd never in memory that is busy now",
	  { { 1 * M, 10 * M, CONV }, { 10 * M, 64 * M, BDATA } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  1 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  9 * M,
	  10 * M },
	{ "initrd does not fit beside the kernel",
	  { { 1 * M, 20 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  15 * M + 4 * K,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_E_NO_INITRD_WINDOW,
	  0,
	  0 },
	{ "initrd fits exactly between 1 MiB and the kernel",
	  { { 1 * M, 20 * M, CONV } },
	  false,
	  16 * M,
	  0,
	  0,
	  4 * M,
	  0,
	  0,
	  15 * M,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  1 * M,
	  16 * M },
	{ "initrd_addr_max below all free memory", FLAT_64M, true, 16 * M, 2 * M, 2 * M, 4 * M, 0,
	  0xfffff, 4 * K, CL_OK, 16 * M, 20 * M, CL_E_NO_INITRD_WINDOW, 0, 0 },
	{ "large initrd goes high when the kernel allows it",
	  { { 1 * M, 2 * G, CONV }, { 4 * G, 12 * G, CONV } },
	  true,
	  16 * M,
	  2 * M,
	  2 * M,
	  4 * M,
	  ABOVE_4G,
	  0,
	  5 * G,
	  CL_OK,
	  16 * M,
	  20 * M,
	  CL_OK,
	  7 * G,
	  12 * G },
};

/* Checks one case; prints what differs and returns false on a mismatch. */
static bool run_case(const struct plan_case *c)
{
	struct mem_range ranges[8];
	struct memmap map = { ranges, 0, 8 };
	struct bzimage_info bz = { 0 };
	struct plan plan = { 0 };
	struct diag d = { "" };
	int rc;

	for (size_t i = 0; i < 8 && c->map[i].end; i++) {
		ranges[i].start = c->map[i].start;
		ranges[i].end = c->map[i].end;
		ranges[i].type = c->map[i].type;
		map.count++;
	}
	bz.version = 0x020f;
	bz.relocatable = c->relocatable;
	bz.pref_address = c->pref;
	bz.kernel_alignment = c->relocatable ? c->align : 4 * K;
	bz.min_alignment = c->relocatable ? c->min_align : 4 * K;
	bz.init_size = c->init_size;
	bz.xloadflags = c->xlf ? c->xlf : XLF_KERNEL_64;
	bz.initrd_addr_max = c->initrd_addr_max ? c->initrd_addr_max : 0x7fffffff;
	rc = plan_kernel(&map, &bz, &plan, &d);
	if (rc != c->kernel_rc)
		return print_error("%s: kernel: %s (%s), expected %s\n", c->name,
				   cl_status_name(rc), d.msg, cl_status_name(c->kernel_rc)),
		       false;
	if (rc)
		return true;
	if (plan.kernel_addr != c->kernel_addr || plan.kernel_end != c->kernel_end)
		return print_error("%s: kernel at 0x%llx-0x%llx, expected 0x%llx-0x%llx\n", c->name,
				   (unsigned long long)plan.kernel_addr,
				   (unsigned long long)plan.kernel_end,
				   (unsigned long long)c->kernel_addr,
				   (unsigned long long)c->kernel_end),
		       false;
	rc = plan_initrd(&map, &bz, c->initrd_size, &plan, &d);
	if (rc != c->initrd_rc)
		return print_error("%s: initrd: %s (%s), expected %s\n", c->name,
				   cl_status_name(rc), d.msg, cl_status_name(c->initrd_rc)),
		       false;
	if (rc)
		return true;
	if (plan.initrd_addr != c->initrd_addr || plan.initrd_end != c->initrd_end)
		return print_error("%s: initrd at 0x%llx-0x%llx, expected 0x%llx-0x%llx\n", c->name,
				   (unsigned long long)plan.initrd_addr,
				   (unsigned long long)plan.initrd_end,
				   (unsigned long long)c->initrd_addr,
				   (unsigned long long)c->initrd_end),
		       false;
	return true;
}

static void test_cases(void **state)
{
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += !run_case(&cases[i]);
	if (failed)
		fail_msg("%zu of %zu cases failed", failed, sizeof(cases) / sizeof(cases[0]));
}

/* An empty or fully reserved map: both placements fail with their own error. */
static void test_no_memory_at_all(void **state)
{
	struct mem_range r = { 0, 64 * M, RSVD };
	struct memmap empty = { &r, 0, 1 }, reserved = { &r, 1, 1 };
	struct bzimage_info bz = { .relocatable = true,
				   .pref_address = 16 * M,
				   .kernel_alignment = 2 * M,
				   .min_alignment = 2 * M,
				   .init_size = 4 * M,
				   .xloadflags = XLF_KERNEL_64,
				   .initrd_addr_max = 0x7fffffff };
	struct plan plan = { .kernel_addr = 16 * M, .kernel_end = 20 * M };
	struct diag d;

	(void)state;
	assert_int_equal(plan_kernel(&empty, &bz, &plan, &d), CL_E_NO_KERNEL_WINDOW);
	assert_int_equal(plan_kernel(&reserved, &bz, &plan, &d), CL_E_NO_KERNEL_WINDOW);
	assert_int_equal(plan_initrd(&empty, &bz, 1, &plan, &d), CL_E_NO_INITRD_WINDOW);
	assert_int_equal(plan_initrd(&reserved, &bz, 1, &plan, &d), CL_E_NO_INITRD_WINDOW);
	assert_int_equal(plan.initrd_addr, 0);
	assert_int_equal(plan.initrd_end, 0);
}

/*
 * The 32-bit entry's view of a kernel that may go anywhere: on a machine
 * whose only free RAM above 16 MiB is above 4 GiB, it goes there through
 * the 64-bit entry, and nowhere (a clear refusal) through the 32-bit one.
 * With room below 4 GiB, the initrd stays below it too.
 */
static void test_below_4g(void **state)
{
	struct mem_range high_only[] = {
		{ 0, M, RSVD },
		{ M, 16 * M, CONV },
		{ 16 * M, 4096 * M, RSVD },
		{ 4096 * M, 8192 * M, CONV },
	};
	struct mem_range both[] = {
		{ 0, M, RSVD },
		{ M, 64 * M, CONV },
		{ 64 * M, 4096 * M, RSVD },
		{ 4096 * M, 8192 * M, CONV },
	};
	struct memmap high = { high_only, 4, 4 }, low_and_high = { both, 4, 4 };
	struct bzimage_info bz = { .relocatable = true,
				   .pref_address = 16 * M,
				   .kernel_alignment = 2 * M,
				   .min_alignment = 2 * M,
				   .init_size = 4 * M,
				   .xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G,
				   .initrd_addr_max = 0x7fffffff };
	struct bzimage_info low = plan_below_4g(&bz), wide = bz;
	struct plan plan;
	struct diag d;

	(void)state;
	assert_int_equal(low.xloadflags, XLF_KERNEL_64);
	assert_int_equal(low.initrd_addr_max, 0x7fffffff);
	wide.initrd_addr_max = 0x1ffffffffull; /* not a real header's, but capped all the same */
	assert_int_equal(plan_below_4g(&wide).initrd_addr_max, 0xffffffffull);

	assert_int_equal(plan_kernel(&high, &bz, &plan, &d), CL_OK);
	assert_int_equal(plan.kernel_addr, 4096 * M);
	assert_int_equal(plan_kernel(&high, &low, &plan, &d), CL_E_NO_KERNEL_WINDOW);
	assert_string_equal(
		d.msg, "no free memory window of 4096 KiB at or above 0x1000000 for the kernel");

	assert_int_equal(plan_kernel(&low_and_high, &low, &plan, &d), CL_OK);
	assert_int_equal(plan.kernel_addr, 16 * M);
	assert_int_equal(plan_initrd(&low_and_high, &bz, 3 * M, &plan, &d), CL_OK);
	assert_int_equal(plan.initrd_end, 8192 * M);
	assert_int_equal(plan_initrd(&low_and_high, &low, 3 * M, &plan, &d), CL_OK);
	assert_int_equal(plan.initrd_end, 64 * M);
	/* 15 MiB are free below 4 GiB: one page more does not fit there. */
	assert_int_equal(plan_initrd(&high, &low, 15 * M + 1, &plan, &d), CL_E_NO_INITRD_WINDOW);
}

/*
 * Refusals name the range they are about with numbers that do not wrap:
 * the exact message per case, end past 2^64 included.
 */
struct message_case {
	const char *name;
	uint64_t pref, init_size;
	uint16_t xlf;	      /* 0 means XLF_KERNEL_64 alone */
	uint64_t initrd_size; /* 0: the case is about the kernel */
	int rc;
	const char *msg;
};

static const struct message_case message_cases[] = {
	{ "fixed kernel whose window ends past 2^64", 0xfffffffffffff000ull, 4 * M, ABOVE_4G, 0,
	  CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 4096 KiB at 0xfffffffffffff000, past the end of the "
	  "address space" },
	{ "fixed kernel whose window ends exactly at 2^64", 0ull - 4 * M, 4 * M, ABOVE_4G, 0,
	  CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 4096 KiB at 0xffffffffffc00000, past the end of the "
	  "address space" },
	{ "fixed kernel past 2^64 without XLF_CAN_BE_LOADED_ABOVE_4G", 0xfffffffffffff000ull, 4 * M,
	  0, 0, CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 4096 KiB at 0xfffffffffffff000, past the end of the "
	  "address space" },
	{ "fixed kernel above 4 GiB", 4 * G, 4 * M, 0, 0, CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 0x100000000-0x100400000, beyond 4 GiB, and it has no "
	  "XLF_CAN_BE_LOADED_ABOVE_4G" },
	{ "fixed kernel across 4 GiB", 4 * G - 2 * M, 4 * M, 0, 0, CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 0xffe00000-0x100200000, beyond 4 GiB, and it has no "
	  "XLF_CAN_BE_LOADED_ABOVE_4G" },
	{ "fixed kernel below 1 MiB", 512 * K, 4 * M, 0, 0, CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 0x80000-0x480000, below 1 MiB, which the loader "
	  "leaves to Linux" },
	{ "fixed kernel over reserved memory", 60 * M, 8 * M, 0, 0, CL_E_NO_KERNEL_WINDOW,
	  "non-relocatable kernel needs 0x3c00000-0x4400000, which is not RAM the loader may "
	  "use" },
	{ "initrd as large as the address space", 16 * M, 4 * M, 0, ~0ull, CL_E_NO_INITRD_WINDOW,
	  "initrd needs 18014398509481984 KiB of free memory below 0x80000000 and none is left" },
	{ "initrd within a page of 2^64 bytes", 16 * M, 4 * M, ABOVE_4G, ~0ull - 4094,
	  CL_E_NO_INITRD_WINDOW,
	  "initrd needs 18014398509481984 KiB of free memory below 0xfffffffffffff000 and none "
	  "is left" },
};

static void test_messages(void **state)
{
	struct mem_range r[2] = { { 0, 1 * M, RSVD }, { 1 * M, 64 * M, CONV } };
	struct memmap map = { r, 2, 2 };
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(message_cases) / sizeof(message_cases[0]); i++) {
		const struct message_case *c = &message_cases[i];
		struct bzimage_info bz = { .version = 0x020f,
					   .relocatable = false,
					   .pref_address = c->pref,
					   .kernel_alignment = 4 * K,
					   .min_alignment = 4 * K,
					   .init_size = c->init_size,
					   .xloadflags = c->xlf ? c->xlf : XLF_KERNEL_64,
					   .initrd_addr_max = 0x7fffffff };
		struct plan plan = { 0 };
		struct diag d = { "" };
		int rc = plan_kernel(&map, &bz, &plan, &d);

		if (!rc && c->initrd_size)
			rc = plan_initrd(&map, &bz, c->initrd_size, &plan, &d);
		if (rc != c->rc || strcmp(d.msg, c->msg)) {
			print_error("%s: %s \"%s\"\n  expected %s \"%s\"\n", c->name,
				    cl_status_name(rc), d.msg, cl_status_name(c->rc), c->msg);
			failed++;
		}
	}
	if (failed)
		fail_msg("%zu of %zu message cases failed", failed,
			 sizeof(message_cases) / sizeof(message_cases[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_no_memory_at_all),
		cmocka_unit_test(test_below_4g),
		cmocka_unit_test(test_messages),
	};

	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
