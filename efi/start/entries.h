/* SPDX-License-Identifier: MIT */
/*
 * The Boot Loader Specification entries of one volume: every entry file of
 * \loader\entries read whole and parsed (core/config.c).  Not entries, and
 * so not listed: names entry_name_parse() refuses (hidden, auto-, not
 * .conf), entries for another architecture and entries whose `linux` file
 * is missing (one warning each under --verbose).  An entry that does not
 * parse is listed as broken, with its error, so it never hides the others.
 */
#ifndef CHAINLOAD_ENTRIES_H
#define CHAINLOAD_ENTRIES_H

#include <efi.h>

#include "boot_menu.h"
#include "config.h"
#include "entry_name.h"
#include "fw/dir.h"

#define ENTRIES_DIR "\\loader\\entries"
#define ENTRIES_MAX 128

struct boot_entry {
	struct menu_entry m;	 /* for the order and the menu; points into the fields below */
	EFI_HANDLE volume;	 /* the device whose file system holds it */
	char file[DIR_NAME_MAX]; /* its file name in ENTRIES_DIR */
	char id[DIR_NAME_MAX];
	struct entry_name name;
	char *text;	    /* pool: the file, NUL-terminated; config strings point into it */
	struct config *cfg; /* pool; NULL when broken */
	char error[128];    /* broken: why */
};

struct entry_set {
	struct boot_entry *v[ENTRIES_MAX]; /* pool each */
	UINTN n;
};

/*
 * Adds the entries of the volume `device`'s \loader\entries to `set`.
 * A missing directory adds nothing; only running out of memory fails.
 */
EFI_STATUS entries_scan(EFI_HANDLE device, BOOLEAN verbose, struct entry_set *set);

void entries_free(struct entry_set *set);

/*
 * Boot counting, before a counted entry boots: renames its file to the name
 * with one try more done (entry_name_next) and writes the new path into
 * path[0..cap).  FALSE when the entry is not counted, or (with one warning)
 * when the rename failed: the boot goes on either way.
 */
BOOLEAN entries_count_try(struct boot_entry *e, char *path, UINTN cap);

#endif /* CHAINLOAD_ENTRIES_H */
