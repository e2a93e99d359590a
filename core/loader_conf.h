/* SPDX-License-Identifier: MIT */
/*
 * \loader\loader.conf, systemd-boot's configuration of the boot menu, read
 * the way systemd-boot reads it, so one ESP behaves the same under both:
 *
 *   timeout       seconds, or menu-force, menu-hidden, menu-disabled
 *   default       a glob over entry ids, or @saved (the entry booted last)
 *   editor        boolean: may the command line be edited (default yes)
 *   auto-entries  boolean: entries chainload finds itself (default yes)
 *   auto-firmware boolean: the "reboot into firmware setup" entry (default yes)
 *   console-mode  keep (the default), auto, max, or a mode number
 *
 * Booleans are yes/y/true/t/on/1 and no/n/false/f/off/0, case-sensitive; a
 * value in matching quotes loses them; a later line overrides an earlier
 * one.  Lines follow conf_lines.h.  Only malformed text (not UTF-8, control
 * characters, too large) is an error: like systemd-boot, chainload never
 * refuses to show a menu over this file.  Everything else it does not take
 * becomes one warning naming the line: keys systemd-boot knows and chainload
 * does not implement, unknown keys, bad values (the value before stays).
 *
 * The timeout has a second source, the EFI variables LoaderConfigTimeout and
 * LoaderConfigTimeoutOneShot that `bootctl set-timeout[-oneshot]`, `systemctl
 * reboot --boot-loader-menu=` and the menu itself write; loader_timeout_parse
 * reads their values, loader_timeout_format writes the menu's.
 */
#ifndef CHAINLOAD_LOADER_CONF_H
#define CHAINLOAD_LOADER_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf_lines.h"
#include "status.h"

#define LOADER_CONF_PATH	 "\\loader\\loader.conf"
#define LOADER_CONF_MAX_BYTES	 (64 * 1024)
#define LOADER_CONF_MAX_WARNINGS CONF_MAX_WARNINGS

/*
 * systemd-boot's timeout values, as numbers (bootctl writes these, not the
 * words, to a loader that does not announce menu-disabled):
 *   0           menu-hidden
 *   4294967294  unset (the next source decides)
 *   4294967295  menu-force; larger numbers in a variable count as this too
 */
#define LOADER_TIMEOUT_NUMBER_UNSET 4294967294u
#define LOADER_TIMEOUT_NUMBER_FORCE 4294967295u

enum loader_timeout_kind {
	LOADER_TIMEOUT_UNSET,	      /* not given: the next source decides (none: hidden) */
	LOADER_TIMEOUT_SECONDS,	      /* the menu counts down `seconds`, then boots the default */
	LOADER_TIMEOUT_MENU_HIDDEN,   /* boot the default at once; a held key shows the menu */
	LOADER_TIMEOUT_MENU_FORCE,    /* show the menu and wait, no countdown */
	LOADER_TIMEOUT_MENU_DISABLED, /* boot the default at once, never a menu */
};

struct loader_timeout {
	enum loader_timeout_kind kind;
	uint32_t seconds; /* LOADER_TIMEOUT_SECONDS only: 1 to 4294967293 */
};

/* The longest text loader_timeout_format writes, NUL included ("menu-disabled"). */
#define LOADER_TIMEOUT_TEXT_MAX 16

enum loader_console_mode {
	LOADER_CONSOLE_KEEP,   /* the firmware's mode */
	LOADER_CONSOLE_AUTO,   /* a mode picked by heuristics */
	LOADER_CONSOLE_MAX,    /* the highest-numbered mode */
	LOADER_CONSOLE_NUMBER, /* console_mode_number */
};

struct loader_conf {
	struct loader_timeout timeout; /* kind UNSET when the file says nothing */
	const char *default_pattern;   /* NULL when absent or @saved; points into the text */
	bool default_saved;	       /* `default @saved` */
	bool editor;
	bool auto_entries;
	bool auto_firmware;
	enum loader_console_mode console_mode;
	uint32_t console_mode_number; /* 0 to INT32_MAX, for LOADER_CONSOLE_NUMBER */
	struct conf_warning warnings[LOADER_CONF_MAX_WARNINGS];
	size_t n_warnings; /* may exceed LOADER_CONF_MAX_WARNINGS: the rest were dropped */
};

/* systemd-boot's defaults: what a machine without loader.conf gets. */
void loader_conf_defaults(struct loader_conf *ret);

/*
 * Parses text[0..size) in place (room for size + 1 bytes: a NUL is written
 * at the end): *ret starts from loader_conf_defaults() and takes each line.
 * Errors (CL_E_CONFIG, malformed text only) read "line N: <problem>" or
 * "file is N bytes, ..."; the caller adds the file name.
 */
int loader_conf_parse(char *text, size_t size, struct loader_conf *ret, struct diag *diag);

/*
 * The value of LoaderConfigTimeout or LoaderConfigTimeoutOneShot (as UTF-8,
 * without its NUL), as systemd-boot reads it: "menu-force", "menu-hidden",
 * "menu-disabled", or decimal seconds (digits only); numbers above
 * 4294967295 count as menu-force, 0 is menu-hidden, 4294967294 unset.
 * False for anything else (*ret untouched): the variable is ignored.
 */
bool loader_timeout_parse(const char *text, struct loader_timeout *ret);

/*
 * What systemd-boot writes to LoaderConfigTimeout when the timeout is
 * changed in its menu: "menu-force", "menu-hidden" or decimal seconds
 * ("menu-disabled", which the menu cannot choose, for completeness) into
 * buf[0..cap), NUL-terminated, truncated to fit.  Returns the length; 0 for
 * LOADER_TIMEOUT_UNSET, whose variable is deleted instead.
 */
size_t loader_timeout_format(const struct loader_timeout *t, char *buf, size_t cap);

#endif /* CHAINLOAD_LOADER_CONF_H */
