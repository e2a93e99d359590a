/* SPDX-License-Identifier: MIT */
/* CPU facts the identity map and the stub depend on. */
#ifndef CHAINLOAD_CPU_H
#define CHAINLOAD_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define CR4_LA57 (1ull << 12)

/*
 * The firmware's word size, which is this binary's: 64 for chainload.efi,
 * 32 for chainload-ia32.efi, whose stub runs with paging off and enters
 * every kernel at startup_32.
 */
#define FIRMWARE_BITS (__SIZEOF_POINTER__ * 8)

static inline void cpu_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* CPUID 0x80000001 EDX bit 26: 1 GiB pages. */
static inline bool cpu_has_gb_pages(void)
{
	uint32_t a, b, c, d;

	cpu_cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000001)
		return false;
	cpu_cpuid(0x80000001, &a, &b, &c, &d);
	return d & (1u << 26);
}

static inline uint64_t cpu_read_cr4(void)
{
	uintptr_t v; /* a control register is as wide as the mode */

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif /* CHAINLOAD_CPU_H */
