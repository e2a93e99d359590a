/* SPDX-License-Identifier: MIT */
#include "start/console_mode.h"

#include <efilib.h>

#include "fw/console.h"
#include "fmt.h"
#include "fw/efi_status.h"
#include "handoff/firmware_info.h"
#include "screen_info.h"
#include "text_mode.h"

/* What the firmware says of each of its modes (at most TEXT_MODE_MAX). */
static UINTN query_modes(struct text_mode *modes)
{
	UINTN n = ST->ConOut->Mode->MaxMode > 0 ? (UINTN)ST->ConOut->Mode->MaxMode : 0;

	if (n > TEXT_MODE_MAX)
		n = TEXT_MODE_MAX;
	for (UINTN i = 0; i < n; i++) {
		UINTN columns = 0, rows = 0;

		modes[i].valid =
			!EFI_ERROR(ST->ConOut->QueryMode(ST->ConOut, i, &columns, &rows)) &&
			columns <= UINT32_MAX && rows <= UINT32_MAX;
		modes[i].columns = (uint32_t)columns;
		modes[i].rows = (uint32_t)rows;
	}
	return n;
}

/* "0 80x25 1 - 2 100x31": the numbers a user may write as console-mode N. */
static void print_modes(const struct text_mode *modes, UINTN n, INT32 current)
{
	con_print("chainload: console: text modes (current %d):", (int)current);
	for (UINTN i = 0; i < n; i++) {
		if (modes[i].valid)
			con_print(" %lu %ux%u", (unsigned long)i, modes[i].columns, modes[i].rows);
		else
			con_print(" %lu -", (unsigned long)i);
	}
	con_print("\n");
}

void console_mode_apply(const struct loader_conf *c, BOOLEAN verbose, char *warning, UINTN cap)
{
	struct text_mode modes[TEXT_MODE_MAX];
	struct screen_info si = { 0 };
	INT32 old = ST->ConOut->Mode->Mode;
	UINTN n;
	EFI_STATUS st;
	int32_t want;

	warning[0] = '\0';
	n = query_modes(modes);
	if (verbose)
		print_modes(modes, n, old);
	if (c->console_mode == LOADER_CONSOLE_AUTO && !gop_screen_info(&si, FALSE))
		si.lfb_width = si.lfb_height = 0;
	want = text_mode_pick(c->console_mode, c->console_mode_number, modes, n, si.lfb_width,
			      si.lfb_height);
	if (want == TEXT_MODE_KEEP || want == old)
		return;
	st = ST->ConOut->SetMode(ST->ConOut, (UINTN)want);
	if (EFI_ERROR(st)) {
		/* A console that failed half-way may be left in no mode at all. */
		if (ST->ConOut->Mode->Mode != old)
			ST->ConOut->SetMode(ST->ConOut, (UINTN)old);
		fmt_format(warning, cap,
			   LOADER_CONF_PATH
			   ": console-mode: the firmware refused text mode %d (%s); "
			   "keeping mode %d",
			   (int)want, efi_status_name(st), (int)old);
		con_print("chainload: warning: %s\n", warning);
		return;
	}
	if (verbose)
		con_print("chainload: console: text mode %d set (console-mode)\n", (int)want);
}
