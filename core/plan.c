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
static int lowest_window(const struct memmap *map, uint64_t size, uint64_t align,
			 uint64_t floor, uint64_t limit, uint64_t *ret)
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
			return diag_set(diag, CL_E_NO_KERNEL_WINDOW,
					"non-relocatable kernel needs 0x%llx-0x%llx, which is not RAM the loader may use",
					(unsigned long long)addr, (unsigned long long)(addr + size));
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
static int try_top(const struct memmap *map, const struct plan *plan, uint64_t size,
		   uint64_t top, uint64_t *ret)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		uint64_t start;

		if (top < size)
			return 0;
		start = align_down(top - size, PAGE_SIZE);
		if (overlaps(start, start + size, plan->kernel_addr, plan->kernel_end)) {
			top = plan->kernel_addr;	/* retry just below the kernel */
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

	plan->initrd_addr = plan->initrd_end = 0;
	if (!size)
		return CL_OK;
	pages = align_up(size, PAGE_SIZE);
	if (bz->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G)
		limit = align_down(UINT64_MAX, PAGE_SIZE);
	else
		limit = align_down(bz->initrd_addr_max + 1ull, PAGE_SIZE);
	/* Highest candidates first: the top of each free range below the limit. */
	for (size_t i = map->count; i-- > 0;) {
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
			(unsigned long long)(pages >> 10), (unsigned long long)limit);
}
