/* SPDX-License-Identifier: MIT */
/*
 * Relocation stub: runs from the control page after ExitBootServices, copies
 * every page of the page list to its destination, has relocate/blob/verify.c
 * check the segments' SHA-256 at their final addresses, and enters the
 * kernel.  It is the first thing in the control blob (relocate/blob/blob.ld).
 *
 * Register contract
 *   entry:   %rdi = physical address of struct stub_args (include/stub_args.h)
 *            64-bit mode, identity-mapped (the firmware's tables), running at
 *            the copy of this code inside the control page, any IF.
 *   uses:    %r15 = stub_args; %rcx = current entry; %rbx = next entry slot;
 *            %rdi = current destination; %rsi = source (rep movsq).
 *            verify_segments() is a SysV C call on our stack; it returns only
 *            when every digest matches (else it reports on COM1 and halts).
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

	.section .text.entry, "ax"
	.code64
	.globl	stub_entry

stub_entry:
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
	jnz	copied
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

copied:
	testq	$STUB_F_VERIFY, SA_FLAGS(%r15)
	jz	enter_kernel
	movq	%r15, %rdi
	call	verify_segments		/* %rsp is 16-byte aligned here */

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

	.section .note.GNU-stack, "", @progbits
