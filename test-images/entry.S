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
 * Contract of tk_startup_32 (payload offset 0):
 *   in:	what the boot protocol's 32-bit entry promises, to be judged:
 *		protected mode, paging off, flat CS 0x10 and DS/ES/SS 0x18,
 *		interrupts off, %esi = boot_params, %ebx %edi %ebp zero.  By that
 *		promise only %eax %ecx %edx %esp carry nothing, so those are all
 *		it uses before recording.  No stack is assumed: the one call
 *		that finds where it runs uses boot_params.scratch, as Linux does.
 *   does:	records %ebx %esi %edi %ebp, EFLAGS, CR0, CR4, EFER, the four
 *		selectors with the limit (lsl) and access rights (lar) the CPU
 *		holds for each, and where it runs, into tk_entry32; builds
 *		identity page tables for the low 4 GiB (tk_pgtables), enters
 *		long mode with its own GDT (0x10 code64, 0x18 data) and goes on
 *		at tk_startup_64 with %rsi = boot_params and every other
 *		register zero.  The checks then judge tk_entry32, not that state.
 *   clobbers:	everything, boot_params.scratch included.
 *
 * Position independent: every reference is RIP-relative, or in 32-bit code
 * an offset from where tk_startup_32 runs (the tk_off_* constants of the
 * linker script), so the relocatable image runs wherever it is loaded.
 */
#include "bootparam.h"
#include "tk.h"

#define BP_SCRATCH	0x1e4		/* boot_params.scratch */
#define MSR_EFER_NR	0xc0000080
#define EFER_LME_VAL	0x100
#define CR0_PG_VAL	0x80000000
#define CR4_PAE_VAL	0x20
#define PDE_2M_RW	0x83		/* present, writable, 2 MiB page */

	.section .text.head, "ax"
	.code32
	.globl	tk_startup_32
tk_startup_32:
	leal	BP_SCRATCH + 4(%esi), %esp
	call	1f
1:	popl	%edx
	subl	$(1b - tk_startup_32), %edx	/* where we run */
	leal	tk_off_entry32(%edx), %eax
	movl	%ebx, TK_E32_EBX(%eax)
	movl	%esi, TK_E32_ESI(%eax)
	movl	%edi, TK_E32_EDI(%eax)
	movl	%ebp, TK_E32_EBP(%eax)
	movl	%edx, TK_E32_RUN(%eax)
	movl	%eax, %ebp			/* %ebp: tk_entry32 from here on */
	leal	tk_off_stack_top(%edx), %esp
	pushfl
	popl	TK_E32_EFLAGS(%ebp)
	movl	%cr0, %eax
	movl	%eax, TK_E32_CR0(%ebp)
	movl	%cr4, %eax
	movl	%eax, TK_E32_CR4(%ebp)
	movl	$MSR_EFER_NR, %ecx
	rdmsr
	movl	%eax, TK_E32_EFER(%ebp)
	movw	%cs, %ax
	movl	$0, %esi
	call	record_segment
	movw	%ds, %ax
	movl	$1, %esi
	call	record_segment
	movw	%es, %ax
	movl	$2, %esi
	call	record_segment
	movw	%ss, %ax
	movl	$3, %esi
	call	record_segment
	movl	$1, TK_E32_ENTERED(%ebp)

	/* Identity page tables: PML4 -> PDPT -> four PDs of 2 MiB pages. */
	movl	TK_E32_RUN(%ebp), %ebx
	addl	$tk_off_pgtables, %ebx
	cld
	movl	%ebx, %edi
	xorl	%eax, %eax
	movl	$(2 * 4096 / 4), %ecx
	rep stosl
	leal	0x1003(%ebx), %eax
	movl	%eax, (%ebx)
	leal	0x2003(%ebx), %eax
	movl	%eax, 0x1000(%ebx)
	leal	0x3003(%ebx), %eax
	movl	%eax, 0x1008(%ebx)
	leal	0x4003(%ebx), %eax
	movl	%eax, 0x1010(%ebx)
	leal	0x5003(%ebx), %eax
	movl	%eax, 0x1018(%ebx)
	leal	0x2000(%ebx), %edi
	movl	$PDE_2M_RW, %eax
	movl	$2048, %ecx
2:	movl	%eax, (%edi)
	movl	$0, 4(%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	2b

	/* Long mode: PAE, CR3, EFER.LME, then paging; our GDT; then 64-bit code. */
	movl	%cr4, %eax
	orl	$CR4_PAE_VAL, %eax
	movl	%eax, %cr4
	movl	%ebx, %cr3
	movl	$MSR_EFER_NR, %ecx
	rdmsr
	orl	$EFER_LME_VAL, %eax
	wrmsr
	movl	TK_E32_RUN(%ebp), %ebx
	leal	tk_off_gdt(%ebx), %eax
	movl	%eax, tk_off_gdtr + 2(%ebx)
	lgdt	tk_off_gdtr(%ebx)
	movl	%cr0, %eax
	orl	$CR0_PG_VAL, %eax
	movl	%eax, %cr0
	leal	tk_off_from32(%ebx), %eax
	pushl	$0x10
	pushl	%eax
	lret

/* Selector %ax, its lsl limit and lar rights into tk_entry32 slot %esi; 0 where refused. */
record_segment:
	movzwl	%ax, %ecx
	imull	$12, %esi, %esi
	movl	%ecx, TK_E32_SEL(0)(%ebp, %esi)
	xorl	%eax, %eax
	lsl	%ecx, %eax
	movl	%eax, TK_E32_LIMIT(0)(%ebp, %esi)
	xorl	%eax, %eax
	lar	%ecx, %eax
	movl	%eax, TK_E32_AR(0)(%ebp, %esi)
	ret

	.code64
	.globl	tk_from_32
tk_from_32:
	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%ebp, %ebp			/* the upper halves are undefined now */
	movl	TK_E32_ESI(%rbp), %esi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	jmp	tk_startup_64

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

	/* In .data, not .bss: tk_startup_64 clears .bss after tk_startup_32 wrote it. */
	.balign	8
	.globl	tk_entry32
tk_entry32:
	.fill	TK_E32_SIZE, 1, 0

	/* tk_startup_32's own GDT: null, null, 0x10 code64, 0x18 data (base set at run time). */
	.balign	8
	.globl	tk_gdt
tk_gdt:
	.quad	0, 0, 0x00af9a000000ffff, 0x00cf92000000ffff
	.globl	tk_gdtr
tk_gdtr:
	.word	4 * 8 - 1
	.long	0

	.bss
	.balign	16
tk_stack:
	.skip	TK_STACK_SIZE
	.globl	tk_stack_top
tk_stack_top:

	/* Outside .bss for the same reason: in use while tk_startup_64 clears it. */
	.section .tk_pgtables, "aw", @nobits
	.balign	4096
	.globl	tk_pgtables
tk_pgtables:
	.skip	TK_PGTABLES * 4096

	.section .note.GNU-stack, "", @progbits
