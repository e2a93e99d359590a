/* SPDX-License-Identifier: MIT */
/*
 * Relocation stub: runs from the control page after ExitBootServices, copies
 * every page of the page list to its destination and enters the kernel.
 *
 * Register contract
 *   entry:   %rdi = physical address of struct stub_args (include/stub_args.h)
 *            64-bit mode, identity-mapped (the firmware's tables), running at
 *            the copy of this code inside the control page, any IF.
 *   uses:    %r15 = stub_args; %rcx = current entry; %rbx = next entry slot;
 *            %rdi = current destination; %rsi = source (rep movsq).
 *   leaves:  to the kernel's 64-bit entry with interrupts off, our identity
 *            map in CR3, CR4.PGE and CR4.CET clear, our GDT (CS=0x10,
 *            DS=ES=SS=FS=GS=0x18), a null IDT, DF clear, %rsi = boot_params,
 *            every other general register zero (%rsp points into the
 *            control page).  Never returns.
 *
 * Position independent: the only address it forms itself is RIP-relative.
 * The page list is Linux kexec's encoding (include/kexec_flags.h); sources
 * are never destinations, so a plain forward copy is always correct.
 */
#include "kexec_flags.h"
#include "stub_args.h"

#define CR4_PGE_BIT	7
#define CR4_CET_BIT	23

	.text
	.code64
	.globl	relocate_stub_start
	.globl	relocate_stub_end

relocate_stub_start:
	cli
	cld
	movq	%rdi, %r15
	/* Our stack first: the firmware's may be a destination. */
	movq	SA_STACK_TOP(%r15), %rsp

	/* Our page tables, then drop every stale TLB entry, global ones too. */
	movq	SA_CR3(%r15), %rax
	movq	%rax, %cr3
	movq	%cr4, %rax
	btrq	$CR4_CET_BIT, %rax	/* no shadow stack across our lret/ret */
	btrq	$CR4_PGE_BIT, %rax
	movq	%rax, %cr4

	/* Our GDT and a null IDT: the firmware's may be overwritten below. */
	lgdt	SA_GDTR(%r15)
	lidt	SA_IDTR(%r15)
	leaq	1f(%rip), %rax
	pushq	$BOOT_CS
	pushq	%rax
	lretq
1:	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/* Walk the page list.  The head is an INDIRECTION or DONE entry. */
	movq	SA_LIST_HEAD(%r15), %rcx
	xorl	%ebx, %ebx
	xorl	%edi, %edi
next_entry:
	testb	$IND_DESTINATION, %cl
	jz	1f
	movq	%rcx, %rdi
	andq	$PAGE_MASK, %rdi
	jmp	fetch
1:	testb	$IND_INDIRECTION, %cl
	jz	2f
	movq	%rcx, %rbx
	andq	$PAGE_MASK, %rbx
	jmp	fetch
2:	testb	$IND_DONE, %cl
	jnz	enter_kernel
	testb	$IND_SOURCE, %cl
	jz	fetch
	movq	%rcx, %rsi
	andq	$PAGE_MASK, %rsi
	cmpq	%rsi, %rdi
	je	3f			/* already in place: nothing to move */
	movl	$(PAGE_SIZE / 8), %ecx
	rep movsq			/* advances %rdi by one page */
	jmp	fetch
3:	addq	$PAGE_SIZE, %rdi
fetch:
	movq	(%rbx), %rcx
	addq	$8, %rbx
	jmp	next_entry

enter_kernel:
	movq	SA_BOOT_PARAMS(%r15), %rsi
	pushq	SA_ENTRY(%r15)
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
	ret

	/*
	 * Pad to STUB_CODE_MAX with int3; the assembler rejects a negative
	 * size, so the build fails if the stub outgrows its part of the page.
	 */
	.skip	STUB_CODE_MAX - (. - relocate_stub_start), 0xcc
relocate_stub_end:

	.section .note.GNU-stack, "", @progbits
