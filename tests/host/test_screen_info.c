/* SPDX-License-Identifier: MIT */
/* GOP mode -> screen_info: every pixel format, the 64-bit base, each rejection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "screen_info.h"

/* QEMU's std VGA under OVMF: 1280x800, BGRX, 16 MiB of VRAM at 2 GiB. */
static const struct screen_mode base_mode = {
	.width = 1280,
	.height = 800,
	.pixels_per_scan_line = 1280,
	.format = SCREEN_PIXEL_BGRX8,
	.fb_base = 0x80000000ull,
	.fb_size = 16u << 20,
};

static void test_bgrx(void **state)
{
	struct screen_info si;
	struct diag d;

	(void)state;
	memset(&si, 0xa5, sizeof(si));
	assert_true(screen_info_from_mode(&base_mode, &si, &d));
	assert_int_equal(si.orig_video_is_vga, VIDEO_TYPE_EFI);
	assert_int_equal(si.lfb_width, 1280);
	assert_int_equal(si.lfb_height, 800);
	assert_int_equal(si.lfb_depth, 32);
	assert_int_equal(si.lfb_linelength, 1280 * 4);
	assert_int_equal(si.lfb_base, 0x80000000u);
	assert_int_equal(si.ext_lfb_base, 0);
	assert_int_equal(si.capabilities, 0);
	assert_int_equal(si.lfb_size, 16u << 20);
	assert_int_equal(si.red_size, 8);
	assert_int_equal(si.red_pos, 16);
	assert_int_equal(si.green_size, 8);
	assert_int_equal(si.green_pos, 8);
	assert_int_equal(si.blue_size, 8);
	assert_int_equal(si.blue_pos, 0);
	assert_int_equal(si.rsvd_size, 8);
	assert_int_equal(si.rsvd_pos, 24);
	/* Fields we do not own are zero, not left over. */
	assert_int_equal(si.orig_x, 0);
	assert_int_equal(si.vesa_attributes, 0);
	assert_int_equal(si.flags, 0);
}

static void test_rgbx_with_padding_and_high_base(void **state)
{
	struct screen_mode m = base_mode;
	struct screen_info si;
	struct diag d;

	(void)state;
	m.format = SCREEN_PIXEL_RGBX8;
	m.width = 1024;
	m.height = 768;
	m.pixels_per_scan_line = 1088; /* scan lines longer than the width */
	m.fb_base = 0x38000000000ull;  /* a 64-bit BAR */
	assert_true(screen_info_from_mode(&m, &si, &d));
	assert_int_equal(si.lfb_linelength, 1088 * 4);
	assert_int_equal(si.lfb_base, 0);
	assert_int_equal(si.ext_lfb_base, 0x380);
	assert_int_equal(si.capabilities, VIDEO_CAPABILITY_64BIT_BASE);
	assert_int_equal(si.red_pos, 0);
	assert_int_equal(si.green_pos, 8);
	assert_int_equal(si.blue_pos, 16);
	assert_int_equal(si.rsvd_pos, 24);
}

static void test_bitmask_565(void **state)
{
	struct screen_mode m = base_mode;
	struct screen_info si;
	struct diag d;

	(void)state;
	m.format = SCREEN_PIXEL_BITMASK;
	m.red_mask = 0xf800;
	m.green_mask = 0x07e0;
	m.blue_mask = 0x001f;
	m.reserved_mask = 0;
	assert_true(screen_info_from_mode(&m, &si, &d));
	assert_int_equal(si.lfb_depth, 16);
	assert_int_equal(si.lfb_linelength, 1280 * 2);
	assert_int_equal(si.red_size, 5);
	assert_int_equal(si.red_pos, 11);
	assert_int_equal(si.green_size, 6);
	assert_int_equal(si.green_pos, 5);
	assert_int_equal(si.blue_size, 5);
	assert_int_equal(si.blue_pos, 0);
	assert_int_equal(si.rsvd_size, 0);
	assert_int_equal(si.rsvd_pos, 0);
}

static void test_bitmask_30bit(void **state)
{
	struct screen_mode m = base_mode;
	struct screen_info si;
	struct diag d;

	(void)state;
	/* 10 bits per colour, 2 reserved bits on top: still 4 bytes a pixel. */
	m.format = SCREEN_PIXEL_BITMASK;
	m.red_mask = 0x3ff00000;
	m.green_mask = 0x000ffc00;
	m.blue_mask = 0x000003ff;
	m.reserved_mask = 0xc0000000;
	assert_true(screen_info_from_mode(&m, &si, &d));
	assert_int_equal(si.lfb_depth, 32);
	assert_int_equal(si.red_size, 10);
	assert_int_equal(si.red_pos, 20);
	assert_int_equal(si.rsvd_size, 2);
	assert_int_equal(si.rsvd_pos, 30);

	/* Without the reserved bits the depth is 30, the pixel still 4 bytes. */
	m.reserved_mask = 0;
	assert_true(screen_info_from_mode(&m, &si, &d));
	assert_int_equal(si.lfb_depth, 30);
	assert_int_equal(si.lfb_linelength, 1280 * 4);
}

