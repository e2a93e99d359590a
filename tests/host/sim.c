/* SPDX-License-Identifier: MIT */
#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "kexec_flags.h"

#define HOLE 0xff /* a page no range covers: MEM_NEVER, as in memmap.c */

/*
 * One RAM buffer serves every machine of a run: mapping and faulting in tens
 * of MiB per machine would dominate randomized tests.  Its bytes are left
 * from the previous machine, never zeroed: a test must not rely on them.
 * Each machine sits at the end of the buffer, so that a read or write past
 * the machine's last byte is past the buffer's: AddressSanitizer reports it.
 */
static uint8_t *ram_cache;
static uint64_t ram_cache_size;

void sim_init(struct sim *s, uint64_t size)
{
	memset(s, 0, sizeof(*s));
	s->size = size;
	if (size > ram_cache_size) {
		free(ram_cache);
		ram_cache_size = size;
		ram_cache = malloc(size);
		memset(ram_cache, 0xa5, size);
	}
	s->ram = ram_cache + (ram_cache_size - size);
	s->busy = calloc(1, size / PAGE_SIZE);
	s->cls = malloc(size / PAGE_SIZE);
	memset(s->cls, HOLE, size / PAGE_SIZE);
	s->free_top = size;
	s->map.ranges = s->ranges;
	s->map.capacity = SIM_MAX_RANGES;
}

void sim_free(struct sim *s)
{
	free(s->busy);
	free(s->cls);
}

void sim_add(struct sim *s, uint64_t start, uint64_t end, uint32_t type)
{
	struct mem_range *r = &s->ranges[s->map.count++];
	uint8_t c = (uint8_t)memmap_class_of_type(type);

	r->start = start;
	r->end = end;
	r->type = type;
	for (uint64_t p = start; p < end && p < s->size; p += PAGE_SIZE) {
		uint8_t *pc = &s->cls[p / PAGE_SIZE];

		if (*pc == HOLE || c > *pc)
			*pc = c;
		if (type != MM_CONVENTIONAL)
			s->busy[p / PAGE_SIZE] = 1;
	}
}

/* Free means conventional memory in the map and not taken, as with the firmware. */
static bool page_free(const struct sim *s, uint64_t addr)
{
	return addr < s->size && !s->busy[addr / PAGE_SIZE] && s->cls[addr / PAGE_SIZE] == MEM_FREE;
}

static int sim_claim(void *ctx, uint64_t addr, uint64_t pages)
{
	struct sim *s = ctx;

	if (addr & (PAGE_SIZE - 1) || pages > s->size / PAGE_SIZE)
		return -1;
	for (uint64_t i = 0; i < pages; i++)
		if (!page_free(s, addr + i * PAGE_SIZE))
			return -1;
	for (uint64_t i = 0; i < pages; i++)
		s->busy[addr / PAGE_SIZE + i] = 1;
	s->allocs++;
	return 0;
}

/*
 * Top-down, like edk2's AllocateAnyPages: the highest run of free pages
 * ending at or below max_end.  Pages are never freed, so the free_top hint
 * only skips pages that can never be handed out again.
 */
