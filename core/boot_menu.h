/* SPDX-License-Identifier: MIT */
/*
 * The boot menu's list, as data: the order bootctl lists entries in, the
 * titles the menu shows, the entry booted when nobody chooses, and the
 * LoaderEntries value that tells the OS what the menu held.
 *
 * Order (menu_compare), as systemd-boot and bootctl sort:
 *   1. entries with tries left (or no counter) before exhausted ones
 *      (a counter with 0 tries left);
 *   2. entries with a sort-key before those without;
 *   3. two with sort-keys: by sort-key (bytes), then machine-id (bytes,
 *      absent first), then version, newest first;
 *   4. by id, newest first (both with the version order, core/version.h).
 * Entries chainload adds itself (automatic) come after all of these.
 */
#ifndef CHAINLOAD_BOOT_MENU_H
#define CHAINLOAD_BOOT_MENU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MENU_SHOWN_MAX	 256 /* bytes of a shown title, NUL included */
#define MENU_MAX_ENTRIES 256 /* menu_titles looks at no more */

struct menu_entry {
	const char *id; /* entry_name_id(): lowercased, counter stripped, ".conf" kept */
	const char *title, *version, *sort_key, *machine_id; /* NULL when absent */
	bool counted;		    /* the file name carries a boot counter */
	uint32_t left;		    /* tries left (counted only) */
	bool broken;		    /* listed and marked, cannot boot */
	bool automatic;		    /* made by chainload (firmware setup): listed last */
	char shown[MENU_SHOWN_MAX]; /* the title the menu shows (menu_titles) */
};

/* <0 when a comes first, >0 when b does, 0 when the order cannot tell. */
int menu_compare(const struct menu_entry *a, const struct menu_entry *b);

/* Sorts v[0..n) by menu_compare; equal entries keep their order. */
void menu_sort(struct menu_entry **v, size_t n);

/*
 * Fills each entry's `shown`: its title (its id when it has none), made
 * unique as systemd-boot does: titles shown more than once get
 * " (VERSION)"; those still alike " (MACHINE-ID's first 8)"; those still
 * alike " (ID)".  Cut at a character boundary to fit.  Only the first
 * MENU_MAX_ENTRIES entries are considered.
 */
void menu_titles(struct menu_entry *const *v, size_t n);

/* What may say which entry boots (each NULL when absent). */
struct menu_defaults {
	const char *oneshot;	    /* LoaderEntryOneShot: this boot only */
	const char *efivar_default; /* LoaderEntryDefault (bootctl set-default), or "@saved" */
	const char *config_default; /* loader.conf `default`, or "@saved" */
	const char *last_booted;    /* LoaderEntryLastBooted, what "@saved" names */
};

/*
 * The entry to boot when nobody chooses, in systemd-boot's precedence: the
 * first entry (in menu order) the one-shot pattern matches; else the one
 * LoaderEntryDefault names; else loader.conf's default; else the first
 * entry.  "@saved" stands for last_booted, and *ret_saving then tells the
 * caller to record the booted entry as LoaderEntryLastBooted.  Broken and
 * automatic entries are never chosen; exhausted ones only when nothing
 * else can boot, except that the one-shot request may name one (the OS
 * asked for it).  Returns n when no entry can boot at all.
 */
size_t menu_choose_default(struct menu_entry *const *v, size_t n, const struct menu_defaults *d,
			   bool *ret_saving);

/*
 * LoaderEntries: the ids of v[0..n) in order, each UTF-16 with its NUL,
 * into out[0..cap) units.  Returns the units written, 0 when they do not
 * fit or an id is not UTF-8.
 */
size_t menu_loader_entries(struct menu_entry *const *v, size_t n, uint16_t *out, size_t cap);

/* LoaderFeatures bits (systemd's efivars-fundamental.h). */
#define LOADER_FEATURE_CONFIG_TIMEOUT	       (UINT64_C(1) << 0)
#define LOADER_FEATURE_CONFIG_TIMEOUT_ONE_SHOT (UINT64_C(1) << 1)
#define LOADER_FEATURE_ENTRY_DEFAULT	       (UINT64_C(1) << 2)
#define LOADER_FEATURE_ENTRY_ONESHOT	       (UINT64_C(1) << 3)
#define LOADER_FEATURE_BOOT_COUNTING	       (UINT64_C(1) << 4)
#define LOADER_FEATURE_XBOOTLDR		       (UINT64_C(1) << 5)
#define LOADER_FEATURE_RANDOM_SEED	       (UINT64_C(1) << 6)
#define LOADER_FEATURE_LOAD_DRIVER	       (UINT64_C(1) << 7)
#define LOADER_FEATURE_SORT_KEY		       (UINT64_C(1) << 8)
#define LOADER_FEATURE_SAVED_ENTRY	       (UINT64_C(1) << 9)
#define LOADER_FEATURE_DEVICETREE	       (UINT64_C(1) << 10)
#define LOADER_FEATURE_SECUREBOOT_ENROLL       (UINT64_C(1) << 11)
#define LOADER_FEATURE_RETAIN_SHIM	       (UINT64_C(1) << 12)
#define LOADER_FEATURE_MENU_DISABLE	       (UINT64_C(1) << 13)

#endif /* CHAINLOAD_BOOT_MENU_H */
