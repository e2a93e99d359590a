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
 *            %r8-%r13 carry the copy's data (%rcx is fetched again after).
 *            stub_after_copy() is a SysV C call on our stack; it returns
 *            only when every digest matches (else it reports on COM1 and
 *            halts).  The 32-bit tail keeps stub_args in %ebp.
 *   leaves:  to the kernel's 64-bit entry with interrupts off, our identity
 *            map in CR3, CR4.PGE and CR4.CET clear, our GDT (CS=0x10,
 *            DS=ES=SS=FS=GS=0x18), a null IDT, DF clear, %rsi = boot_params,
 *            every other general register zero (%rsp points into the
 *            control page).  Never returns.
 *            With STUB_F_ENTRY32: to the kernel's 32-bit entry (code32_start)
 *            in protected mode with paging off (CR0.PG, EFER.LME, CR4.PAE
 *            and CR4.PCIDE clear), CS=0x10 now flat 32-bit code, DS=ES=SS=
 *            FS=GS=0x18, interrupts off, %esi = boot_params, every other
 *            general register zero.  Everything it names lies below 4 GiB.
 *
 * Position independent: the only addresses it forms itself are RIP-relative,
 * and in the 32-bit tail one taken from the return address of a call.
 * The page list is Linux kexec's encoding (include/kexec_flags.h); sources
 * are never destinations, so a plain forward copy is always correct.
 */
#include "flat32.inc"
#include "kexec_flags.h"
#include "stub_args.h"

#define CR0_PG_BIT	31
#define CR4_PAE_BIT	5
#define CR4_PGE_BIT	7
#define CR4_PCIDE_BIT	17
#define CR4_CET_BIT	23
#define MSR_EFER	0xc0000080
#define EFER_LME_BIT	8

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

	testl	$STUB_F_ENTRY32, SA_FLAGS(%r15)
	jnz	enter_kernel32

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
	 * Out of long mode, as the boot protocol's 32-bit entry wants it: to
	 * 32-bit code in compatibility mode first (only from there may paging
	 * go off), then paging and long mode off, then CS 0x10 made 32-bit.
	 * The control page is below 4 GiB and identity-mapped, so every
	 * address stays valid; %ebp keeps stub_args from here on.
	 */
enter_kernel32:
	movl	%r15d, %ebp
	leaq	1f(%rip), %rax
	pushq	$LEAVE_CS
	pushq	%rax
	lretq
	.code32
1:	movl	%cr4, %eax
	btrl	$CR4_PCIDE_BIT, %eax	/* must go before paging does */
	movl	%eax, %cr4
	movl	%cr0, %eax
	btrl	$CR0_PG_BIT, %eax
	movl	%eax, %cr0		/* long mode inactive from here */
	movl	$MSR_EFER, %ecx
	rdmsr
	btrl	$EFER_LME_BIT, %eax
	wrmsr
	movl	%cr4, %eax
	btrl	$CR4_PAE_BIT, %eax
	movl	%eax, %cr4
	/* CS 0x10 becomes flat 32-bit code; the far return loads it anew. */
	FLAT32_GDT
	ENTER_STARTUP_32

	.section .note.GNU-stack, "", @progbits
