/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer Linux's efifb takes over.  The GOP on the console handle
 * is the one the user sees, so it goes first; then any other GOP with a
 * linear framebuffer.  The current mode is used as is: changing it here
 * would blank the screen for nothing.
 */
#include "handoff/firmware_info.h"

#include <efilib.h>

#include "fw/console.h"
#include "screen_info.h"

static EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;

/* screen_info for one GOP's current mode; FALSE with the reason in `d`. */
static BOOLEAN from_gop(EFI_GRAPHICS_OUTPUT_PROTOCOL *gop, struct screen_info *si, struct diag *d)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE *mode = gop->Mode;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;
	struct screen_mode m;

	if (!mode || !mode->Info || mode->SizeOfInfo < sizeof(*info)) {
		diag_set(d, 0, "the GOP reports no mode information");
		return FALSE;
	}
	info = mode->Info;
	m.width = info->HorizontalResolution;
	m.height = info->VerticalResolution;
	m.pixels_per_scan_line = info->PixelsPerScanLine;
	m.format = (uint32_t)info->PixelFormat;
	m.red_mask = info->PixelInformation.RedMask;
	m.green_mask = info->PixelInformation.GreenMask;
	m.blue_mask = info->PixelInformation.BlueMask;
	m.reserved_mask = info->PixelInformation.ReservedMask;
	m.fb_base = mode->FrameBufferBase;
	m.fb_size = mode->FrameBufferSize;
	return screen_info_from_mode(&m, si, d);
}

static BOOLEAN from_handle(EFI_HANDLE h, struct screen_info *si, struct diag *d)
{
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;

	if (EFI_ERROR(BS->HandleProtocol(h, &gop_guid, (void **)&gop))) {
		diag_set(d, 0, "no GOP on the handle");
		return FALSE;
	}
	return from_gop(gop, si, d);
}

BOOLEAN gop_screen_info(struct screen_info *ret, BOOLEAN verbose)
{
	EFI_HANDLE *handles = NULL;
	struct diag console, other;
	BOOLEAN on_console = FALSE, found;
	UINTN n = 0;

	diag_set(&console, 0, "no console handle");
	diag_set(&other, 0, "no other GOP");
	if (ST->ConsoleOutHandle)
		on_console = from_handle(ST->ConsoleOutHandle, ret, &console);
	found = on_console;
	/* The console handle may carry no GOP (OVMF's has none) or a BltOnly one. */
	if (!found &&
	    !EFI_ERROR(BS->LocateHandleBuffer(ByProtocol, &gop_guid, NULL, &n, &handles))) {
		for (UINTN i = 0; i < n && !found; i++)
			found = from_handle(handles[i], ret, &other);
	}
	if (handles)
		BS->FreePool(handles);
	if (!verbose)
		return found;
	if (found)
		con_print("chainload: framebuffer %ux%u, %u bpp, %u bytes per line, "
			  "0x%llx (%u KiB), from %s%s\n",
			  ret->lfb_width, ret->lfb_height, ret->lfb_depth, ret->lfb_linelength,
			  (unsigned long long)ret->lfb_base | (unsigned long long)ret->ext_lfb_base
								      << 32,
			  ret->lfb_size / 1024,
			  on_console ? "the console's GOP" : "another GOP; console: ",
			  on_console ? "" : console.msg);
	else
		con_print("chainload: no framebuffer for Linux (console: %s; others: %s)\n",
			  console.msg, other.msg);
	return found;
}
