/* SPDX-License-Identifier: MIT */
#include "plan.h"

#include "bootparam.h"
#include "units.h"

/* Is [start, start + size) at or above the floor, ending by `limit`, and usable? */
static int window_ok(const struct memmap *map, uint64_t start, uint64_t size, uint64_t limit,
		     enum mem_class worst_allowed)
{
	if (start < PLAN_LOW_FLOOR || start > limit || size > limit - start)
		return 0;
	return memmap_window_class(map, start, start + size) <= worst_allowed;
}

/* The lowest `align`-aligned free window of `size` bytes in [floor, limit). */
static int lowest_window(const struct memmap *map, uint64_t size, uint64_t align, uint64_t floor,
			 uint64_t limit, uint64_t *ret)
{
	for (size_t i = 0; i < map->count; i++) {
		const struct mem_range *r = &map->ranges[i];
		uint64_t start = r->start > floor ? r->start : floor;

		if (memmap_class_of_type(r->type) != MEM_FREE || r->end <= start)
			continue;
		if (!align_up_checked(start, align, &start))
			break;
		if (window_ok(map, start, size, limit, MEM_FREE)) {
			*ret = start;
			return 1;
		}
	}
	return 0;
}

/*
 * Why a non-relocatable kernel cannot have [addr, addr + size): the end is
 * printed only once it is known not to wrap past 2^64.
 */
static int refuse_fixed(uint64_t addr, uint64_t size, uint64_t limit, struct diag *diag)
{
	unsigned long long a = addr, e = addr + size;

	if (size > UINT64_MAX - addr)
		return diag_set(
			diag, CL_E_NO_KERNEL_WINDOW,
			"non-relocatable kernel needs %llu KiB at 0x%llx, past the end of the address space",
			(unsigned long long)(size >> 10), a);
	if (addr < PLAN_LOW_FLOOR)
		return diag_set(
			diag, CL_E_NO_KERNEL_WINDOW,
			"non-relocatable kernel needs 0x%llx-0x%llx, below 1 MiB, which the loader leaves to Linux",
			a, e);
	if (addr + size > limit)
		return diag_set(
			diag, CL_E_NO_KERNEL_WINDOW,
			"non-relocatable kernel needs 0x%llx-0x%llx, beyond 4 GiB, and it has no XLF_CAN_BE_LOADED_ABOVE_4G",
			a, e);
	return diag_set(
		diag, CL_E_NO_KERNEL_WINDOW,
		"non-relocatable kernel needs 0x%llx-0x%llx, which is not RAM the loader may use",
		a, e);
}

int plan_kernel(const struct memmap *map, const struct bzimage_info *bz, struct plan *plan,
		struct diag *diag)
{
	uint64_t size = align_up(bz->init_size, PAGE_SIZE);
	uint64_t addr = bz->pref_address;
	/* boot.rst, xloadflags: without this flag the kernel must stay below 4 GiB. */
	uint64_t limit = (bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G) ? UINT64_MAX : FOUR_GIB;
	uint64_t floor = addr > PLAN_LOW_FLOOR ? addr : PLAN_LOW_FLOOR;

	if (!bz->relocatable) {
		if (!window_ok(map, addr, size, limit, MEM_FREE_AFTER_EXIT))
			return refuse_fixed(addr, size, limit, diag);
		goto found;
	}
	/* A relocatable kernel must start at least min_alignment aligned. */
	if (is_aligned(addr, bz->min_alignment) && window_ok(map, addr, size, limit, MEM_FREE))
		goto found;
	/*
	 * Never below pref_address: Linux decompresses to
	 * max(load address, LOAD_PHYSICAL_ADDR) and pref_address is the latter.
	 */
	for (uint64_t align = bz->kernel_alignment; align >= bz->min_alignment; align >>= 1)
		if (lowest_window(map, size, align, floor, limit, &addr))
			goto found;
	return diag_set(diag, CL_E_NO_KERNEL_WINDOW,
			"no free memory window of %llu KiB at or above 0x%llx for the kernel",
			(unsigned long long)(size >> 10), (unsigned long long)bz->pref_address);
found:
	plan->kernel_addr = addr;
	plan->kernel_end = addr + size;
	return CL_OK;
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
	return a < b_end && b < a_end;
}

/* Tries a window ending at or below `top`; returns 1 and sets *ret on success. */
static int try_top(const struct memmap *map, const struct plan *plan, uint64_t size, uint64_t top,
		   uint64_t *ret)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		uint64_t start;

		if (top < size)
			return 0;
		start = align_down(top - size, PAGE_SIZE);
		if (overlaps(start, start + size, plan->kernel_addr, plan->kernel_end)) {
			top = plan->kernel_addr; /* retry just below the kernel */
			continue;
		}
		if (window_ok(map, start, size, UINT64_MAX, MEM_FREE)) {
			*ret = start;
			return 1;
		}
		return 0;
	}
	return 0;
}

int plan_initrd(const struct memmap *map, const struct bzimage_info *bz, uint64_t size,
		struct plan *plan, struct diag *diag)
{
	uint64_t limit, pages;
	bool fits;

	plan->initrd_addr = plan->initrd_end = 0;
	if (!size)
		return CL_OK;
	fits = align_up_checked(size, PAGE_SIZE, &pages);
	if (bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G)
		limit = align_down(UINT64_MAX, PAGE_SIZE);
	else
		limit = align_down(bz->initrd_addr_max + 1ull, PAGE_SIZE);
	/* Highest candidates first: the top of each free range below the limit. */
	for (size_t i = map->count; fits && i-- > 0;) {
		const struct mem_range *r = &map->ranges[i];
		uint64_t top = r->end < limit ? r->end : limit;
		uint64_t addr;

		if (memmap_class_of_type(r->type) != MEM_FREE || top <= r->start)
			continue;
		if (try_top(map, plan, pages, top, &addr)) {
			plan->initrd_addr = addr;
			plan->initrd_end = addr + pages;
			return CL_OK;
		}
	}
	return diag_set(diag, CL_E_NO_INITRD_WINDOW,
			"initrd needs %llu KiB of free memory below 0x%llx and none is left",
			(unsigned long long)(pages_for(size) * (PAGE_SIZE >> 10)),
			(unsigned long long)limit);
}

struct bzimage_info plan_below_4g(const struct bzimage_info *bz)
{
	struct bzimage_info low = *bz;

	low.xloadflags &= (uint16_t)~XLF_CAN_BE_LOADED_ABOVE_4G;
	if (low.initrd_addr_max > FOUR_GIB - 1)
		low.initrd_addr_max = FOUR_GIB - 1;
	return low;
}
