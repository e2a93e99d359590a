/* SPDX-License-Identifier: MIT */
/*
 * Relocation stub of chainload-ia32.efi (32-bit UEFI firmware): the same
 * job as stub.S in 32-bit protected mode.  It runs from the control page
 * after ExitBootServices, turns paging off if the firmware left it on,
 * copies every page of the page list to its destination with paging off,
 * as Linux's i386 relocate_kernel does, has relocate/blob/verify.c check
 * the segments' digests at their final addresses, and enters the kernel's
 * 32-bit entry.  It is the first thing in the ia32 control blob.
 *
 * Register contract
 *   entry:   a cdecl call: 4(%esp) = physical address of struct stub_args
 *            (include/stub_args.h; its high half at 8(%esp) is zero).
 *            32-bit protected mode, flat segments, paging off or on with the
 *            firmware's identity map, running at the copy of this code
 *            inside the control page (below 4 GiB), any IF.
 *   uses:    %ebp = stub_args; %ecx = current entry (then the copy's
 *            counter); %ebx = next entry slot; %edi = current destination;
 *            %esi = source; %eax and %edx carry the copy's data.  The TSC
 *            at entry is the first thing on our stack.  stub_after_copy()
 *            is a cdecl C call on our stack; it returns only when every
 *            digest matches (else it reports on COM1 and halts).
 *   leaves:  to the kernel's 32-bit entry (code32_start) with interrupts
 *            off, paging off (CR0.PG and CR4.PAE clear), our GDT (CS=0x10
 *            flat 32-bit code, DS=ES=SS=FS=GS=0x18 flat data), a null IDT,
 *            DF clear, %esi = boot_params, every other general register
 *            zero (%esp points into the control page).  Never returns.
 *
 * Position independent: the one address it forms itself is taken from the
 * return address of a call.  Page-list entries are 64-bit (Linux kexec's
 * encoding, include/kexec_flags.h); everything lies below 4 GiB, so their
 * low halves are the addresses.  Sources are never destinations, so a
 * plain forward copy is always correct.
 */
#include "flat32.inc"
#include "kexec_flags.h"
#include "stub_args.h"

#define CR0_PG_BIT	31
#define CR4_PAE_BIT	5
#define CR4_PGE_BIT	7

	.section .text.entry, "ax"
	.code32
	.globl	stub_entry

stub_entry:
	cli
	cld
	movl	4(%esp), %ebp
	/* Our stack first: the firmware's may be a destination. */
	movl	SA_STACK_TOP(%ebp), %esp
	rdtsc
	pushl	%edx
	pushl	%eax

	/* Paging off: this page is identity-mapped, so the next fetch is too. */
	movl	%cr0, %eax
	btrl	$CR0_PG_BIT, %eax
	movl	%eax, %cr0
	movl	%cr4, %eax
	btrl	$CR4_PAE_BIT, %eax
	btrl	$CR4_PGE_BIT, %eax
	movl	%eax, %cr4

	/* A null IDT and our GDT: the firmware's may be overwritten below. */
	lidt	SA_IDTR(%ebp)
	FLAT32_GDT

	/* Walk the page list.  The head is an INDIRECTION or DONE entry. */
	movl	SA_LIST_HEAD(%ebp), %ecx
	xorl	%ebx, %ebx
	xorl	%edi, %edi
next_entry:
	testb	$IND_DESTINATION, %cl
	jz	1f
	movl	%ecx, %edi
	andl	$PAGE_MASK, %edi
	jmp	fetch
1:	testb	$IND_INDIRECTION, %cl
	jz	2f
	movl	%ecx, %ebx
	andl	$PAGE_MASK, %ebx
	jmp	fetch
2:	testb	$IND_DONE, %cl
	jnz	copied
	testb	$IND_SOURCE, %cl
	jz	fetch
	movl	%ecx, %esi
	andl	$PAGE_MASK, %esi
	cmpl	%esi, %edi
	je	4f			/* already in place: nothing to move */
	/* Two dwords a turn through registers, not rep movsl (see stub.S). */
	movl	$(PAGE_SIZE / 8), %ecx
3:	movl	(%esi), %eax
	movl	4(%esi), %edx
	movl	%eax, (%edi)
	movl	%edx, 4(%edi)
	addl	$8, %esi
	addl	$8, %edi
	decl	%ecx
	jnz	3b
	jmp	fetch
4:	addl	$PAGE_SIZE, %edi
fetch:
	movl	(%ebx), %ecx
	addl	$8, %ebx
	jmp	next_entry

copied:
	pushl	4(%esp)			/* tsc_entry, high half */
	pushl	4(%esp)			/* low half (the push moved %esp) */
	pushl	%ebp
	call	stub_after_copy
	addl	$12, %esp
	ENTER_STARTUP_32

	.section .note.GNU-stack, "", @progbits
