/* SPDX-License-Identifier: MIT */
/*
 * The test kernel's layout and internal interfaces, shared by its assembly,
 * its linker script and its C files.
 *
 * The same sources build two images; TK_FIXED (set by build.mk) selects the
 * non-relocatable one, which must run at exactly TK_PREF_ADDRESS.
 */
#ifndef TK_H
#define TK_H

#ifndef TK_FIXED
#error "TK_FIXED must be defined by the build (0 or 1)"
#endif

#define TK_PREF_ADDRESS	 0x1000000 /* both images prefer 16 MiB */
#define TK_KERNEL_ALIGN	 0x200000  /* relocatable: any 2 MiB boundary */
#define TK_MIN_ALIGN	 21	   /* log2(TK_KERNEL_ALIGN) */
#define TK_INIT_SIZE	 0x400000  /* image + bss + stack, rounded up */
#define TK_CMDLINE_SIZE	 4095	   /* longest command line, NUL excluded */
#define TK_SETUP_SECTS	 1	   /* 512-byte sectors after the boot sector */
#define TK_SETUP_SIZE	 ((TK_SETUP_SECTS + 1) * 512)
#define TK_STACK_SIZE	 0x4000
#define TK_NR_EXCEPTIONS 32 /* IDT vectors we install */
#define TK_ISR_STUB_SIZE 16 /* stride of the exception stubs */

/* QEMU isa-debug-exit: QEMU's status is (value << 1) | 1. */
#define TK_DEBUG_EXIT_PORT 0xf4
#define TK_EXIT_PASS	   0x10
#define TK_EXIT_FAIL_BASE  0x20 /* + index of the first failing check */
#define TK_EXIT_EXCEPTION  0x7f

/* struct tk_entry, as offsets for entry.S: the CPU state on entry. */
#define TK_RAX		0
#define TK_RBX		1
#define TK_RCX		2
#define TK_RDX		3
#define TK_RSI		4
#define TK_RDI		5
#define TK_RBP		6
#define TK_RSP		7
#define TK_R8		8
#define TK_R15		15
#define TK_NR_GPRS	16
#define TK_ENTRY_GPR(n) ((n)*8)
#define TK_ENTRY_RFLAGS 0x80
#define TK_ENTRY_LOAD	0x88
#define TK_ENTRY_CS	0x90
#define TK_ENTRY_DS	0x92
#define TK_ENTRY_ES	0x94
#define TK_ENTRY_SS	0x96
#define TK_ENTRY_SIZE	0x98

/* struct tk_entry32, as offsets for entry.S: the CPU state at tk_startup_32. */
#define TK_E32_ENTERED	0x00 /* 1 once tk_startup_32 ran */
#define TK_E32_RUN	0x04 /* where tk_startup_32 ran */
#define TK_E32_EBX	0x08
#define TK_E32_ESI	0x0c
#define TK_E32_EDI	0x10
#define TK_E32_EBP	0x14
#define TK_E32_EFLAGS	0x18
#define TK_E32_CR0	0x1c
#define TK_E32_CR4	0x20
#define TK_E32_EFER	0x24
#define TK_E32_SEL(n)	(0x28 + (n)*12)	    /* n: 0 cs, 1 ds, 2 es, 3 ss */
#define TK_E32_LIMIT(n) (TK_E32_SEL(n) + 4) /* lsl: the segment's limit */
#define TK_E32_AR(n)	(TK_E32_SEL(n) + 8) /* lar: its access rights */
#define TK_E32_SIZE	0x58
#define TK_PGTABLES	6 /* pages: PML4, PDPT, four PDs (the low 4 GiB, 2 MiB pages) */

