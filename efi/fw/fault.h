/* SPDX-License-Identifier: MIT */
/*
 * Fault injection, for the faults a test cannot arrange from outside the
 * binary (after the digests are taken nothing outside chainload runs).
 * In the manner of iPXE's config/fault.h: every fault is a FAULT_* switch,
 * 0 unless a test build passes -DFAULT_...=1, and every site has the one
 * shape
 *
 *	if (inject_fault(FAULT_NAME))
 *		...do the damage...
 *
 * which the compiler drops when the switch is 0.  A fault that fires says
 * so on the console first ("chainload: TEST BUILD: injecting FAULT_NAME"),
 * and that text is what tools/check-efi.sh --release looks for: the release
 * binary build/chainload.efi must not contain it.  The test builds are
 * declared in the Makefile (VARIANT).
 */
#ifndef CHAINLOAD_FAULT_H
#define CHAINLOAD_FAULT_H

#include "fw/console.h"

/* After the SHA-256 of every segment: flip one staged kernel byte
 * (efi/launch/4_prepare.c), so the stub's verify must refuse the copy. */
#ifndef FAULT_CORRUPT_AFTER_DIGEST
#define FAULT_CORRUPT_AFTER_DIGEST 0
#endif

static inline int fault_announce(const char *name)
{
	con_print("chainload: TEST BUILD: injecting %s\n", name);
	return 1;
}

/* True, after saying so, iff FAULT is switched on; 0 at compile time if not. */
#define inject_fault(fault) ((fault) && fault_announce(#fault))

#endif /* CHAINLOAD_FAULT_H */
