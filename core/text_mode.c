/* SPDX-License-Identifier: MIT */
#include "text_mode.h"

static int32_t highest_valid(const struct text_mode *modes, size_t n)
{
	for (size_t i = n; i > 0; i--)
		if (modes[i - 1].valid)
			return (int32_t)(i - 1);
	return TEXT_MODE_KEEP;
}

static int32_t largest_fitting(const struct text_mode *modes, size_t n, uint32_t width,
			       uint32_t height)
{
	int32_t best = TEXT_MODE_KEEP;
	uint64_t best_cells = 0;

	if (!width || !height)
		return TEXT_MODE_KEEP;
	for (size_t i = 0; i < n; i++) {
		const struct text_mode *m = &modes[i];
		uint64_t cells = (uint64_t)m->columns * m->rows;

		if (!m->valid || (uint64_t)m->columns * TEXT_CELL_WIDTH > width ||
		    (uint64_t)m->rows * TEXT_CELL_HEIGHT > height)
			continue;
		/* Strictly more: of equal ones the lowest number, the firmware's own. */
		if (cells > best_cells) {
			best = (int32_t)i;
			best_cells = cells;
		}
	}
	return best;
}

int32_t text_mode_pick(enum loader_console_mode want, uint32_t number,
		       const struct text_mode *modes, size_t n, uint32_t screen_width,
		       uint32_t screen_height)
{
	if (n > TEXT_MODE_MAX)
		n = TEXT_MODE_MAX;
	switch (want) {
	case LOADER_CONSOLE_NUMBER:
		return number <= INT32_MAX ? (int32_t)number : TEXT_MODE_KEEP;
	case LOADER_CONSOLE_MAX:
		return highest_valid(modes, n);
	case LOADER_CONSOLE_AUTO:
		return largest_fitting(modes, n, screen_width, screen_height);
	case LOADER_CONSOLE_KEEP:
	default:
		return TEXT_MODE_KEEP;
	}
}
