/* SPDX-License-Identifier: MIT */
/* The boot menu's keys (core/menu_keys.c) and its one-line editor (core/line_edit.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "line_edit.h"
#include "menu_keys.h"

static const struct menu_key up = { MENU_KEY_UP, 0 }, down = { MENU_KEY_DOWN, 0 },
			     home = { MENU_KEY_HOME, 0 }, end = { MENU_KEY_END, 0 },
			     pgup = { MENU_KEY_PAGE_UP, 0 }, pgdn = { MENU_KEY_PAGE_DOWN, 0 },
			     right = { MENU_KEY_RIGHT, 0 }, left = { MENU_KEY_LEFT, 0 },
			     esc = { MENU_KEY_ESC, 0 }, del = { MENU_KEY_DELETE, 0 },
			     other = { MENU_KEY_OTHER, 0 };

static struct menu_key ch(uint16_t c)
{
	return (struct menu_key){ MENU_KEY_CHAR, c };
}

static struct menu_state fresh(void)
{
	struct menu_state s = { .n = 12, .rows = 4, .countdown = 5, .default_index = 12 };

	s.timeout.kind = LOADER_TIMEOUT_SECONDS;
	s.timeout.seconds = 5;
	return s;
}

static void test_moves(void **state)
{
	struct menu_state s = fresh();

	(void)state;
	assert_int_equal(menu_key(&s, up), MENU_REDRAW);
	assert_int_equal(s.selected, 0);
	assert_int_equal(s.countdown, -1); /* any key stops it */
	menu_key(&s, down);
	menu_key(&s, ch('j'));
	assert_int_equal(s.selected, 2);
	menu_key(&s, ch('k'));
	assert_int_equal(s.selected, 1);
	menu_key(&s, end);
	assert_int_equal(s.selected, 11);
	assert_int_equal(s.top, 8); /* the window follows */
	menu_key(&s, down);
	assert_int_equal(s.selected, 11);
	menu_key(&s, pgup);
	assert_int_equal(s.selected, 8);
	menu_key(&s, home);
	assert_int_equal(s.selected, 0);
	assert_int_equal(s.top, 0);
	menu_key(&s, pgdn);
	assert_int_equal(s.selected, 3);
	menu_key(&s, pgdn);
	menu_key(&s, pgdn);
	menu_key(&s, pgdn);
	assert_int_equal(s.selected, 11);
	menu_key(&s, pgup);
	menu_key(&s, pgup);
	menu_key(&s, pgup);
	menu_key(&s, pgup);
	assert_int_equal(s.selected, 0);
	menu_key(&s, ch('3'));
	assert_int_equal(s.selected, 2);
	menu_key(&s, ch('0'));
	assert_int_equal(s.selected, 9);
	s.n = 5;
	menu_key(&s, ch('7')); /* no seventh: stays */
	assert_int_equal(s.selected, 9);
	assert_int_equal(menu_key(&s, other), MENU_REDRAW);
	assert_int_equal(menu_key(&s, ch('x')), MENU_REDRAW);
	s.rows = 1;
	s.selected = 0;
	menu_key(&s, pgdn);
	assert_int_equal(s.selected, 1);
}

static void test_actions(void **state)
{
	struct menu_state s = fresh();

	(void)state;
	assert_int_equal(menu_key(&s, ch('\r')), MENU_BOOT);
	assert_int_equal(menu_key(&s, ch('\n')), MENU_BOOT);
	assert_int_equal(menu_key(&s, right), MENU_BOOT);
	assert_int_equal(menu_key(&s, ch('e')), MENU_REDRAW); /* the editor is off */
	s.editor = true;
	assert_int_equal(menu_key(&s, ch('e')), MENU_EDIT);
	assert_int_equal(menu_key(&s, ch('q')), MENU_QUIT);
	assert_int_equal(menu_key(&s, esc), MENU_QUIT);
	assert_int_equal(menu_key(&s, ch('h')), MENU_REDRAW);
	assert_true(s.help);
	menu_key(&s, ch('?'));
	assert_false(s.help);
	s.selected = 3;
	assert_int_equal(menu_key(&s, ch('d')), MENU_DEFAULT_CHANGED);
	assert_int_equal(s.default_index, 3);
	menu_key(&s, ch('d')); /* again on the default: none */
	assert_int_equal(s.default_index, 12);
	assert_int_equal(menu_key(&s, ch('t')), MENU_TIMEOUT_CHANGED);
	assert_int_equal(s.timeout.seconds, 6);
	menu_key(&s, ch('+'));
	menu_key(&s, ch('-'));
	menu_key(&s, ch('T'));
	assert_int_equal(s.timeout.seconds, 5);
}

static void test_countdown(void **state)
{
	struct menu_state s = fresh();

	(void)state;
	s.countdown = 2;
	assert_int_equal(menu_tick(&s), MENU_REDRAW);
	assert_int_equal(s.countdown, 1);
	assert_int_equal(menu_tick(&s), MENU_BOOT);
	s.countdown = -1;
	assert_int_equal(menu_tick(&s), MENU_NOTHING);
}

