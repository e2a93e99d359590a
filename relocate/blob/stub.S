/* SPDX-License-Identifier: MIT */
/*
 * Relocation stub: runs from the control page after ExitBootServices, copies
 * every page of the page list to its destination, has relocate/blob/verify.c
 * check the segments' digests at their final addresses (and report its
 * times), and enters the kernel.  It is the first thing in the control blob
 * (relocate/blob/blob.ld).
 *
 * Register contract
 *   entry:   %rdi = physical address of struct stub_args (include/stub_args.h)
 *            64-bit mode, identity-mapped (the firmware's tables), running at
 *            the copy of this code inside the control page, any IF.
 *   uses:    %r15 = stub_args; %r14 = TSC at entry; %rcx = current entry;
 *            %rbx = next entry slot; %rdi = current destination; %rsi =
 *            source; %edx = qwords left in the page; %rax, %rcx and
 *            %r8-%r13 carry the copy's data (%rcx is fetched again after).  stub_after_copy() is a SysV C call on our
 *            stack; it returns only when every digest matches (else it
 *            reports on COM1 and halts).
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
	rdtsc
	shlq	$32, %rdx
	orq	%rax, %rdx
	movq	%rdx, %r14
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
	je	4f			/* already in place: nothing to move */
	/*
	 * Eight qwords a turn through registers, not rep movsq: emulators run
	 * a string instruction one element at a time, and a CPU copies this
	 * as fast.  Advances %rdi by one page.
	 */
	movl	$(PAGE_SIZE / 8), %edx
3:	movq	(%rsi), %rax
	movq	8(%rsi), %r8
	movq	16(%rsi), %r9
	movq	24(%rsi), %r10
	movq	32(%rsi), %r11
	movq	40(%rsi), %r12
	movq	48(%rsi), %r13
	movq	56(%rsi), %rcx
	movq	%rax, (%rdi)
	movq	%r8, 8(%rdi)
	movq	%r9, 16(%rdi)
	movq	%r10, 24(%rdi)
	movq	%r11, 32(%rdi)
	movq	%r12, 40(%rdi)
	movq	%r13, 48(%rdi)
	movq	%rcx, 56(%rdi)
	addq	$64, %rsi
	addq	$64, %rdi
	subl	$8, %edx
	jnz	3b
	jmp	fetch
4:	addq	$PAGE_SIZE, %rdi
fetch:
	movq	(%rbx), %rcx
	addq	$8, %rbx
	jmp	next_entry

copied:
	movq	%r15, %rdi
	movq	%r14, %rsi
	call	stub_after_copy		/* %rsp is 16-byte aligned here */

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
