/* SPDX-License-Identifier: MIT */
/*
 * Which text mode loader.conf's `console-mode` asks of the console:
 *   keep    the mode the firmware left (the default)
 *   N       mode N, whatever the firmware says of it (it may refuse)
 *   max     the highest-numbered mode the firmware can really set
 *   auto    the mode with the most character cells that the screen holds
 *           in the UEFI system font (8x19 pixels a cell); the firmware's
 *           own mode where there is no screen to measure (serial only)
 * Modes the firmware cannot set (QueryMode fails) are never picked by
 * `max` or `auto`.
 */
#ifndef CHAINLOAD_TEXT_MODE_H
#define CHAINLOAD_TEXT_MODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loader_conf.h"

#define TEXT_MODE_KEEP	 (-1)
#define TEXT_MODE_MAX	 64 /* modes looked at; firmware offers a handful */
#define TEXT_CELL_WIDTH	 8  /* the UEFI system font, in pixels */
#define TEXT_CELL_HEIGHT 19

struct text_mode {
	bool valid; /* QueryMode answered */
	uint32_t columns, rows;
};

/*
 * The mode to set among modes[0..n), or TEXT_MODE_KEEP.  screen_width and
 * screen_height are the graphics resolution, 0 when there is none.
 */
int32_t text_mode_pick(enum loader_console_mode want, uint32_t number,
		       const struct text_mode *modes, size_t n, uint32_t screen_width,
		       uint32_t screen_height);

#endif /* CHAINLOAD_TEXT_MODE_H */