static void test_visible_size_when_huge(void **state)
{
	struct screen_mode m = base_mode;
	struct screen_info si;
	struct diag d;

	(void)state;
	m.fb_size = 8ull << 30; /* does not fit the 32-bit lfb_size */
	assert_true(screen_info_from_mode(&m, &si, &d));
	assert_int_equal(si.lfb_size, 1280 * 4 * 800);
}

/* One field changed per case; each must be refused with its own reason. */
struct bad_case {
	const char *what;
	struct screen_mode mode;
	const char *reason; /* a substring of diag.msg */
};

#define BITMASK(r, g, b, x)                                                                   \
	.format = SCREEN_PIXEL_BITMASK, .red_mask = (r), .green_mask = (g), .blue_mask = (b), \
	.reserved_mask = (x)
#define GOOD                                                                                  \
	.width = 1280, .height = 800, .pixels_per_scan_line = 1280, .fb_base = 0x80000000ull, \
	.fb_size = 16u << 20

static const struct bad_case bad_cases[] = {
	{ "blt only", { GOOD, .format = SCREEN_PIXEL_BLT_ONLY }, "PixelBltOnly" },
	{ "unknown format", { GOOD, .format = 4 }, "unknown pixel format 4" },
	{ "no red", { GOOD, BITMASK(0, 0xff00, 0xff, 0) }, "red mask is empty" },
	{ "no blue", { GOOD, BITMASK(0xff0000, 0xff00, 0, 0) }, "blue mask is empty" },
	{ "holey green",
	  { GOOD, BITMASK(0xff0000, 0xf0f00, 0xff, 0) },
	  "green mask 0x000f0f00 is not contiguous" },
	{ "overlap",
	  { GOOD, BITMASK(0xff0000, 0x1ff00, 0xff, 0) },
	  "green mask 0x0001ff00 overlaps another" },
	{ "reserved overlaps",
	  { GOOD, BITMASK(0xff0000, 0xff00, 0xff, 0xff) },
	  "reserved mask 0x000000ff overlaps another" },
	{ "zero base",
	  { .width = 1280, .height = 800, .pixels_per_scan_line = 1280, .fb_size = 16u << 20 },
	  "base is 0" },
	{ "wraps",
	  { .width = 1280,
	    .height = 800,
	    .pixels_per_scan_line = 1280,
	    .fb_base = ~0ull - 0xfff,
	    .fb_size = 16u << 20 },
	  "wraps" },
	{ "zero width",
	  { .height = 800,
	    .pixels_per_scan_line = 1280,
	    .fb_base = 0x80000000ull,
	    .fb_size = 16u << 20 },
	  "resolution 0x800" },
	{ "too tall",
	  { .width = 16,
	    .height = 0x10000,
	    .pixels_per_scan_line = 16,
	    .fb_base = 0x80000000ull,
	    .fb_size = 1ull << 32 },
	  "resolution 16x65536" },
	{ "short scan line",
	  { .width = 1280,
	    .height = 800,
	    .pixels_per_scan_line = 1279,
	    .fb_base = 0x80000000ull,
	    .fb_size = 16u << 20 },
	  "1279 pixels per scan line" },
	{ "scan line too long",
	  { .width = 16384,
	    .height = 1,
	    .pixels_per_scan_line = 16384,
	    .fb_base = 0x80000000ull,
	    .fb_size = 16u << 20 },
	  "scan line of 65536 bytes" },
	{ "framebuffer too small",
	  { .width = 1280,
	    .height = 800,
	    .pixels_per_scan_line = 1280,
	    .fb_base = 0x80000000ull,
	    .fb_size = 1280 * 4 * 800 - 1 },
	  "4095999 bytes is smaller than its 4096000 visible bytes" },
};

static void test_rejections(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct screen_info si;
		struct diag d;

		memset(&si, 0x5a, sizeof(si));
		d.msg[0] = 0;
		if (screen_info_from_mode(&c->mode, &si, &d))
			fail_msg("%s: accepted", c->what);
		if (!strstr(d.msg, c->reason))
			fail_msg("%s: reason \"%s\", expected \"%s\"", c->what, d.msg, c->reason);
		/* Nothing written on failure. */
		assert_int_equal(si.orig_video_is_vga, 0x5a);
		assert_int_equal(si.lfb_base, 0x5a5a5a5a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bgrx),
		cmocka_unit_test(test_rgbx_with_padding_and_high_base),
		cmocka_unit_test(test_bitmask_565),
		cmocka_unit_test(test_bitmask_30bit),
		cmocka_unit_test(test_visible_size_when_huge),
		cmocka_unit_test(test_rejections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
