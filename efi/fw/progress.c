/* SPDX-License-Identifier: MIT */
#include "fw/progress.h"

#include <efilib.h>

#include "fw/console.h"
#include "devpath.h"

#define PROGRESS_NOT_SHOWN 0xffffffffu
#define BAR_WIDTH	   20
#define NAME_WIDTH	   28

/* Looked up once: 0 unknown, 1 interactive, 2 serial only (or unknown). */
static int console_kind;

static BOOLEAN console_interactive(void)
{
	static UINT8 conout[DEVPATH_MAX_BYTES];
	UINTN size = sizeof(conout);
	EFI_STATUS st;

	if (!console_kind) {
		st = RT->GetVariable(L"ConOut", &EfiGlobalVariable, NULL, &size, conout);
		console_kind = !EFI_ERROR(st) && !devpath_all_serial(conout, size) ? 1 : 2;
	}
	return console_kind == 1;
}

void progress_init(struct progress *p, const char *name, UINT64 total)
{
	p->name = name;
	p->total = total;
	p->done = 0;
	p->shown = PROGRESS_NOT_SHOWN;
	p->open = FALSE;
	p->active = total > PROGRESS_MIN_BYTES && console_interactive();
}

/* Rounded to the nearest MiB, so that a finished bar reads N/N. */
static unsigned long long mib(UINT64 bytes)
{
	return (bytes + (1 << 19)) >> 20;
}

static void draw(struct progress *p, UINT32 pct)
{
	char bar[BAR_WIDTH + 1];
	const char *name = p->name;
	UINTN len = 0, filled = pct * BAR_WIDTH / 100;

	while (name[len])
		len++;
	for (UINTN i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < filled ? '#' : ' ';
	bar[BAR_WIDTH] = '\0';
	/* Keep the line short enough not to wrap, or \r would not redraw it. */
	con_print("\rchainload: reading %s%s [%s] %3u%% %llu/%llu MiB%s",
		  len > NAME_WIDTH ? "..." : "",
		  len > NAME_WIDTH ? name + len - NAME_WIDTH + 3 : name, bar, pct, mib(p->done),
		  mib(p->total), pct == 100 ? "\n" : "");
	p->shown = pct;
	p->open = pct != 100;
}

void progress_update(struct progress *p, UINT64 offset)
{
	UINT32 pct;

	if (!p->active || offset <= p->done)
		return;
	p->done = offset < p->total ? offset : p->total;
	pct = (UINT32)(p->done * 100 / p->total);
	if (pct != p->shown)
		draw(p, pct);
}

void progress_end(struct progress *p)
{
	if (p->open)
		con_print("\n");
	p->open = FALSE;
}
