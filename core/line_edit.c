/* SPDX-License-Identifier: MIT */
#include "line_edit.h"

#include <string.h>

#define CTRL(c) ((uint16_t)((c) - 'a' + 1))

/* Scrolls so that the cursor stays inside the window. */
static void follow(struct line_edit *e)
{
	if (e->cursor < e->first)
		e->first = e->cursor;
	if (e->cursor >= e->first + e->width)
		e->first = e->cursor + 1 - e->width;
}

void line_edit_begin(struct line_edit *e, uint16_t *buf, size_t cap, size_t width)
{
	size_t len = 0;

	while (len + 1 < cap && buf[len])
		len++;
	buf[len] = 0;
	e->buf = buf;
	e->cap = cap;
	e->len = len;
	e->cursor = len;
	e->first = 0;
	e->width = width < 2 ? 2 : width;
	follow(e);
}

/* Removes units [from, to). */
static void cut(struct line_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, (e->len - to + 1) * sizeof(e->buf[0]));
	e->len -= to - from;
	e->cursor = from;
}

static void insert(struct line_edit *e, uint16_t ch)
{
	if (e->len + 1 >= e->cap)
		return;
	memmove(e->buf + e->cursor + 1, e->buf + e->cursor,
		(e->len - e->cursor + 1) * sizeof(e->buf[0]));
	e->buf[e->cursor++] = ch;
	e->len++;
}

/* The start of the word before the cursor (blanks before it included). */
static size_t word_start(const struct line_edit *e)
{
	size_t i = e->cursor;

	while (i && e->buf[i - 1] == ' ')
		i--;
	while (i && e->buf[i - 1] != ' ')
		i--;
	return i;
}

static enum line_edit_result char_key(struct line_edit *e, uint16_t ch)
{
	if (ch == '\r' || ch == '\n')
		return LINE_EDIT_ACCEPT;
	if (ch == 8) { /* Backspace */
		if (e->cursor)
			cut(e, e->cursor - 1, e->cursor);
	} else if (ch == CTRL('a')) {
		e->cursor = 0;
	} else if (ch == CTRL('e')) {
		e->cursor = e->len;
	} else if (ch == CTRL('k')) {
		cut(e, e->cursor, e->len);
	} else if (ch == CTRL('w')) {
		cut(e, word_start(e), e->cursor);
	} else if (ch >= 0x20 && ch != 0x7f) {
		insert(e, ch);
	}
	return LINE_EDIT_GOING;
}

enum line_edit_result line_edit_key(struct line_edit *e, struct menu_key k)
{
	enum line_edit_result r = LINE_EDIT_GOING;

	switch (k.code) {
	case MENU_KEY_CHAR:
		r = char_key(e, k.ch);
		break;
	case MENU_KEY_LEFT:
		if (e->cursor)
			e->cursor--;
		break;
	case MENU_KEY_RIGHT:
		if (e->cursor < e->len)
			e->cursor++;
		break;
	case MENU_KEY_HOME:
		e->cursor = 0;
		break;
	case MENU_KEY_END:
		e->cursor = e->len;
		break;
	case MENU_KEY_DELETE:
		if (e->cursor < e->len)
			cut(e, e->cursor, e->cursor + 1);
		break;
	case MENU_KEY_ESC:
		return LINE_EDIT_CANCEL;
	default:
		break;
	}
	follow(e);
	return r;
}
