/* SPDX-License-Identifier: MIT */
/*
 * Page-list entry flags, Linux kexec's encoding.  Each entry is a 64-bit
 * physical address of a 4 KiB page with one flag in its low bits.  Shared by
 * the C list builder and the assembly stub that walks the list.
 */
#ifndef CHAINLOAD_KEXEC_FLAGS_H
#define CHAINLOAD_KEXEC_FLAGS_H

#include "units.h"

#define IND_DESTINATION 0x1 /* following sources are copied here onwards */
#define IND_INDIRECTION 0x2 /* continue reading entries from this page */
#define IND_DONE	0x4 /* end of the list */
#define IND_SOURCE	0x8 /* copy this page to the destination, advance it */
#define IND_FLAGS	0xf

/* Entries per indirection page; the last slot links to the next page. */
#define IND_ENTRIES_PER_PAGE (PAGE_SIZE / 8)

#endif /* CHAINLOAD_KEXEC_FLAGS_H */
