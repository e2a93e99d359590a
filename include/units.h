/* SPDX-License-Identifier: MIT */
/*
 * Units and rounding, each defined here and nowhere else: the 4 KiB page
 * (UEFI's allocation unit and x86's base page), 1 GiB and 4 GiB (the limit
 * of 32-bit addresses), and the arithmetic that rounds to them.  Pure: used
 * by core/, relocate/ (the blob included) and efi/, and by assembly, which
 * sees the constants without their C suffix.
 */
#ifndef CHAINLOAD_UNITS_H
#define CHAINLOAD_UNITS_H

#ifdef __ASSEMBLER__
#define UNITS_U64(x) x
#else
#define UNITS_U64(x) x##ull
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE  (UNITS_U64(1) << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1)) /* clears the offset inside a page */
#define GIB	   UNITS_U64(0x40000000)
#define FOUR_GIB   UNITS_U64(0x100000000) /* a literal: 1 << 32 would overflow an int */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

static inline bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* In the helpers below `align` is a power of two. */
static inline uint64_t align_down(uint64_t v, uint64_t align)
{
	return v & ~(align - 1);
}

static inline bool is_aligned(uint64_t v, uint64_t align)
{
	return !(v & (align - 1));
}

/*
 * Wraps to a small number when v is within align - 1 of 2^64: only for
 * values known to be far from it (a 32-bit header field, an address already
 * checked).  align_up_checked() is the form for anything else.
 */
static inline uint64_t align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/* align_up() that says false, leaving *ret alone, when the result is past 2^64. */
static inline bool align_up_checked(uint64_t v, uint64_t align, uint64_t *ret)
{
	if (v > UINT64_MAX - (align - 1))
		return false;
	*ret = align_up(v, align);
	return true;
}

/* n / d rounded up, for any n (no n + d - 1 that could wrap). */
static inline uint64_t div_round_up(uint64_t n, uint64_t d)
{
	return n / d + (n % d != 0);
}

/* Pages that hold `bytes`: never wraps. */
static inline uint64_t pages_for(uint64_t bytes)
{
	return div_round_up(bytes, PAGE_SIZE);
}
#endif /* !__ASSEMBLER__ */

#endif /* CHAINLOAD_UNITS_H */