static int sim_alloc(void *ctx, enum page_kind kind, uint64_t pages, uint64_t max_end,
		     uint64_t *ret)
{
	struct sim *s = ctx;
	uint64_t end;

	(void)kind;
	if (s->fail_after && s->allocs >= s->fail_after)
		return -1;
	while (s->free_top && !page_free(s, s->free_top - PAGE_SIZE))
		s->free_top -= PAGE_SIZE;
	end = max_end < s->free_top ? max_end & PAGE_MASK : s->free_top;
	if (!pages || pages > s->size / PAGE_SIZE)
		return -1;
	while (end >= pages * PAGE_SIZE) {
		uint64_t start = end - pages * PAGE_SIZE, p;

		/* The highest page in [start, end) that is not free bounds the next try. */
		for (p = end; p > start && page_free(s, p - PAGE_SIZE); p -= PAGE_SIZE)
			;
		if (p == start) {
			sim_claim(s, start, pages);
			*ret = start;
			return 0;
		}
		end = p - PAGE_SIZE;
	}
	return -1;
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

/* Every list walk stops after this many entries: a longer list is a loop. */
#define MAX_STEPS 100000000ull

bool sim_walk_list(struct sim *s, uint64_t entry)
{
	const uint64_t *slot = NULL;
	uint64_t dest = 0, steps = 0, used = 0;

	for (;;) {
		uint64_t addr = entry & PAGE_MASK;

		if (++steps > MAX_STEPS || addr + PAGE_SIZE > s->size)
			return false;
		if (entry & IND_DESTINATION) {
			dest = addr;
		} else if (entry & IND_INDIRECTION) {
			slot = (const uint64_t *)(s->ram + addr);
			used = 0;
		} else if (entry & IND_DONE) {
			return true;
		} else if (entry & IND_SOURCE) {
			if (dest + PAGE_SIZE > s->size)
				return false;
			if (addr != dest)
				memcpy(s->ram + dest, s->ram + addr, PAGE_SIZE);
			dest += PAGE_SIZE;
		}
		/* The stub would read on past a page whose last slot is no link: refuse first. */
		if (!slot || used == IND_ENTRIES_PER_PAGE)
			return false;
		entry = slot[used++];
	}
}

static bool in_window(const struct layout *l, uint64_t addr)
{
	return layout_in_window(l, addr, addr + PAGE_SIZE);
}

/* Compares what the list copies (src_of[dest page] = src + 1) with the extents. */
static const char *compare_extents(const struct sim *s, const struct layout *l,
				   const uint64_t *src_of)
{
	uint64_t expected = 0, found = 0;

	for (size_t i = 0; i < l->n_extents; i++) {
		const struct extent *x = &l->extents[i];

		if (x->src == x->dest)
			continue;
		for (uint64_t p = 0; p < x->pages; p++) {
			uint64_t d = x->dest + p * PAGE_SIZE;

			if (d >= s->size || src_of[d / PAGE_SIZE] != x->src + p * PAGE_SIZE + 1)
				return "a copied extent page is missing or has the wrong source";
			expected++;
		}
	}
	for (uint64_t i = 0; i < s->size / PAGE_SIZE; i++)
		found += src_of[i] != 0;
	return found == expected ? NULL : "the list copies pages no extent asks for";
}

const char *sim_check_list(const struct sim *s, const struct layout *l, struct sim_list_stats *ret)
{
	uint64_t *src_of = calloc(s->size / PAGE_SIZE, sizeof(*src_of));
	struct sim_list_stats st = { 0 };
	const uint64_t *slot = NULL;
	uint64_t entry = l->list_head, dest = 1, used = 0;
	const char *err = NULL;

	while (!err) {
		uint64_t addr = entry & PAGE_MASK;

		if (addr + PAGE_SIZE > s->size || st.sources > s->size / PAGE_SIZE) {
			err = "list entry outside the machine, or a loop";
			break;
		}
		switch (entry & IND_FLAGS) {
		case IND_DESTINATION:
			dest = addr;
			st.destinations++;
			break;
		case IND_INDIRECTION:
			if (in_window(l, addr))
				err = "an indirection page is a destination";
			slot = (const uint64_t *)(s->ram + addr);
			used = 0;
			st.list_pages++;
			break;
		case IND_DONE:
			if (!err)
				err = compare_extents(s, l, src_of);
			goto out;
		case IND_SOURCE:
			if (dest & (PAGE_SIZE - 1) || dest + PAGE_SIZE > s->size)
				err = "a source before any destination";
			else if (in_window(l, addr))
				err = "a source page is a destination";
			else if (!in_window(l, dest))
				err = "a destination page outside every window";
			else if (src_of[dest / PAGE_SIZE])
				err = "a destination page written twice";
			else
				src_of[dest / PAGE_SIZE] = addr + 1;
			dest += PAGE_SIZE;
			st.sources++;
			break;
		default:
			err = "an entry with no flag or several";
		}
		if (!slot && !err)
			err = "the head is not an indirection entry";
		/* The bound before the read: slot 512 is the next page, not this one's. */
		else if (!err && used == IND_ENTRIES_PER_PAGE)
			err = "indirection page overrun: no link in its last slot";
		if (!err)
			entry = slot[used++];
	}
out:
	free(src_of);
	if (ret)
		*ret = st;
	return err;
}
