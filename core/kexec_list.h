/* SPDX-License-Identifier: MIT */
/*
 * The page list the relocation stub walks, in Linux kexec's encoding
 * (include/kexec_flags.h).  Only extents that move appear in it: pages read
 * in place are already at their destination and cost nothing.
 *
 * Entries live in indirection pages of 512 slots; when a page is full, its
 * last slot is `next_page | IND_INDIRECTION`.  The list ends with IND_DONE.
 * The head (layout.list_head) is `first_page | IND_INDIRECTION`, or just
 * IND_DONE when nothing moves.
 */
#ifndef CHAINLOAD_KEXEC_LIST_H
#define CHAINLOAD_KEXEC_LIST_H

#include "layout.h"
#include "page_alloc.h"
#include "status.h"

/* Builds the list for every copied extent of `l`; sets l->list_head/pages. */
int kexec_list_build(struct layout *l, const struct page_alloc *pa, struct diag *diag);

#endif /* CHAINLOAD_KEXEC_LIST_H */
