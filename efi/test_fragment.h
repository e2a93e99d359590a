/* SPDX-License-Identifier: MIT */
/*
 * TEST-ONLY: build/test/chainload-fragment.efi (`make VARIANT=fragment`,
 * hence -DCHAINLOAD_TEST_FRAGMENT=1) scatters 300 single reserved pages,
 * each followed by a free one, through memory before the final memory map.
 * The e820 table then has some 600 entries, so a QEMU test can show that
 * those beyond the zero page's 128 reach the kernel through SETUP_E820_EXT.
 * In build/chainload.efi these are empty inlines and the code is absent.
 */
#ifndef CHAINLOAD_TEST_FRAGMENT_H
#define CHAINLOAD_TEST_FRAGMENT_H

#include <efi.h>

struct test_fragment {
	EFI_PHYSICAL_ADDRESS base;	/* reserved pages at base + 2 * i pages */
	UINTN reserved;			/* how many are held */
};

#ifdef CHAINLOAD_TEST_FRAGMENT
/* Allocates the pattern; prints what it did.  Fails the launch if it cannot. */
EFI_STATUS test_fragment_apply(struct test_fragment *f);

/* Frees what apply took (a launch that returns must leave nothing behind). */
void test_fragment_release(struct test_fragment *f);
#else
static inline EFI_STATUS test_fragment_apply(struct test_fragment *f)
{
	(void)f;
	return EFI_SUCCESS;
}

static inline void test_fragment_release(struct test_fragment *f)
{
	(void)f;
}
#endif

#endif /* CHAINLOAD_TEST_FRAGMENT_H */