#ifndef __ASSEMBLER__
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Written by entry.S before anything else runs; see its contract. */
struct tk_entry {
	uint64_t gpr[TK_NR_GPRS]; /* rax rbx rcx rdx rsi rdi rbp rsp r8..r15 */
	uint64_t rflags;
	uint64_t load; /* runtime address of tk_startup_32 */
	uint16_t cs, ds, es, ss;
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct tk_entry, gpr[TK_R15]) == TK_ENTRY_GPR(TK_R15), "gpr");
_Static_assert(__builtin_offsetof(struct tk_entry, rflags) == TK_ENTRY_RFLAGS, "rflags");
_Static_assert(__builtin_offsetof(struct tk_entry, load) == TK_ENTRY_LOAD, "load");
_Static_assert(__builtin_offsetof(struct tk_entry, cs) == TK_ENTRY_CS, "cs");
_Static_assert(__builtin_offsetof(struct tk_entry, ds) == TK_ENTRY_DS, "ds");
_Static_assert(__builtin_offsetof(struct tk_entry, es) == TK_ENTRY_ES, "es");
_Static_assert(__builtin_offsetof(struct tk_entry, ss) == TK_ENTRY_SS, "ss");
_Static_assert(sizeof(struct tk_entry) == TK_ENTRY_SIZE, "tk_entry size");

/* Written by tk_startup_32 (entry.S) when the loader took the 32-bit entry. */
struct tk_entry32 {
	uint32_t entered, run;
	uint32_t ebx, esi, edi, ebp, eflags, cr0, cr4, efer;
	struct {
		uint32_t selector, limit, access; /* limit and access 0 if lsl/lar refused */
	} seg[4];				  /* cs ds es ss */
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct tk_entry32, run) == TK_E32_RUN, "run");
_Static_assert(__builtin_offsetof(struct tk_entry32, ebx) == TK_E32_EBX, "ebx");
_Static_assert(__builtin_offsetof(struct tk_entry32, efer) == TK_E32_EFER, "efer");
_Static_assert(__builtin_offsetof(struct tk_entry32, seg[3].access) == TK_E32_AR(3), "seg");
_Static_assert(sizeof(struct tk_entry32) == TK_E32_SIZE, "tk_entry32 size");

/* What the exception stubs in entry.S push, lowest address first. */
struct tk_exception_frame {
	uint64_t vector;
	uint64_t error; /* 0 for vectors without an error code */
	uint64_t rip, cs, rflags, rsp, ss;
};

extern struct tk_entry tk_entry;
extern struct tk_entry32 tk_entry32;
extern const char tk_isr_stubs[];

/* checks.c */
_Noreturn void tk_main(void);
_Noreturn void tk_exit(uint32_t value);

/* idt.c */
void idt_install(void);
_Noreturn void tk_exception(const struct tk_exception_frame *frame);

/* serial.c: COM1, polled */
void serial_init(void);
void serial_putc(char c);

/* format.c: %c %s %u %x %lu %lx, with an optional 0 flag and width */
struct tk_buf {
	char *p;
	unsigned int len, cap; /* p[len] is always NUL */
};
void tk_buf_init(struct tk_buf *b, char *p, unsigned int cap);
void tk_bprintf(struct tk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tk_vbprintf(struct tk_buf *b, const char *fmt, va_list ap);
void tk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* crc32.c: CRC-32/IEEE, zlib convention (start with 0, chain the result) */
uint32_t crc32(uint32_t crc, const void *buf, uint64_t len);

/* pgwalk.c: the live page tables (CR3; 4 or 5 levels) */
struct pgwalk_fault {
	uint64_t va; /* first address that failed */
	uint64_t pa; /* where it maps, if present */
	bool present;
};
unsigned int pgwalk_levels(void);
bool pgwalk_translate(uint64_t va, uint64_t *pa, uint64_t *page_size);
bool pgwalk_identity(uint64_t addr, uint64_t len, struct pgwalk_fault *fault);

/* cmdline.c: words are separated by single spaces */
bool cmdline_find(const char *s, uint64_t len, const char *key, const char **val,
		  uint64_t *val_len);
bool cmdline_crc_word(const char *s, uint64_t len, uint64_t *covered, uint32_t *crc);
bool parse_hex64(const char *s, uint64_t len, uint64_t *out);
bool parse_dec64(const char *s, uint64_t len, uint64_t *out);
bool parse_crc32(const char *s, uint64_t len, uint32_t *out);

#endif /* !__ASSEMBLER__ */
#endif /* TK_H */
