/* SPDX-License-Identifier: MIT */
/*
 * Every pixel format is reduced to four channel masks (the two fixed 8-bit
 * formats have well-known ones), so one path computes positions, sizes and
 * depth.  Depth is the highest bit any channel uses: a pixel starts at bit 0
 * of its little-endian word (UEFI 2.10, 12.9.1, PixelBitMask).
 */
#include "screen_info.h"

#include <string.h>

static unsigned int lowest_bit(uint32_t v)
{
	return (unsigned int)__builtin_ctz(v);
}

static unsigned int bit_length(uint32_t v)
{
	return v ? 32u - (unsigned int)__builtin_clz(v) : 0;
}

/* Red, green, blue and reserved masks of the mode's pixel format. */
static bool masks_of(const struct screen_mode *m, uint32_t masks[4], struct diag *d)
{
	static const uint32_t rgbx[4] = { 0x000000ff, 0x0000ff00, 0x00ff0000, 0xff000000 };
	static const uint32_t bgrx[4] = { 0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000 };

	switch (m->format) {
	case SCREEN_PIXEL_RGBX8:
		memcpy(masks, rgbx, sizeof(rgbx));
		return true;
	case SCREEN_PIXEL_BGRX8:
		memcpy(masks, bgrx, sizeof(bgrx));
		return true;
	case SCREEN_PIXEL_BITMASK:
		masks[0] = m->red_mask;
		masks[1] = m->green_mask;
		masks[2] = m->blue_mask;
		masks[3] = m->reserved_mask;
		return true;
	case SCREEN_PIXEL_BLT_ONLY:
		return diag_false(d, "the mode is PixelBltOnly (no linear framebuffer)");
	default:
		return diag_false(d, "unknown pixel format %u", m->format);
	}
}

/* Size and position of each channel in `si`; false if a mask is unusable. */
static bool set_channels(const uint32_t masks[4], struct screen_info *si, struct diag *d)
{
	static const char *const names[4] = { "red", "green", "blue", "reserved" };
	uint8_t *const fields[4][2] = {
		{ &si->red_size, &si->red_pos },
		{ &si->green_size, &si->green_pos },
		{ &si->blue_size, &si->blue_pos },
		{ &si->rsvd_size, &si->rsvd_pos },
	};
	uint32_t seen = 0;

	for (int i = 0; i < 4; i++) {
		uint32_t mask = masks[i];
		unsigned int pos;

		if (!mask) {
			if (i < 3) /* red, green and blue must exist */
				return diag_false(d, "%s mask is empty", names[i]);
			continue; /* no reserved bits: size 0, position 0 */
		}
		pos = lowest_bit(mask);
		/* Contiguous: shifted down, the mask is all ones. */
		if ((mask >> pos) & ((mask >> pos) + 1))
			return diag_false(d, "%s mask 0x%08x is not contiguous", names[i], mask);
		if (mask & seen)
			return diag_false(d, "%s mask 0x%08x overlaps another", names[i], mask);
		seen |= mask;
		*fields[i][0] = (uint8_t)(bit_length(mask) - pos);
		*fields[i][1] = (uint8_t)pos;
	}
	return true;
}

bool screen_info_from_mode(const struct screen_mode *m, struct screen_info *si, struct diag *d)
{
	struct screen_info out;
	uint32_t masks[4];
	uint64_t line, visible;
	unsigned int depth;

	memset(&out, 0, sizeof(out));
	if (!masks_of(m, masks, d))
		return false;
	if (!set_channels(masks, &out, d))
		return false;
	depth = bit_length(masks[0] | masks[1] | masks[2] | masks[3]);

	if (!m->fb_base)
		return diag_false(d, "framebuffer base is 0");
	if (m->fb_base + m->fb_size < m->fb_base)
		return diag_false(d, "framebuffer 0x%llx + 0x%llx wraps",
				  (unsigned long long)m->fb_base, (unsigned long long)m->fb_size);
	/* screen_info holds width, height and line length in 16 bits. */
	if (!m->width || !m->height || m->width > 0xffff || m->height > 0xffff)
		return diag_false(d, "resolution %ux%u does not fit screen_info", m->width,
				  m->height);
	if (m->pixels_per_scan_line < m->width)
		return diag_false(d, "%u pixels per scan line, narrower than the width %u",
				  m->pixels_per_scan_line, m->width);
	line = (uint64_t)m->pixels_per_scan_line * ((depth + 7) / 8);
	if (line > 0xffff)
		return diag_false(d, "scan line of %llu bytes does not fit screen_info",
				  (unsigned long long)line);
	visible = line * m->height;
	if (m->fb_size < visible)
		return diag_false(
			d, "framebuffer of %llu bytes is smaller than its %llu visible bytes",
			(unsigned long long)m->fb_size, (unsigned long long)visible);

	out.orig_video_is_vga = VIDEO_TYPE_EFI;
	out.lfb_width = (uint16_t)m->width;
	out.lfb_height = (uint16_t)m->height;
	out.lfb_depth = (uint16_t)depth;
	out.lfb_linelength = (uint16_t)line;
	out.lfb_base = (uint32_t)m->fb_base;
	out.ext_lfb_base = (uint32_t)(m->fb_base >> 32);
	if (out.ext_lfb_base)
		out.capabilities |= VIDEO_CAPABILITY_64BIT_BASE;
	/* Bytes (not 64 KiB units as for VESA); the visible part if it overflows. */
	out.lfb_size = m->fb_size > UINT32_MAX ? (uint32_t)visible : (uint32_t)m->fb_size;
	*si = out;
	return true;
}
