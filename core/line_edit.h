/* SPDX-License-Identifier: MIT */
/*
 * The boot menu's one-line editor (`e`: the command line for one boot), on
 * a bounded UCS-2 buffer: printable characters insert at the cursor;
 * Left/Right, Home/End (and Ctrl-A/Ctrl-E) move; Backspace and Delete
 * remove; Ctrl-K cuts to the end; Ctrl-W removes the word before the
 * cursor; Enter accepts, Esc cancels.  A full buffer refuses an insert.
 */
#ifndef CHAINLOAD_LINE_EDIT_H
#define CHAINLOAD_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "menu_keys.h"

struct line_edit {
	uint16_t *buf; /* NUL-terminated, `cap` units with the NUL */
	size_t cap;
	size_t len;    /* units before the NUL */
	size_t cursor; /* <= len */
	size_t first;  /* the first unit shown in a window of `width` */
	size_t width;  /* columns the line may take on the screen, at least 2 */
};

enum line_edit_result {
	LINE_EDIT_GOING, /* go on reading keys */
	LINE_EDIT_ACCEPT,
	LINE_EDIT_CANCEL,
};

/* Starts editing buf (already holding a NUL-terminated line) with the cursor at its end. */
void line_edit_begin(struct line_edit *e, uint16_t *buf, size_t cap, size_t width);

enum line_edit_result line_edit_key(struct line_edit *e, struct menu_key k);

#endif /* CHAINLOAD_LINE_EDIT_H */
