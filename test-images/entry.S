/* SPDX-License-Identifier: MIT */
/*
 * Entry points of the test kernel's protected-mode payload.
 *
 * Contract of tk_startup_64 (payload offset STARTUP_64_OFFSET):
 *   in:	long mode, paging on, this image mapped where it runs, interrupts
 *		off; %rsi = boot_params; every other register as the loader left
 *		it, which the boot protocol says is zero.  No stack is assumed:
 *		%rsp is recorded, never used.
 *   does:	stores all 16 general registers into tk_entry before touching
 *		any of them, then RFLAGS, CS/DS/ES/SS and the load address
 *		(RIP-relative), takes its own stack, clears .bss, calls tk_main.
 *   out:	never returns; tk_main leaves through isa-debug-exit and halts.
 *   clobbers:	everything.  The loader's GDT and segments stay as they were.
 *
 * Contract of tk_startup_32 (payload offset 0): not supported; it reports
 * TK_EXIT_ENTRY32 through isa-debug-exit and halts.
 *
 * Position independent: every reference is RIP-relative, so the relocatable
 * image runs wherever it is loaded.
 */
#include "bootparam.h"
#include "tk.h"

	.section .text.head, "ax"
	.code32
	.globl	tk_startup_32
tk_startup_32:
	movl	$TK_EXIT_ENTRY32, %eax
	outl	%eax, $TK_DEBUG_EXIT_PORT
1:	cli
	hlt
	jmp	1b

	.org	STARTUP_64_OFFSET
	.code64
	.globl	tk_startup_64
tk_startup_64:
	movq	%rax, tk_entry + TK_ENTRY_GPR(0)(%rip)
	movq	%rbx, tk_entry + TK_ENTRY_GPR(1)(%rip)
	movq	%rcx, tk_entry + TK_ENTRY_GPR(2)(%rip)
	movq	%rdx, tk_entry + TK_ENTRY_GPR(3)(%rip)
	movq	%rsi, tk_entry + TK_ENTRY_GPR(4)(%rip)
	movq	%rdi, tk_entry + TK_ENTRY_GPR(5)(%rip)
	movq	%rbp, tk_entry + TK_ENTRY_GPR(6)(%rip)
	movq	%rsp, tk_entry + TK_ENTRY_GPR(7)(%rip)
	movq	%r8, tk_entry + TK_ENTRY_GPR(8)(%rip)
	movq	%r9, tk_entry + TK_ENTRY_GPR(9)(%rip)
	movq	%r10, tk_entry + TK_ENTRY_GPR(10)(%rip)
	movq	%r11, tk_entry + TK_ENTRY_GPR(11)(%rip)
	movq	%r12, tk_entry + TK_ENTRY_GPR(12)(%rip)
	movq	%r13, tk_entry + TK_ENTRY_GPR(13)(%rip)
	movq	%r14, tk_entry + TK_ENTRY_GPR(14)(%rip)
	movq	%r15, tk_entry + TK_ENTRY_GPR(15)(%rip)

	leaq	tk_stack_top(%rip), %rsp
	pushfq
	popq	tk_entry + TK_ENTRY_RFLAGS(%rip)
	movw	%cs, tk_entry + TK_ENTRY_CS(%rip)
	movw	%ds, tk_entry + TK_ENTRY_DS(%rip)
	movw	%es, tk_entry + TK_ENTRY_ES(%rip)
	movw	%ss, tk_entry + TK_ENTRY_SS(%rip)
	leaq	tk_startup_32(%rip), %rax
	movq	%rax, tk_entry + TK_ENTRY_LOAD(%rip)

	/* The loader copied only the file; .bss is whatever was in RAM. */
	cld
	leaq	__bss_start(%rip), %rdi
	leaq	__bss_end(%rip), %rcx
	subq	%rdi, %rcx
	xorl	%eax, %eax
	rep stosb

	call	tk_main
	ud2

/*
 * One stub per exception vector, TK_ISR_STUB_SIZE bytes apart (idt.c fills
 * the IDT from that stride; the linker script checks the total size).  Each
 * pushes a 0 where the CPU pushes no error code, then the vector number, so
 * tk_isr_common always sees a struct tk_exception_frame.
 */
	.text
	.balign	TK_ISR_STUB_SIZE
	.globl	tk_isr_stubs
tk_isr_stubs:
	vector = 0
	.rept	TK_NR_EXCEPTIONS
	.balign	TK_ISR_STUB_SIZE
	.if !(vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || \
	      vector == 21 || vector == 29 || vector == 30)
	pushq	$0
	.endif
	pushq	$vector
	jmp	tk_isr_common
	vector = vector + 1
	.endr
	.balign	TK_ISR_STUB_SIZE
	.globl	tk_isr_stubs_end
tk_isr_stubs_end:

tk_isr_common:
	movq	%rsp, %rdi
	andq	$-16, %rsp
	call	tk_exception
	ud2

	.data
	.balign	8
	.globl	tk_entry
tk_entry:
	.fill	TK_ENTRY_SIZE, 1, 0

	.bss
	.balign	16
tk_stack:
	.skip	TK_STACK_SIZE
tk_stack_top:

	.section .note.GNU-stack, "", @progbits
