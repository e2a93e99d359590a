/* SPDX-License-Identifier: MIT */
/*
 * screen_info must describe a framebuffer that exists: its fields agree
 * with each other (what efifb relies on), it lies outside e820 RAM (it is
 * device memory), and a pixel written at each end of the visible area reads
 * back, then the old value is put back.  The
 * framebuffer is touched only if the loader's page tables identity-map it
 * (chainload maps everything up to the top of the firmware's memory map,
 * which covers 32-bit BARs such as QEMU's VGA).
 *
 * Which mode it is comes from outside: tk.fb=WIDTHxHEIGHT is the resolution
 * QEMU's display was told to offer (its EDID, which OVMF follows), and
 * tk.fb=none says the machine has no display, so screen_info must say
 * "none".  The word is required.
 */
#include "check.h"

#define VIDEO_CAPABILITY_64BIT_BASE (1u << 1)

struct channel {
	const char *name;
	uint8_t size, pos;
};

/* Colour fields: inside the pixel, red/green/blue present, no overlap. */
static void check_channels(struct check *c, const struct screen_info *si)
{
	const struct channel ch[4] = {
		{ "red", si->red_size, si->red_pos },
		{ "green", si->green_size, si->green_pos },
		{ "blue", si->blue_size, si->blue_pos },
		{ "rsvd", si->rsvd_size, si->rsvd_pos },
	};
	uint64_t seen = 0;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		uint64_t bits;

		if (!ch[i].size) {
			if (i < 3)
				fail(c, "%s_size=0", ch[i].name);
			continue;
		}
		if (ch[i].pos + ch[i].size > si->lfb_depth) {
			fail(c, "%s %u@%u outside depth %u", ch[i].name, ch[i].size, ch[i].pos,
			     si->lfb_depth);
			continue;
		}
		bits = ((1ull << ch[i].size) - 1) << ch[i].pos;
		if (bits & seen)
			fail(c, "%s %u@%u overlaps another colour", ch[i].name, ch[i].size,
			     ch[i].pos);
		seen |= bits;
	}
}

static uint32_t read_pixel(volatile uint8_t *p, unsigned int bytes)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void write_pixel(volatile uint8_t *p, unsigned int bytes, uint32_t v)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Full red, then full green, must read back; the old value goes back. */
static void probe_pixel(struct check *c, uint64_t addr, unsigned int bytes,
			const struct screen_info *si)
{
	volatile uint8_t *p = (volatile uint8_t *)addr;
	uint32_t red = (uint32_t)((1ull << si->red_size) - 1) << si->red_pos;
	uint32_t green = (uint32_t)((1ull << si->green_size) - 1) << si->green_pos;
	uint32_t old = read_pixel(p, bytes), got;

	write_pixel(p, bytes, red);
	got = read_pixel(p, bytes);
	if (got != red)
		fail(c, "pixel at 0x%lx: wrote 0x%x, read 0x%x", addr, red, got);
	write_pixel(p, bytes, green);
	got = read_pixel(p, bytes);
	if (got != green)
		fail(c, "pixel at 0x%lx: wrote 0x%x, read 0x%x", addr, green, got);
	write_pixel(p, bytes, old);
}

/* tk.fb: "none" (*width = 0), or WIDTHxHEIGHT; false, @c failed, if bad. */
static bool expected_mode(struct check *c, uint64_t *width, uint64_t *height)
{
	const char *val;
	uint64_t len, x;

	*width = *height = 0;
	if (!word_required(c, "tk.fb=", &val, &len))
		return false;
	if (len == 4 && val[0] == 'n' && val[1] == 'o' && val[2] == 'n' && val[3] == 'e')
		return true;
	for (x = 0; x < len && val[x] != 'x'; x++)
		;
	if (x < len && parse_dec64(val, x, width) &&
	    parse_dec64(val + x + 1, len - x - 1, height) && *width && *height)
		return true;
	fail(c, "tk.fb is neither WIDTHxHEIGHT nor none");
	return false;
}

void check_screen_info(struct check *c)
{
	const struct screen_info *si;
	uint64_t base, want_w, want_h, last;
	unsigned int bytes;
	bool known;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	known = expected_mode(c, &want_w, &want_h);
	si = &tk.bp->screen_info;
	base = si->lfb_base;
	if (si->capabilities & VIDEO_CAPABILITY_64BIT_BASE)
		base |= (uint64_t)si->ext_lfb_base << 32;
	if (si->orig_video_is_vga != VIDEO_TYPE_EFI) {
		tk_printf("tk: screen_info: no EFI framebuffer (type 0x%x)\n",
			  si->orig_video_is_vga);
		if (known && want_w)
			fail(c, "orig_video_is_vga=0x%x, not VIDEO_TYPE_EFI; tk.fb=%lux%lu",
			     si->orig_video_is_vga, want_w, want_h);
		return;
	}
	tk_printf("tk: screen_info: %ux%u depth %u line %u base 0x%lx size %u "
		  "r%u@%u g%u@%u b%u@%u x%u@%u\n",
		  si->lfb_width, si->lfb_height, si->lfb_depth, si->lfb_linelength, base,
		  si->lfb_size, si->red_size, si->red_pos, si->green_size, si->green_pos,
		  si->blue_size, si->blue_pos, si->rsvd_size, si->rsvd_pos);
	if (known && !want_w) {
		fail(c, "a framebuffer, tk.fb=none");
		return;
	}
	if (known && (si->lfb_width != want_w || si->lfb_height != want_h))
		fail(c, "%ux%u, tk.fb=%lux%lu", si->lfb_width, si->lfb_height, want_w, want_h);
	if (si->ext_lfb_base && !(si->capabilities & VIDEO_CAPABILITY_64BIT_BASE))
		fail(c, "ext_lfb_base=0x%x without VIDEO_CAPABILITY_64BIT_BASE", si->ext_lfb_base);
	if (!base)
		fail(c, "base 0");
	if (!si->lfb_width || !si->lfb_height)
		fail(c, "empty resolution");
	if (si->lfb_depth < 8 || si->lfb_depth > 32) {
		fail(c, "depth %u", si->lfb_depth);
		return;
	}
	check_channels(c, si);
	bytes = (si->lfb_depth + 7) / 8;
	if (si->lfb_linelength < (uint32_t)si->lfb_width * bytes)
		fail(c, "line %u bytes < %u pixels of %u bytes", si->lfb_linelength, si->lfb_width,
		     bytes);
	if (si->lfb_size < (uint32_t)si->lfb_linelength * si->lfb_height)
		fail(c, "size %u < %u lines of %u bytes", si->lfb_size, si->lfb_height,
		     si->lfb_linelength);
	if (c->failed)
		return;
	/* Device memory: a base that points into RAM would read back too. */
	if (e820_overlaps_ram(base, base + si->lfb_size)) {
		fail(c, "framebuffer 0x%lx+0x%x overlaps e820 RAM", base, si->lfb_size);
		return;
	}
	if (!mapped(c, "framebuffer", base, si->lfb_size))
		return;
	last = base + (uint64_t)(si->lfb_height - 1) * si->lfb_linelength +
	       (uint64_t)(si->lfb_width - 1) * bytes;
	probe_pixel(c, base, bytes, si);
	probe_pixel(c, last, bytes, si);
}
