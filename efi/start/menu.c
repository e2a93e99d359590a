/* SPDX-License-Identifier: MIT */
#include "start/menu.h"

#include <efilib.h>

#include "boot_menu.h"
#include "fmt.h"
#include "fw/console.h"
#include "line_edit.h"
#include "menu_keys.h"
#include "utf16.h"
#include "utf8.h"

#define ONE_SECOND  10000000 /* in the 100 ns units of SetTimer */
#define HEADER_ROWS 2
#define FOOTER_ROWS 5
#define ROWS_MIN    1

static CHAR16 edit16[MENU_EDIT_UNITS];
static char edit8[MENU_EDIT_UNITS * 3];

static struct menu_key key_of(const EFI_INPUT_KEY *k)
{
	struct menu_key m = { MENU_KEY_OTHER, 0 };

	switch (k->ScanCode) {
	case SCAN_NULL:
		m.code = MENU_KEY_CHAR;
		m.ch = k->UnicodeChar;
		break;
	case SCAN_UP:
		m.code = MENU_KEY_UP;
		break;
	case SCAN_DOWN:
		m.code = MENU_KEY_DOWN;
		break;
	case SCAN_RIGHT:
		m.code = MENU_KEY_RIGHT;
		break;
	case SCAN_LEFT:
		m.code = MENU_KEY_LEFT;
		break;
	case SCAN_HOME:
		m.code = MENU_KEY_HOME;
		break;
	case SCAN_END:
		m.code = MENU_KEY_END;
		break;
	case SCAN_PAGE_UP:
		m.code = MENU_KEY_PAGE_UP;
		break;
	case SCAN_PAGE_DOWN:
		m.code = MENU_KEY_PAGE_DOWN;
		break;
	case SCAN_DELETE:
		m.code = MENU_KEY_DELETE;
		break;
	case SCAN_ESC:
		m.code = MENU_KEY_ESC;
		break;
	default:
		break;
	}
	return m;
}

/* Waits for a key or, with `timer`, its tick: TRUE and *ret for a key. */
static BOOLEAN next_key(EFI_EVENT timer, struct menu_key *ret)
{
	EFI_EVENT events[2] = { ST->ConIn->WaitForKey, timer };
	EFI_INPUT_KEY k;
	UINTN which;

	if (EFI_ERROR(BS->WaitForEvent(timer ? 2 : 1, events, &which)) || which == 1)
		return FALSE;
	if (EFI_ERROR(ST->ConIn->ReadKeyStroke(ST->ConIn, &k)))
		return FALSE;
	*ret = key_of(&k);
	return TRUE;
}

BOOLEAN menu_key_pressed(UINTN ms)
{
	EFI_EVENT timer;
	struct menu_key k;
	BOOLEAN pressed;

	if (EFI_ERROR(BS->CreateEvent(EVT_TIMER, 0, NULL, NULL, &timer)))
		return FALSE;
	BS->SetTimer(timer, TimerRelative, ms * 10000);
	pressed = next_key(timer, &k);
	BS->CloseEvent(timer);
	return pressed;
}

