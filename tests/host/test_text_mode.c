/* SPDX-License-Identifier: MIT */
/*
 * console-mode's choice of text mode (core/text_mode.c), against a mode
 * list shaped like OVMF's (80x25, 80x50, 100x31, then the screen's own
 * size) with a hole where QueryMode fails, as firmware has.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "text_mode.h"

static const struct text_mode ovmf[] = {
	{ true, 80, 25 }, { true, 80, 50 }, { true, 100, 31 }, { false, 0, 0 }, { true, 160, 42 },
};
#define N_OVMF (sizeof(ovmf) / sizeof(ovmf[0]))

static void test_keep_and_number(void **state)
{
	(void)state;
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_KEEP, 4, ovmf, N_OVMF, 1280, 800),
			 TEXT_MODE_KEEP);
	/* A number goes to the firmware as it is, even one it lacks: it refuses. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_NUMBER, 2, ovmf, N_OVMF, 0, 0), 2);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_NUMBER, 3, ovmf, N_OVMF, 0, 0), 3);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_NUMBER, 99, ovmf, N_OVMF, 0, 0), 99);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_NUMBER, 0x80000000u, ovmf, N_OVMF, 0, 0),
			 TEXT_MODE_KEEP);
	assert_int_equal(text_mode_pick((enum loader_console_mode)42, 1, ovmf, N_OVMF, 0, 0),
			 TEXT_MODE_KEEP);
}

static void test_max(void **state)
{
	(void)state;
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_MAX, 0, ovmf, N_OVMF, 0, 0), 4);
	/* The last mode refused: the highest one that answers. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_MAX, 0, ovmf, 4, 0, 0), 2);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_MAX, 0, ovmf + 3, 1, 0, 0), TEXT_MODE_KEEP);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_MAX, 0, ovmf, 0, 0, 0), TEXT_MODE_KEEP);
}

static void test_auto(void **state)
{
	(void)state;
	/* 1280x800 holds 160x42 cells exactly (1280 = 160 * 8, 798 = 42 * 19). */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 1280, 800), 4);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 1280, 798), 4);
	/* One pixel short of 42 rows; 80x50 needs 950: 100x31 is the largest that fits. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 1280, 797), 2);
	/* 800x600: 100x31 fits (800x589), 80x50 does not (950 rows of pixels). */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 800, 600), 2);
	/* 640x480 holds only 80x25. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 640, 480), 0);
	/* Too small for any mode, or no screen at all: keep the firmware's. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 639, 480),
			 TEXT_MODE_KEEP);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 0, 0),
			 TEXT_MODE_KEEP);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, ovmf, N_OVMF, 1280, 0),
			 TEXT_MODE_KEEP);
}

static void test_auto_ties_and_tall_screens(void **state)
{
	static const struct text_mode same[] = {
		{ true, 80, 25 },
		{ true, 100, 20 },
		{ true, 50, 40 },
		{ true, 128, 48 },
	};
	(void)state;
	/* Equal cell counts (2000): the lower number wins. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, same, 3, 1024, 768), 0);
	/* A 4:3 screen of 1024x912 holds 128x48 exactly. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, same, 4, 1024, 912), 3);
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_AUTO, 0, same, 4, 1023, 912), 0);
}

static void test_bounded(void **state)
{
	static struct text_mode many[TEXT_MODE_MAX + 8];
	(void)state;
	for (size_t i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		many[i] = (struct text_mode){ true, 80 + (uint32_t)i, 25 };
	/* Modes past TEXT_MODE_MAX are never looked at. */
	assert_int_equal(text_mode_pick(LOADER_CONSOLE_MAX, 0, many, TEXT_MODE_MAX + 8, 0, 0),
			 TEXT_MODE_MAX - 1);
	assert_int_equal(
		text_mode_pick(LOADER_CONSOLE_AUTO, 0, many, TEXT_MODE_MAX + 8, 4096, 2160),
		TEXT_MODE_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep_and_number),
		cmocka_unit_test(test_max),
		cmocka_unit_test(test_auto),
		cmocka_unit_test(test_auto_ties_and_tall_screens),
		cmocka_unit_test(test_bounded),
	};

	return cmocka_run_group_tests_name("text_mode", tests, NULL, NULL);
}
