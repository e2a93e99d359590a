/* SPDX-License-Identifier: MIT */
#include "menu_keys.h"

#define TIMEOUT_SECONDS_MAX (LOADER_TIMEOUT_NUMBER_UNSET - 1)

/* Keeps the selection on the screen. */
static void select_entry(struct menu_state *s, size_t i)
{
	if (i >= s->n)
		return;
	s->selected = i;
	if (s->selected < s->top)
		s->top = s->selected;
	if (s->selected >= s->top + s->rows)
		s->top = s->selected + 1 - s->rows;
}

static void move_up(struct menu_state *s)
{
	if (s->selected)
		select_entry(s, s->selected - 1);
}

void menu_timeout_step(struct loader_timeout *t, bool up)
{
	switch (t->kind) {
	case LOADER_TIMEOUT_SECONDS:
		if (up && t->seconds < TIMEOUT_SECONDS_MAX)
			t->seconds++;
		else if (!up && --t->seconds == 0)
			t->kind = LOADER_TIMEOUT_MENU_HIDDEN;
		return;
	case LOADER_TIMEOUT_MENU_HIDDEN:
		if (up) {
			t->kind = LOADER_TIMEOUT_SECONDS;
			t->seconds = 1;
		} else {
			t->kind = LOADER_TIMEOUT_MENU_FORCE;
		}
		return;
	case LOADER_TIMEOUT_MENU_FORCE:
		t->kind = up ? LOADER_TIMEOUT_MENU_HIDDEN : LOADER_TIMEOUT_UNSET;
		return;
	default: /* unset, menu-disabled */
		t->kind = up ? LOADER_TIMEOUT_MENU_FORCE : LOADER_TIMEOUT_UNSET;
		return;
	}
}

static enum menu_action char_key(struct menu_state *s, uint16_t ch)
{
	switch (ch) {
	case '\r':
	case '\n':
		return MENU_BOOT;
	case 'k':
		move_up(s);
		return MENU_REDRAW;
	case 'j':
		select_entry(s, s->selected + 1);
		return MENU_REDRAW;
	case 'e':
		return s->editor ? MENU_EDIT : MENU_REDRAW;
	case 'd':
		s->default_index = s->default_index == s->selected ? s->n : s->selected;
		return MENU_DEFAULT_CHANGED;
	case 't':
	case '+':
	case 'T':
	case '-':
		menu_timeout_step(&s->timeout, ch == 't' || ch == '+');
		return MENU_TIMEOUT_CHANGED;
	case 'h':
	case '?':
		s->help = !s->help;
		return MENU_REDRAW;
	case 'q':
		return MENU_QUIT;
	default:
		break;
	}
	/* Digits pick entries 1 to 9, and 0 the tenth. */
	if (ch >= '1' && ch <= '9')
		select_entry(s, (size_t)(ch - '1'));
	else if (ch == '0')
		select_entry(s, 9);
	return MENU_REDRAW;
}

enum menu_action menu_key(struct menu_state *s, struct menu_key k)
{
	size_t page = s->rows > 1 ? s->rows - 1 : 1;

	/* Whatever the key, the countdown is over: the user is here. */
	s->countdown = -1;
	switch (k.code) {
	case MENU_KEY_CHAR:
		return char_key(s, k.ch);
	case MENU_KEY_UP:
		move_up(s);
		return MENU_REDRAW;
	case MENU_KEY_DOWN:
		select_entry(s, s->selected + 1);
		return MENU_REDRAW;
	case MENU_KEY_HOME:
		select_entry(s, 0);
		return MENU_REDRAW;
	case MENU_KEY_END:
		select_entry(s, s->n - 1);
		return MENU_REDRAW;
	case MENU_KEY_PAGE_UP:
		select_entry(s, s->selected > page ? s->selected - page : 0);
		return MENU_REDRAW;
	case MENU_KEY_PAGE_DOWN:
		select_entry(s, s->selected + page < s->n ? s->selected + page : s->n - 1);
		return MENU_REDRAW;
	case MENU_KEY_RIGHT:
		return MENU_BOOT;
	case MENU_KEY_ESC:
		return MENU_QUIT;
	default:
		return MENU_REDRAW;
	}
}

enum menu_action menu_tick(struct menu_state *s)
{
	if (s->countdown < 0)
		return MENU_NOTHING;
	if (s->countdown <= 1) {
		s->countdown = 0;
		return MENU_BOOT;
	}
	s->countdown--;
	return MENU_REDRAW;
}
