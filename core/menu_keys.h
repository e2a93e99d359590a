/* SPDX-License-Identifier: MIT */
/*
 * What a key does in the boot menu, as data (the drawing and the firmware's
 * keyboard are efi/start/menu.c's).  The keys are the ones systemd-boot's
 * users know:
 *   Up/Down, k/j      move         Home/End, PgUp/PgDn  jump
 *   1..9, 0           entry 1..10  Enter, Right         boot the selected
 *   e                 edit its command line for this boot (when allowed)
 *   d                 make it the default (again on the default: no default)
 *   t, +  /  T, -     timeout up / down, in systemd-boot's steps
 *   h, ?              help         q, Esc               leave the menu
 * Any key stops the countdown.
 */
#ifndef CHAINLOAD_MENU_KEYS_H
#define CHAINLOAD_MENU_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loader_conf.h"

enum menu_key_code {
	MENU_KEY_CHAR, /* a character: `ch` */
	MENU_KEY_UP,
	MENU_KEY_DOWN,
	MENU_KEY_RIGHT,
	MENU_KEY_LEFT,
	MENU_KEY_HOME,
	MENU_KEY_END,
	MENU_KEY_PAGE_UP,
	MENU_KEY_PAGE_DOWN,
	MENU_KEY_DELETE,
	MENU_KEY_ESC,
	MENU_KEY_OTHER, /* a key the menu has no use for */
};

struct menu_key {
	enum menu_key_code code;
	uint16_t ch; /* MENU_KEY_CHAR: the UCS-2 character ('\r' is Enter, 8 Backspace) */
};

enum menu_action {
	MENU_NOTHING,	      /* nothing changed */
	MENU_REDRAW,	      /* the selection, the countdown or the help changed */
	MENU_BOOT,	      /* boot the selected entry */
	MENU_EDIT,	      /* edit the selected entry's command line, then boot it */
	MENU_DEFAULT_CHANGED, /* default_index changed: save it */
	MENU_TIMEOUT_CHANGED, /* timeout changed: save it */
	MENU_QUIT,	      /* leave the menu */
};

struct menu_state {
	size_t n;		       /* entries */
	size_t selected;	       /* < n */
	size_t top;		       /* the first entry on the screen */
	size_t rows;		       /* entries the screen shows at once (at least 1) */
	int32_t countdown;	       /* seconds until the selected boots; -1: none */
	bool editor;		       /* `e` allowed */
	bool help;		       /* the help line is shown */
	size_t default_index;	       /* the entry LoaderEntryDefault names; n: none */
	struct loader_timeout timeout; /* what `t`/`T` change */
};

/* One key. */
enum menu_action menu_key(struct menu_state *s, struct menu_key k);

/* One second passed: MENU_BOOT when the countdown ends, MENU_REDRAW while it runs. */
enum menu_action menu_tick(struct menu_state *s);

/* systemd-boot's timeout steps: unset, menu-force, menu-hidden (0), 1 s, 2 s, ... */
void menu_timeout_step(struct loader_timeout *t, bool up);

#endif /* CHAINLOAD_MENU_KEYS_H */
