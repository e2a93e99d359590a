/* SPDX-License-Identifier: MIT */
/*
 * The file names of Boot Loader Specification Type #1 entries
 * (\loader\entries\*.conf): which names are entries, the id the OS knows
 * an entry by, and the boot counter of automatic boot assessment.
 *
 *   NAME.conf                 no counter
 *   NAME+LEFT.conf            LEFT tries left, none done
 *   NAME+LEFT-DONE.conf       LEFT tries left, DONE done
 *
 * The counter is the text after the last '+': decimal LEFT, then
 * optionally '-' and decimal DONE, each at most INT32_MAX, then exactly
 * ".conf".  Anything else there ("a+b.conf", "k+3x.conf") is part of the
 * name, not a counter.  Before each boot of a counted entry the loader
 * renames it to NAME+(LEFT-1)-(DONE+1).conf, LEFT never below 0, DONE
 * never above INT32_MAX; with LEFT 0 the entry is "exhausted" and sorts
 * last.
 *
 * The id is the name with its counter taken out, lowercased (ASCII),
 * ".conf" kept: "Debian-6.1+2-1.conf" is "debian-6.1.conf", the id that
 * `bootctl set-default`, LoaderEntryDefault and LoaderEntries use.
 */
#ifndef CHAINLOAD_ENTRY_NAME_H
#define CHAINLOAD_ENTRY_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ENTRY_SUFFIX	".conf"
#define ENTRY_COUNT_MAX 0x7fffffffu

struct entry_name {
	size_t name_len; /* bytes of NAME: before the '+' of the counter, or the suffix */
	bool counted;	 /* the name carries a boot counter */
	uint32_t left;	 /* tries left (counted only) */
	uint32_t done;	 /* tries done (counted only; 0 when "-DONE" is absent) */
};

/*
 * Parses a directory entry's name.  False when it is not an entry file:
 * empty, not ending in ".conf" (any case), starting with '.' (hidden) or
 * "auto-" (names systemd-boot reserves for the entries it makes itself).
 */
bool entry_name_parse(const char *file, struct entry_name *out);

/*
 * The id of the parsed name `file` into buf[0..cap): returns its length
 * (without the NUL, which is written), or 0 when it does not fit.
 */
size_t entry_name_id(const char *file, const struct entry_name *n, char *buf, size_t cap);

/*
 * The name a counted entry gets before it boots, into buf[0..cap): its
 * length, or 0 when it does not fit or the name carries no counter.
 */
size_t entry_name_next(const char *file, const struct entry_name *n, char *buf, size_t cap);

/*
 * Does `pattern` (a LoaderEntryDefault or LoaderEntryOneShot value, or
 * loader.conf's default) name the entry with this id?  Case does not
 * matter, the pattern may leave out ".conf", and it is a glob: '*' any
 * run of bytes, '?' any one byte, "[...]" one of a set with ranges
 * ("[0-9]") or, after '!' or '^', one not in it, '\' takes the next byte
 * as it is.
 */
bool entry_id_matches(const char *id, const char *pattern);

#endif /* CHAINLOAD_ENTRY_NAME_H */
