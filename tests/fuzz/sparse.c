/* SPDX-License-Identifier: MIT */
#include "sparse.h"

#include <string.h>

#include "units.h"

static uint8_t pool[SPARSE_MAX_MAPPED][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Sorts boundaries so every elementary interval has one class. */
static void sort_u64(uint64_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t key = v[i];
		size_t j = i;

		while (j && v[j - 1] > key) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = key;
	}
}

void sparse_init(struct sparse *s, const struct memmap *map)
{
	static uint64_t b[2 * SPARSE_MAX_FREE];
	size_t n = 0;

	s->n_free = s->n_taken = s->n_mapped = 0;
	s->exhausted = false;
	for (size_t i = 0; i < map->count && n + 2 <= 2 * SPARSE_MAX_FREE; i++) {
		b[n++] = map->ranges[i].start;
		b[n++] = map->ranges[i].end;
	}
	if (n < 2 * map->count)
		s->exhausted = true;
	sort_u64(b, n);
	for (size_t i = 0; i + 1 < n; i++) {
		struct interval *last = s->n_free ? &s->free[s->n_free - 1] : NULL;

		if (b[i] == b[i + 1] || memmap_window_class(map, b[i], b[i + 1]) != MEM_FREE)
			continue;
		if (last && last->end == b[i]) {
			last->end = b[i + 1];
			continue;
		}
		if (s->n_free == SPARSE_MAX_FREE) {
			s->exhausted = true;
			break;
		}
		s->free[s->n_free].start = b[i];
		s->free[s->n_free].end = b[i + 1];
		s->n_free++;
	}
}

/* Index of the first taken interval ending after `addr`. */
static size_t first_after(const struct sparse *s, uint64_t addr)
{
	size_t lo = 0, hi = s->n_taken;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->taken[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many taken intervals start below `addr`. */
static size_t count_below(const struct sparse *s, uint64_t addr)
{
	size_t lo = 0, hi = s->n_taken;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->taken[mid].start < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_free(const struct sparse *s, uint64_t start, uint64_t end)
{
	size_t i = first_after(s, start);

	if (i < s->n_taken && s->taken[i].start < end)
		return false;
	for (size_t f = 0; f < s->n_free; f++)
		if (start >= s->free[f].start && end <= s->free[f].end)
			return true;
	return false;
}

static int take(struct sparse *s, uint64_t start, uint64_t end)
{
	size_t i = first_after(s, start);

	if (s->n_taken == SPARSE_MAX_TAKEN) {
		s->exhausted = true;
		return -1;
	}
	memmove(&s->taken[i + 1], &s->taken[i], (s->n_taken - i) * sizeof(s->taken[0]));
	s->taken[i].start = start;
	s->taken[i].end = end;
	s->n_taken++;
	return 0;
}

static int sparse_claim(void *ctx, uint64_t addr, uint64_t pages)
{
	struct sparse *s = ctx;

	if (addr & (PAGE_SIZE - 1) || !pages || pages > (UINT64_MAX - addr) / PAGE_SIZE ||
	    !is_free(s, addr, addr + pages * PAGE_SIZE))
		return -1;
	return take(s, addr, addr + pages * PAGE_SIZE);
}

/* The highest `size`-byte gap in [lo, hi) between taken intervals. */
static bool highest_gap(const struct sparse *s, uint64_t lo, uint64_t hi, uint64_t size,
			uint64_t *ret)
{
	size_t i = count_below(s, hi); /* taken[i - 1] is the highest below hi */

	while (hi > lo && hi - lo >= size) {
		uint64_t gap_lo = lo;

		if (i && s->taken[i - 1].end > lo)
			gap_lo = s->taken[i - 1].end < hi ? s->taken[i - 1].end : hi;
		if (hi - gap_lo >= size) {
			*ret = hi - size;
			return true;
		}
		if (!i || s->taken[i - 1].end <= lo)
			return false;
		hi = s->taken[--i].start;
	}
	return false;
}

static int sparse_alloc(void *ctx, enum page_kind kind, uint64_t pages, uint64_t max_end,
			uint64_t *ret)
{
	struct sparse *s = ctx;
	uint64_t limit = max_end & ~(PAGE_SIZE - 1);

	(void)kind;
	if (!pages || pages > UINT64_MAX / PAGE_SIZE)
		return -1;
	for (size_t f = s->n_free; f-- > 0;) {
		uint64_t hi = s->free[f].end < limit ? s->free[f].end : limit;
		uint64_t addr;

		if (hi <= s->free[f].start)
			continue;
		if (highest_gap(s, s->free[f].start, hi, pages * PAGE_SIZE, &addr)) {
			if (take(s, addr, addr + pages * PAGE_SIZE))
				return -1;
			*ret = addr;
			return 0;
		}
	}
	return -1;
}

uint64_t *sparse_page(struct sparse *s, uint64_t addr)
{
	for (size_t i = 0; i < s->n_mapped; i++)
		if (s->mapped_addr[i] == addr)
			return (uint64_t *)pool[i];
	return NULL;
}

static void *sparse_map(void *ctx, uint64_t addr)
{
	struct sparse *s = ctx;
	uint64_t *p = sparse_page(s, addr & ~(PAGE_SIZE - 1));

	if (p)
		return (uint8_t *)p + (addr & (PAGE_SIZE - 1));
	if (s->n_mapped == SPARSE_MAX_MAPPED) {
		/* The harness keeps inputs below this; a scratch page keeps going. */
		s->exhausted = true;
		return pool[SPARSE_MAX_MAPPED - 1];
	}
	s->mapped_addr[s->n_mapped] = addr & ~(PAGE_SIZE - 1);
	memset(pool[s->n_mapped], 0xa5, PAGE_SIZE);
	return pool[s->n_mapped++] + (addr & (PAGE_SIZE - 1));
}

bool sparse_taken(const struct sparse *s, uint64_t start, uint64_t end)
{
	size_t i = first_after(s, start);

	/* Taken intervals may abut: walk them while they cover without a gap. */
	while (start < end) {
		if (i == s->n_taken || s->taken[i].start > start)
			return false;
		start = s->taken[i++].end;
	}
	return true;
}

struct page_alloc sparse_allocator(struct sparse *s)
{
	struct page_alloc pa = { s, sparse_claim, sparse_alloc, sparse_map };

	return pa;
}
