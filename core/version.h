/* SPDX-License-Identifier: MIT */
/*
 * Version comparison as bootctl sorts boot entries: the order of systemd's
 * `systemd-analyze compare-versions` (the UAPI version format), which the
 * boot menu must reproduce exactly, since the OS side lists the entries
 * with bootctl and expects the loader's LoaderEntries in the same order.
 *
 * A version is split into segments, each numeric (compared by value,
 * leading zeros ignored) or alphabetic (compared byte by byte, the longer
 * newer when one is a prefix of the other), each perhaps preceded by one
 * of the separators, tried in this order:
 *   '~'  a pre-release: older than anything else at that point, even the
 *        end of the other version (123~rc1 < 123);
 *   '-'  version/release; '^' a patched release; '.' a point release:
 *        at a point where only one side has it, that side is older.
 * Otherwise the version with more segments is newer, a numeric segment
 * beats an alphabetic one, and any byte that is not a digit, an ASCII
 * letter or one of "~-^." is ignored (123_a equals 123a).
 */
#ifndef CHAINLOAD_VERSION_H
#define CHAINLOAD_VERSION_H

/* -1 if a is older than b, 0 if equal in this order, 1 if newer; NULL is "". */
int version_compare(const char *a, const char *b);

#endif /* CHAINLOAD_VERSION_H */
