/* SPDX-License-Identifier: MIT */
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "kexec_flags.h"

void sim_init(struct sim *s, uint64_t size)
{
	memset(s, 0, sizeof(*s));
	s->size = size;
	s->ram = calloc(1, size);
	s->busy = calloc(1, size / PAGE_SIZE);
	s->map.ranges = s->ranges;
	s->map.capacity = SIM_MAX_RANGES;
}

void sim_free(struct sim *s)
{
	free(s->ram);
	free(s->busy);
}

void sim_add(struct sim *s, uint64_t start, uint64_t end, uint32_t type)
{
	struct mem_range *r = &s->ranges[s->map.count++];

	r->start = start;
	r->end = end;
	r->type = type;
	if (type != MM_CONVENTIONAL)
		for (uint64_t p = start; p < end && p < s->size; p += PAGE_SIZE)
			s->busy[p / PAGE_SIZE] = 1;
}

static bool page_free(struct sim *s, uint64_t addr)
{
	if (addr >= s->size || s->busy[addr / PAGE_SIZE])
		return false;
	/* Free means conventional memory in the map, as with the firmware. */
	return memmap_window_class(&s->map, addr, addr + PAGE_SIZE) == MEM_FREE;
}

static int sim_claim(void *ctx, uint64_t addr, uint64_t pages)
{
	struct sim *s = ctx;

	for (uint64_t i = 0; i < pages; i++)
		if (!page_free(s, addr + i * PAGE_SIZE))
			return -1;
	for (uint64_t i = 0; i < pages; i++)
		s->busy[addr / PAGE_SIZE + i] = 1;
	s->allocs++;
	return 0;
}

static int sim_alloc(void *ctx, enum page_kind kind, uint64_t pages, uint64_t max_end,
		     uint64_t *ret)
{
	struct sim *s = ctx;
	uint64_t top = max_end < s->size ? max_end : s->size;

	(void)kind;
	if (s->fail_after && s->allocs >= s->fail_after)
		return -1;
	if (top < pages * PAGE_SIZE)
		return -1;
	/* Top-down, like edk2's AllocateAnyPages. */
	for (uint64_t start = top - pages * PAGE_SIZE;; start -= PAGE_SIZE) {
		if (!sim_claim(s, start, pages)) {
			*ret = start;
			return 0;
		}
		if (!start)
			return -1;
	}
}

static void *sim_map(void *ctx, uint64_t addr)
{
	struct sim *s = ctx;

	return s->ram + addr;
}

struct page_alloc sim_allocator(struct sim *s)
{
	struct page_alloc pa = { s, sim_claim, sim_alloc, sim_map };

	return pa;
}

size_t sim_efi_descriptors(const struct sim *s, uint8_t *buf, size_t desc_size)
{
	for (size_t i = 0; i < s->map.count; i++) {
		uint8_t *d = buf + i * desc_size;
		uint32_t type = s->ranges[i].type;
		uint64_t start = s->ranges[i].start;
		uint64_t pages = (s->ranges[i].end - start) / PAGE_SIZE;

		memset(d, 0, desc_size);
		memcpy(d, &type, 4);
		memcpy(d + 8, &start, 8);
		memcpy(d + 24, &pages, 8);
	}
	return s->map.count * desc_size;
}

bool sim_walk_list(struct sim *s, uint64_t entry)
{
	uint64_t *slot = NULL, dest = 0;
	uint64_t steps = 0;

	for (;;) {
		uint64_t addr = entry & PAGE_MASK;

		if (++steps > 100000000 || addr + PAGE_SIZE > s->size)
			return false;
		if (entry & IND_DESTINATION) {
			dest = addr;
		} else if (entry & IND_INDIRECTION) {
			slot = (uint64_t *)(s->ram + addr);
		} else if (entry & IND_DONE) {
			return true;
		} else if (entry & IND_SOURCE) {
			if (dest + PAGE_SIZE > s->size)
				return false;
			if (addr != dest)
				memcpy(s->ram + dest, s->ram + addr, PAGE_SIZE);
			dest += PAGE_SIZE;
		}
		if (!slot)
			return false;
		entry = *slot++;
	}
}
