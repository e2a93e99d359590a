/* SPDX-License-Identifier: MIT */
/*
 * A GOP mode -> boot_params.screen_info, the way Linux expects a UEFI
 * framebuffer (VIDEO_TYPE_EFI, read by efifb/sysfb).  The mode is described
 * with plain integers so that this stays pure: efi/handoff/gop.c copies the
 * firmware's EFI_GRAPHICS_OUTPUT_MODE_INFORMATION into a struct screen_mode.
 */
#ifndef CHAINLOAD_SCREEN_INFO_H
#define CHAINLOAD_SCREEN_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "bootparam.h"
#include "status.h"

/* EFI_GRAPHICS_PIXEL_FORMAT (UEFI 2.10, 12.9.1), same values. */
enum screen_pixel_format {
	SCREEN_PIXEL_RGBX8 = 0,	   /* byte 0 red, 1 green, 2 blue, 3 reserved */
	SCREEN_PIXEL_BGRX8 = 1,	   /* byte 0 blue, 1 green, 2 red, 3 reserved */
	SCREEN_PIXEL_BITMASK = 2,  /* the four masks say where each colour is */
	SCREEN_PIXEL_BLT_ONLY = 3, /* no linear framebuffer at all */
};

struct screen_mode {
	uint32_t width;	 /* HorizontalResolution, pixels */
	uint32_t height; /* VerticalResolution, pixels */
	uint32_t pixels_per_scan_line;
	uint32_t format; /* enum screen_pixel_format, or unknown */
	uint32_t red_mask, green_mask, blue_mask, reserved_mask; /* BITMASK only */
	uint64_t fb_base;					 /* FrameBufferBase */
	uint64_t fb_size;					 /* FrameBufferSize, bytes */
};

/* screen_info.capabilities: the framebuffer address needs ext_lfb_base. */
#define VIDEO_CAPABILITY_64BIT_BASE (1u << 1)

/*
 * Fills `si` (zeroed first) from `mode` and returns true.  Returns false
 * with the reason in `diag`, `si` untouched, when the mode has no usable
 * linear framebuffer: BltOnly or unknown formats, a zero base, masks that
 * are empty, overlapping or not contiguous, sizes that do not fit
 * screen_info's 16-bit fields, or a framebuffer smaller than its visible
 * lines.  Not having a framebuffer is no error of the launch, so there is no
 * status code.
 */
bool screen_info_from_mode(const struct screen_mode *mode, struct screen_info *si,
			   struct diag *diag);

#endif /* CHAINLOAD_SCREEN_INFO_H */
