/* SPDX-License-Identifier: MIT */
/*
 * The boot menu on the console: ConOut, which the firmware shows on the
 * screen and on the serial line alike, and ConIn, where a serial terminal's
 * escape sequences arrive as the same keys (core/menu_keys.h says what each
 * does).  The selected row is marked with "> " as well as highlighted, so
 * a serial log shows it too; broken entries are marked "(broken)".  A tick
 * rewrites only the countdown line.
 */
#ifndef CHAINLOAD_MENU_H
#define CHAINLOAD_MENU_H

#include <efi.h>

#include "loader_conf.h"

#define MENU_KEY_POLL_MS 100  /* timeout 0: how long a held key has to open the menu */
#define MENU_EDIT_UNITS	 4096 /* the longest command line `e` edits */

struct menu_row {
	const char *title;   /* UTF-8 */
	const char *cmdline; /* what `e` starts from; NULL: nothing to edit */
	BOOLEAN broken;
};

struct menu_view {
	const struct menu_row *rows;
	UINTN n;
	UINTN selected;
	UINTN default_index;	       /* the row LoaderEntryDefault names; n: none */
	struct loader_timeout timeout; /* SECONDS: the countdown; others: none */
	BOOLEAN editor;		       /* `e` allowed */
	const char *error;	       /* shown under the menu; NULL or "": none */
};

enum menu_choice {
	MENU_CHOSE_BOOT,
	MENU_CHOSE_QUIT,
};

struct menu_result {
	enum menu_choice choice;
	UINTN index;		 /* the row to boot */
	BOOLEAN edited;		 /* boot with `cmdline` instead of the row's own */
	const char *cmdline;	 /* edited: UTF-8, valid until the next menu_run */
	BOOLEAN default_changed; /* `d`: default_index is the new default (n: none) */
	UINTN default_index;
	BOOLEAN timeout_changed; /* `t`/`T`: the new timeout */
	struct loader_timeout timeout;
};

/* Shows the menu until a row is chosen or the user leaves; EFI errors only from the firmware. */
EFI_STATUS menu_run(const struct menu_view *v, struct menu_result *r);

/* Whether a key arrives within `ms` milliseconds (it is read and dropped). */
BOOLEAN menu_key_pressed(UINTN ms);

#endif /* CHAINLOAD_MENU_H */
