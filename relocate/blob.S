/* SPDX-License-Identifier: MIT */
/*
 * The control blob's bytes (stub + verifier, built from relocate/blob/),
 * embedded in the EFI application for control_page_fill() to copy.  Never
 * executed where it lies.
 */
	.section .rodata.control_blob, "a"
	.balign	16
	.globl	control_blob_start
	.globl	control_blob_end
control_blob_start:
	.incbin	BLOB_PATH
control_blob_end:

	.section .note.GNU-stack, "", @progbits