/* Characters of UTF-8 text: what it takes on the screen. */
static UINTN utf8_columns(const char *s)
{
	UINTN n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Row y, from column 0, overwritten to the end of the screen's width. */
static void put_row(UINTN y, UINTN width, const char *text, BOOLEAN highlight)
{
	ST->ConOut->SetCursorPosition(ST->ConOut, 0, y);
	ST->ConOut->SetAttribute(ST->ConOut, highlight ? EFI_TEXT_ATTR(EFI_BLACK, EFI_LIGHTGRAY)
						       : EFI_TEXT_ATTR(EFI_LIGHTGRAY, EFI_BLACK));
	con_print("%s", text);
	for (UINTN n = utf8_columns(text); n + 1 < width; n++)
		ST->ConOut->OutputString(ST->ConOut, L" ");
	ST->ConOut->SetAttribute(ST->ConOut, EFI_TEXT_ATTR(EFI_LIGHTGRAY, EFI_BLACK));
}

struct screen {
	UINTN width, height;
};

static void draw_countdown(const struct screen *sc, const struct menu_state *s)
{
	char line[64];

	line[0] = '\0';
	if (s->countdown >= 0)
		fmt_format(line, sizeof(line), "Boot in %d s.", (int)s->countdown);
	put_row(sc->height - FOOTER_ROWS + 1, sc->width, line, FALSE);
}

static void draw(const struct screen *sc, const struct menu_view *v, const struct menu_state *s)
{
	char line[MENU_SHOWN_MAX + 32];

	put_row(0, sc->width, "chainload " CHAINLOAD_VERSION ": boot menu", FALSE);
	for (UINTN r = 0; r < s->rows; r++) {
		UINTN i = s->top + r;

		line[0] = '\0';
		if (i < v->n)
			fmt_format(line, sizeof(line), "%s %s%s%s", i == s->selected ? ">" : " ",
				   v->rows[i].title, v->rows[i].broken ? " (broken)" : "",
				   i == s->default_index ? " (default)" : "");
		put_row(HEADER_ROWS + r, sc->width, line, i == s->selected);
	}
	draw_countdown(sc, s);
	put_row(sc->height - FOOTER_ROWS + 2, sc->width, v->error ? v->error : "", FALSE);
	put_row(sc->height - FOOTER_ROWS + 3, sc->width,
		s->help ? "Up/Down select, Enter boot, e edit, d default, t/T timeout, q quit"
			: "h: help",
		FALSE);
}

/* `e`: the selected row's line, edited on the last row; TRUE when accepted. */
static BOOLEAN edit(const struct screen *sc, const struct menu_view *v, UINTN i)
{
	struct line_edit e;
	struct menu_key k;
	struct diag d;
	size_t len;
	UINTN units =
		utf8_to_ucs2(v->rows[i].cmdline ? v->rows[i].cmdline : "", edit16, MENU_EDIT_UNITS);

	if (!units || units == UTF8_TOO_LONG)
		return FALSE;
	line_edit_begin(&e, edit16, MENU_EDIT_UNITS, sc->width - 1);
	for (;;) {
		CHAR16 shown[256];
		UINTN n = 0;

		for (; n + 1 < sizeof(shown) / sizeof(shown[0]) && n < e.width - 1 &&
		       e.first + n < e.len;
		     n++)
			shown[n] = edit16[e.first + n];
		shown[n] = 0;
		ST->ConOut->SetCursorPosition(ST->ConOut, 0, sc->height - 1);
		ST->ConOut->OutputString(ST->ConOut, shown);
		for (UINTN pad = n; pad + 1 < sc->width; pad++)
			ST->ConOut->OutputString(ST->ConOut, L" ");
		ST->ConOut->SetCursorPosition(ST->ConOut, e.cursor - e.first, sc->height - 1);
		if (!next_key(NULL, &k))
			continue;
		switch (line_edit_key(&e, k)) {
		case LINE_EDIT_ACCEPT:
			return !utf16_to_utf8(edit16, e.len, edit8, sizeof(edit8), &len, &d);
		case LINE_EDIT_CANCEL:
			return FALSE;
		default:
			break;
		}
	}
}

static void screen_get(struct screen *sc)
{
	if (EFI_ERROR(ST->ConOut->QueryMode(ST->ConOut, ST->ConOut->Mode->Mode, &sc->width,
					    &sc->height)) ||
	    sc->width < 20 || sc->height < HEADER_ROWS + FOOTER_ROWS + ROWS_MIN) {
		sc->width = 80;
		sc->height = 25;
	}
}

EFI_STATUS menu_run(const struct menu_view *v, struct menu_result *r)
{
	struct menu_state s;
	struct screen sc;
	struct menu_key k;
	enum menu_action a = MENU_NOTHING;
	EFI_EVENT timer;
	EFI_STATUS st;

	SetMem(r, sizeof(*r), 0);
	SetMem(&s, sizeof(s), 0);
	screen_get(&sc);
	s.n = v->n;
	s.selected = v->selected < v->n ? v->selected : 0;
	s.rows = sc.height - HEADER_ROWS - FOOTER_ROWS;
	s.top = s.selected >= s.rows ? s.selected + 1 - s.rows : 0;
	s.countdown = v->timeout.kind == LOADER_TIMEOUT_SECONDS ? (int32_t)v->timeout.seconds : -1;
	s.editor = v->editor;
	s.default_index = v->default_index;
	s.timeout = v->timeout;
	st = BS->CreateEvent(EVT_TIMER, 0, NULL, NULL, &timer);
	if (EFI_ERROR(st))
		return con_error(st, "menu", "no timer for the countdown");
	BS->SetTimer(timer, TimerPeriodic, ONE_SECOND);
	ST->ConOut->EnableCursor(ST->ConOut, FALSE);
	ST->ConOut->ClearScreen(ST->ConOut);
	draw(&sc, v, &s);
	for (;;) {
		if (next_key(timer, &k)) {
			a = menu_key(&s, k);
		} else {
			a = menu_tick(&s);
			if (a == MENU_REDRAW) {
				draw_countdown(&sc, &s);
				continue;
			}
		}
		if (a == MENU_EDIT && edit(&sc, v, s.selected)) {
			r->edited = TRUE;
			r->cmdline = edit8;
			a = MENU_BOOT;
		}
		if (a == MENU_DEFAULT_CHANGED) {
			r->default_changed = TRUE;
			r->default_index = s.default_index;
		}
		if (a == MENU_TIMEOUT_CHANGED) {
			r->timeout_changed = TRUE;
			r->timeout = s.timeout;
		}
		if (a == MENU_BOOT || a == MENU_QUIT)
			break;
		draw(&sc, v, &s);
	}
	BS->CloseEvent(timer);
	ST->ConOut->ClearScreen(ST->ConOut);
	ST->ConOut->EnableCursor(ST->ConOut, TRUE);
	r->choice = a == MENU_BOOT ? MENU_CHOSE_BOOT : MENU_CHOSE_QUIT;
	r->index = s.selected;
	return EFI_SUCCESS;
}
