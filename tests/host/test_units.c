/* SPDX-License-Identifier: MIT */
/*
 * Units and rounding (include/units.h): the constants as plain numbers, and
 * each helper against a table of results written out by hand, the edges
 * next to 0 and 2^64 included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "units.h"

#define TOP UINT64_MAX

static void test_constants(void **state)
{
	(void)state;
	assert_int_equal(PAGE_SHIFT, 12);
	assert_int_equal(PAGE_SIZE, 4096);
	assert_int_equal(PAGE_MASK, 0xfffffffffffff000ull);
	assert_int_equal(GIB, 1073741824ull);
	assert_int_equal(FOUR_GIB, 4294967296ull);
	assert_int_equal(sizeof(PAGE_SIZE), 8); /* 64-bit arithmetic wherever it is used */
}

struct align_case {
	uint64_t v, align;
	uint64_t down, up;
	bool up_fits; /* align_up_checked's answer; `up` is meaningful only then */
};

static const struct align_case align_cases[] = {
	{ 0, 4096, 0, 0, true },
	{ 1, 4096, 0, 4096, true },
	{ 4095, 4096, 0, 4096, true },
	{ 4096, 4096, 4096, 4096, true },
	{ 4097, 4096, 4096, 8192, true },
	{ 0x12345, 1, 0x12345, 0x12345, true },
	{ 0x200001, 0x200000, 0x200000, 0x400000, true },
	{ FOUR_GIB - 1, GIB, 3 * GIB, FOUR_GIB, true },
	/* The top of the address space: the last aligned value fits, one more does not. */
	{ TOP - 4095, 4096, TOP - 4095, TOP - 4095, true },
	{ TOP - 4094, 4096, TOP - 4095, 0, false },
	{ TOP, 4096, TOP - 4095, 0, false },
	{ TOP, 1, TOP, TOP, true },
	{ 1ull << 63, 1ull << 63, 1ull << 63, 1ull << 63, true },
	{ (1ull << 63) + 1, 1ull << 63, 1ull << 63, 0, false },
};

static void test_align(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(align_cases) / sizeof(align_cases[0]); i++) {
		const struct align_case *c = &align_cases[i];
		uint64_t up = 0xdead;

		assert_int_equal(align_down(c->v, c->align), c->down);
		assert_int_equal(is_aligned(c->v, c->align), c->down == c->v);
		assert_int_equal(align_up_checked(c->v, c->align, &up), c->up_fits);
		if (c->up_fits) {
			assert_int_equal(up, c->up);
			assert_int_equal(align_up(c->v, c->align), c->up);
		} else {
			assert_int_equal(up, 0xdead); /* untouched on refusal */
		}
	}
}

struct div_case {
	uint64_t n, d, q;
};

static const struct div_case div_cases[] = {
	{ 0, 4096, 0 },
	{ 1, 4096, 1 },
	{ 4096, 4096, 1 },
	{ 4097, 4096, 2 },
	{ 10, 3, 4 },
	{ 9, 3, 3 },
	{ TOP, 1, TOP },
	{ TOP, 2, 1ull << 63 }, /* where n + d - 1 would wrap */
	{ TOP, 4096, 1ull << 52 },
	{ TOP - 4095, 4096, (1ull << 52) - 1 },
	{ 5, TOP, 1 },
};

static void test_div_round_up(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(div_cases) / sizeof(div_cases[0]); i++) {
		const struct div_case *c = &div_cases[i];

		assert_int_equal(div_round_up(c->n, c->d), c->q);
		if (c->d == 4096)
			assert_int_equal(pages_for(c->n), c->q);
	}
}

static void test_is_pow2(void **state)
{
	(void)state;
	assert_false(is_pow2(0));
	assert_true(is_pow2(1));
	assert_true(is_pow2(2));
	assert_false(is_pow2(3));
	assert_true(is_pow2(4096));
	assert_false(is_pow2(4097));
	assert_false(is_pow2(0x300000));
	assert_true(is_pow2(1ull << 63));
	assert_false(is_pow2(TOP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_div_round_up),
		cmocka_unit_test(test_is_pow2),
	};

	return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
