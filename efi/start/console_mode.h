/* SPDX-License-Identifier: MIT */
/*
 * loader.conf's `console-mode`, set on ConOut before the menu is drawn
 * (core/text_mode.h picks the mode).  Only the menu changes the mode: a
 * boot with no menu leaves the console as the firmware set it.
 */
#ifndef CHAINLOAD_CONSOLE_MODE_H
#define CHAINLOAD_CONSOLE_MODE_H

#include <efi.h>

#include "loader_conf.h"

/*
 * Sets the mode `c` asks for.  A mode the firmware refuses is one warning,
 * printed and kept in warning[0..cap) for the menu to show ("" when none).
 */
void console_mode_apply(const struct loader_conf *c, BOOLEAN verbose, char *warning, UINTN cap);

#endif /* CHAINLOAD_CONSOLE_MODE_H */