/* systemd-boot's ladder: unset < menu-force < menu-hidden (0) < 1 s < 2 s ... */
static void test_timeout_steps(void **state)
{
	struct loader_timeout t = { LOADER_TIMEOUT_SECONDS, 1 };

	(void)state;
	menu_timeout_step(&t, false);
	assert_int_equal(t.kind, LOADER_TIMEOUT_MENU_HIDDEN);
	menu_timeout_step(&t, false);
	assert_int_equal(t.kind, LOADER_TIMEOUT_MENU_FORCE);
	menu_timeout_step(&t, false);
	assert_int_equal(t.kind, LOADER_TIMEOUT_UNSET);
	menu_timeout_step(&t, false);
	assert_int_equal(t.kind, LOADER_TIMEOUT_UNSET);
	menu_timeout_step(&t, true);
	assert_int_equal(t.kind, LOADER_TIMEOUT_MENU_FORCE);
	menu_timeout_step(&t, true);
	assert_int_equal(t.kind, LOADER_TIMEOUT_MENU_HIDDEN);
	menu_timeout_step(&t, true);
	assert_int_equal(t.kind, LOADER_TIMEOUT_SECONDS);
	assert_int_equal(t.seconds, 1);
	t.kind = LOADER_TIMEOUT_MENU_DISABLED;
	menu_timeout_step(&t, true);
	assert_int_equal(t.kind, LOADER_TIMEOUT_MENU_FORCE);
	t.kind = LOADER_TIMEOUT_SECONDS;
	t.seconds = LOADER_TIMEOUT_NUMBER_UNSET - 1;
	menu_timeout_step(&t, true); /* the largest stays */
	assert_int_equal(t.seconds, LOADER_TIMEOUT_NUMBER_UNSET - 1);
}

static void type(struct line_edit *e, const char *s)
{
	for (; *s; s++)
		assert_int_equal(line_edit_key(e, ch((uint16_t)*s)), LINE_EDIT_GOING);
}

static void expect_line(const struct line_edit *e, const char *want)
{
	size_t n = strlen(want);

	assert_int_equal(e->len, n);
	for (size_t i = 0; i <= n; i++)
		assert_int_equal(e->buf[i], (uint16_t)(unsigned char)want[i]);
}

static void test_line_edit(void **state)
{
	uint16_t buf[16] = { 'r', 'o', 'o', 't', '=', 'x', 0 };
	struct line_edit e;

	(void)state;
	line_edit_begin(&e, buf, 16, 4);
	assert_int_equal(e.cursor, 6);
	assert_int_equal(e.first, 3); /* the cursor shows */
	type(&e, " ro");
	expect_line(&e, "root=x ro");
	line_edit_key(&e, ch(8));
	expect_line(&e, "root=x r");
	line_edit_key(&e, home);
	assert_int_equal(e.first, 0);
	line_edit_key(&e, del);
	expect_line(&e, "oot=x r");
	line_edit_key(&e, right);
	line_edit_key(&e, ch(11)); /* Ctrl-K */
	expect_line(&e, "o");
	line_edit_key(&e, end);
	type(&e, " a b  ");
	line_edit_key(&e, ch(23)); /* Ctrl-W: "b  " */
	expect_line(&e, "o a ");
	line_edit_key(&e, ch(1)); /* Ctrl-A */
	assert_int_equal(e.cursor, 0);
	line_edit_key(&e, ch(8)); /* nothing before */
	line_edit_key(&e, left);
	assert_int_equal(e.cursor, 0);
	line_edit_key(&e, ch(5)); /* Ctrl-E */
	assert_int_equal(e.cursor, 4);
	line_edit_key(&e, right);
	line_edit_key(&e, del);
	assert_int_equal(e.cursor, 4);
	type(&e, "\x7f\x02x"); /* DEL and control characters do not insert */
	expect_line(&e, "o a x");
	assert_int_equal(line_edit_key(&e, other), LINE_EDIT_GOING);
	type(&e, "0123456789abcdef"); /* the buffer fills and refuses the rest */
	expect_line(&e, "o a x0123456789");
	assert_int_equal(line_edit_key(&e, ch('\r')), LINE_EDIT_ACCEPT);
	assert_int_equal(line_edit_key(&e, esc), LINE_EDIT_CANCEL);
}

/* An unterminated buffer is cut to fit; a tiny window is widened to two. */
static void test_line_edit_begin(void **state)
{
	uint16_t buf[3] = { 'a', 'b', 'c' };
	struct line_edit e;

	(void)state;
	line_edit_begin(&e, buf, 3, 0);
	assert_int_equal(e.len, 2);
	assert_int_equal(buf[2], 0);
	assert_int_equal(e.width, 2);
	assert_int_equal(e.first, 1);
	line_edit_key(&e, ch('\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),	  cmocka_unit_test(test_actions),
		cmocka_unit_test(test_countdown), cmocka_unit_test(test_timeout_steps),
		cmocka_unit_test(test_line_edit), cmocka_unit_test(test_line_edit_begin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
