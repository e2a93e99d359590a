/* SPDX-License-Identifier: MIT */
/*
 * The control pages: the relocation blob (stub + verifier), its argument
 * block and its stack, identity-mapped EfiLoaderCode below 4 GiB.
 *
 *   0x0000  blob code (relocate/blob/stub.S first, then relocate/blob/verify.c and
 *           the digests of core/digest.c), at most CONTROL_CODE_MAX bytes
 *   0x2000  struct stub_args (filled by relocate/control.c before ExitBootServices)
 *   0x3000  top of the stack, which grows down towards the argument block
 *
 * The offsets are #defines so relocate/blob/stub.S can use them; the C struct is
 * pinned to them by static asserts.
 */
#ifndef CHAINLOAD_STUB_ARGS_H
#define CHAINLOAD_STUB_ARGS_H

#include "units.h"

/* Two pages of code: clang's build of the verifier and both digests needs more than 6 KiB. */
#define CONTROL_PAGES	 3
#define CONTROL_SIZE	 (CONTROL_PAGES * PAGE_SIZE)
#define CONTROL_CODE_MAX 0x2000
#define STUB_ARGS_OFFSET 0x2000
#define STUB_STACK_TOP	 CONTROL_SIZE

#define SA_LIST_HEAD   0x00 /* first page-list entry */
#define SA_CR3	       0x08 /* root of the stub's identity map */
#define SA_BOOT_PARAMS 0x10 /* handed to the kernel in %rsi */
#define SA_ENTRY       0x18 /* kernel 64-bit entry: load + 0x200 */
#define SA_STACK_TOP   0x20 /* physical address of the stack top */
#define SA_GDTR	       0x28 /* 2-byte limit + 8-byte base */
#define SA_IDTR	       0x38 /* null IDT: limit 0, base 0 */
#define SA_GDT	       0x48 /* 4 descriptors: null, null, code, data */
#define SA_FLAGS       0x68 /* STUB_F_* */
#define SA_TSC_PER_US  0x70 /* for the stub's timing line; 0 if unknown */
#define SA_TSC_START   0x78 /* TSC when chainload started */
#define SA_TSC_EXIT    0x80 /* TSC before the final memory map and the exit */
#define SA_NSEGS       0x88 /* segments to verify */
#define SA_SEGS	       0x90 /* struct stub_segment[STUB_MAX_SEGS] */
#define SA_SIZE	       0x190

#define STUB_F_VERIFY  0x1 /* check each segment's digest after the copy */
#define STUB_F_VERBOSE 0x2 /* report the verification and the stub's times on COM1 */
#define STUB_F_SHA256  0x4 /* the digests are SHA-256, not hash64 */
#define STUB_F_ENTRY32 0x8 /* enter the kernel's 32-bit entry, paging off */
/* Digest slots: core/layout.h asserts no layout has more segments. */
#define STUB_MAX_SEGS 4

#define LEAVE_CS 0x08 /* 32-bit code: compatibility mode, on the way out of long mode */
#define BOOT_CS	 0x10
#define BOOT_DS	 0x18

/* Flat 32-bit code (present, DPL0, exec/read, D=1), in halves for stub.S. */
#define GDT_CODE32_LO 0x0000ffff
#define GDT_CODE32_HI 0x00cf9a00

#ifndef __ASSEMBLER__
#include <stdint.h>

struct descriptor_table_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

struct stub_args {
	uint64_t list_head;   /* kexec list head, e.g. page|IND_INDIRECTION */
	uint64_t cr3;	      /* PML4 of the identity map */
	uint64_t boot_params; /* zero page */
	uint64_t entry;	      /* kernel 64-bit entry point */
	uint64_t stack_top;   /* stub stack */
	struct descriptor_table_ptr gdtr;
	uint8_t pad0[6];
	struct descriptor_table_ptr idtr;
	uint8_t pad1[6];
	uint64_t gdt[4];     /* null, 0x08 code32, 0x10 code64, 0x18 data */
	uint64_t flags;	     /* STUB_F_* */
	uint64_t tsc_per_us; /* 0 if unknown */
	uint64_t tsc_start;
	uint64_t tsc_exit;
	uint64_t nsegs;
	struct stub_segment {
		uint64_t dest;	    /* final physical address */
		uint64_t size;	    /* bytes */
		uint8_t digest[32]; /* taken before ExitBootServices: 8 or 32 bytes used */
		char name[16];	    /* NUL-terminated, for the report */
	} __attribute__((packed)) segs[STUB_MAX_SEGS];
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct stub_args, list_head) == SA_LIST_HEAD, "list_head");
_Static_assert(__builtin_offsetof(struct stub_args, cr3) == SA_CR3, "cr3");
_Static_assert(__builtin_offsetof(struct stub_args, boot_params) == SA_BOOT_PARAMS, "boot_params");
_Static_assert(__builtin_offsetof(struct stub_args, entry) == SA_ENTRY, "entry");
_Static_assert(__builtin_offsetof(struct stub_args, stack_top) == SA_STACK_TOP, "stack_top");
_Static_assert(__builtin_offsetof(struct stub_args, gdtr) == SA_GDTR, "gdtr");
_Static_assert(__builtin_offsetof(struct stub_args, idtr) == SA_IDTR, "idtr");
_Static_assert(__builtin_offsetof(struct stub_args, gdt) == SA_GDT, "gdt");
_Static_assert(__builtin_offsetof(struct stub_args, flags) == SA_FLAGS, "flags");
_Static_assert(__builtin_offsetof(struct stub_args, tsc_per_us) == SA_TSC_PER_US, "tsc");
_Static_assert(__builtin_offsetof(struct stub_args, tsc_start) == SA_TSC_START, "tsc_start");
_Static_assert(__builtin_offsetof(struct stub_args, tsc_exit) == SA_TSC_EXIT, "tsc_exit");
_Static_assert(__builtin_offsetof(struct stub_args, nsegs) == SA_NSEGS, "nsegs");
_Static_assert(__builtin_offsetof(struct stub_args, segs) == SA_SEGS, "segs");
_Static_assert(sizeof(struct stub_segment) == 64, "stub_segment size");
_Static_assert(sizeof(struct stub_args) == SA_SIZE, "stub_args size");
/* The verifier's digest state and frames need about 1 KiB of stack. */
_Static_assert(STUB_ARGS_OFFSET + SA_SIZE + 1024 <= STUB_STACK_TOP, "room for the stack");
_Static_assert(CONTROL_CODE_MAX <= STUB_ARGS_OFFSET, "code ends before the arguments");

/* Flat descriptors: base 0, limit 4 GiB, granularity 4 KiB. */
#define GDT_CODE64 0x00af9a000000ffffull /* present, DPL0, exec/read, L=1 */
#define GDT_CODE32 ((uint64_t)GDT_CODE32_HI << 32 | GDT_CODE32_LO)
#define GDT_DATA   0x00cf92000000ffffull /* present, DPL0, read/write */

#endif /* !__ASSEMBLER__ */
#endif /* CHAINLOAD_STUB_ARGS_H */
