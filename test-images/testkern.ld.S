/* SPDX-License-Identifier: MIT */
/*
 * Lays out a whole bzImage in one link: the setup sectors at file offset 0,
 * then the protected-mode payload, linked at TK_PREF_ADDRESS but stored right
 * after the setup (AT).  `objcopy -O binary` writes the file by load address.
 * The payload is position independent, so the link address only names it.
 */
#include "bootparam.h"
#include "tk.h"

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(tk_startup_64)

SECTIONS
{
	.setup 0 : { KEEP(*(.setup)) }

	. = TK_PREF_ADDRESS;
	_payload_start = .;
	.text : AT(TK_SETUP_SIZE) {
		KEEP(*(.text.head))
		*(.text .text.*)
	}
	.rodata : { *(.rodata .rodata.*) }
	.data : {
		*(.data .data.*)
		/* Pad the file so that syssize * 16 is exactly its payload. */
		. = ALIGN(16);
	}
	_payload_end = .;

	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.*) *(COMMON)
		__bss_end = .;
	}
	.tk_pgtables (NOLOAD) : ALIGN(4096) { *(.tk_pgtables) }
	_end = .;

	/* Must stay empty: a GOT would hold absolute addresses. */
	.got : { *(.got) *(.igot) *(.got.plt) *(.igot.plt) }

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
		*(.iplt) *(.rela.*)
	}
}

tk_syssize = (_payload_end - _payload_start) / 16;

/* For tk_startup_32, which has no RIP-relative addressing: offsets from itself. */
tk_off_entry32 = tk_entry32 - tk_startup_32;
tk_off_stack_top = tk_stack_top - tk_startup_32;
tk_off_pgtables = tk_pgtables - tk_startup_32;
tk_off_gdt = tk_gdt - tk_startup_32;
tk_off_gdtr = tk_gdtr - tk_startup_32;
tk_off_from32 = tk_from_32 - tk_startup_32;

ASSERT(SIZEOF(.setup) == TK_SETUP_SIZE, "setup sectors have the wrong size")
ASSERT(tk_setup_header_end == 0x26c, "setup header must end at 0x26c")
ASSERT(tk_startup_32 == _payload_start, "startup_32 must open the payload")
ASSERT(tk_startup_64 - tk_startup_32 == STARTUP_64_OFFSET, "startup_64 misplaced")
ASSERT(tk_isr_stubs_end - tk_isr_stubs == TK_NR_EXCEPTIONS * TK_ISR_STUB_SIZE,
       "an exception stub outgrew TK_ISR_STUB_SIZE")
ASSERT(SIZEOF(.got) == 0, "GOT entries: the payload is not position independent")
ASSERT(_end - _payload_start <= TK_INIT_SIZE, "image outgrew TK_INIT_SIZE")
