/* SPDX-License-Identifier: MIT */
/*
 * The progress bar shown while a file larger than 16 MiB is read:
 *   chainload: reading \boot\initrd.img [#########           ]  45%  9/20 MiB
 * redrawn in place (carriage return) and ended with a line break at 100%.
 *
 * Only on an interactive console, which chainload takes to mean: at least
 * one ConOut device is not a serial terminal (UEFI's ConOut variable lists
 * them).  A serial console is often a log that a program reads, and carriage
 * returns garble it, so when every output is serial there is no bar at all.
 * (When a screen and a serial port are both consoles the bar goes to both;
 * on the serial side it is one long line, still ended by a line break.)
 */
#ifndef CHAINLOAD_PROGRESS_H
#define CHAINLOAD_PROGRESS_H

#include <efi.h>

#define PROGRESS_MIN_BYTES (16ull << 20)

struct progress {
	const char *name;
	UINT64 total;
	UINT64 done;	/* the highest byte offset read so far */
	UINT32 shown;	/* percent on screen, or PROGRESS_NOT_SHOWN */
	BOOLEAN active; /* big enough and the console is interactive */
	BOOLEAN open;	/* a bar is on screen without its line break */
};

/* Sets up a bar for `total` bytes of `name`; draws nothing yet. */
void progress_init(struct progress *p, const char *name, UINT64 total);

/* Bytes up to `offset` have been read: redraw when the percentage changed. */
void progress_update(struct progress *p, UINT64 offset);

/* Ends an unfinished bar's line (before an error message, or at close). */
void progress_end(struct progress *p);

#endif /* CHAINLOAD_PROGRESS_H */
