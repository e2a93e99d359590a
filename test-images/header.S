/* SPDX-License-Identifier: MIT */
/*
 * The setup sectors of the test kernel: a boot sector and the x86 boot
 * protocol setup header (Documentation/arch/x86/boot.rst), nothing else.
 *
 * Contract: none of this runs under chainload.  The real-mode code (boot
 * sector at 0, setup at 0x200) only halts; a loader reads the header, loads
 * the protected-mode payload that follows these TK_SETUP_SIZE bytes, and
 * enters it at payload offset STARTUP_64_OFFSET (entry.S).
 *
 * tk_syssize comes from the linker script (payload bytes / 16).
 */
#include "bootparam.h"
#include "tk.h"

#if TK_FIXED
#define TK_RELOCATABLE	0
#else
#define TK_RELOCATABLE	1
#endif

	.section .setup, "a"
	.code16
bootsect:
	cli
1:	hlt
	jmp	1b

	.org	SETUP_HEADER_OFFSET
	.byte	TK_SETUP_SECTS			/* 0x1f1 setup_sects */
	.word	0				/* 0x1f2 root_flags */
	.long	tk_syssize			/* 0x1f4 syssize */
	.word	0				/* 0x1f8 ram_size */
	.word	VID_MODE_NORMAL			/* 0x1fa vid_mode */
	.word	0				/* 0x1fc root_dev */
	.word	SETUP_BOOT_FLAG			/* 0x1fe boot_flag */
	/* 0x200 jump; its displacement byte (0x201) is the header length - 2 */
	.byte	0xeb, setup_start - 1f
1:	.ascii	"HdrS"				/* 0x202 header */
	.word	0x020f				/* 0x206 version */
	.long	0				/* 0x208 realmode_swtch */
	.word	0				/* 0x20c start_sys_seg */
	.word	version_string - 0x200		/* 0x20e kernel_version */
	.byte	0				/* 0x210 type_of_loader */
	.byte	LOADED_HIGH			/* 0x211 loadflags */
	.word	0				/* 0x212 setup_move_size */
	.long	0x100000			/* 0x214 code32_start: the loader sets it */
	.long	0				/* 0x218 ramdisk_image */
	.long	0				/* 0x21c ramdisk_size */
	.long	0				/* 0x220 bootsect_kludge */
	.word	0				/* 0x224 heap_end_ptr */
	.byte	0				/* 0x226 ext_loader_ver */
	.byte	0				/* 0x227 ext_loader_type */
	.long	0				/* 0x228 cmd_line_ptr */
	.long	0x7fffffff			/* 0x22c initrd_addr_max */
	.long	TK_KERNEL_ALIGN			/* 0x230 kernel_alignment */
	.byte	TK_RELOCATABLE			/* 0x234 relocatable_kernel */
	.byte	TK_MIN_ALIGN			/* 0x235 min_alignment */
	.word	XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G /* 0x236 xloadflags */
	.long	TK_CMDLINE_SIZE			/* 0x238 cmdline_size */
	.long	0				/* 0x23c hardware_subarch */
	.quad	0				/* 0x240 hardware_subarch_data */
	.long	0				/* 0x248 payload_offset */
	.long	0				/* 0x24c payload_length */
	.quad	0				/* 0x250 setup_data */
	.quad	TK_PREF_ADDRESS			/* 0x258 pref_address */
	.long	TK_INIT_SIZE			/* 0x260 init_size */
	.long	0				/* 0x264 handover_offset */
	.long	0				/* 0x268 kernel_info_offset */
	.globl	tk_setup_header_end		/* the linker script checks it */
tk_setup_header_end:

setup_start:
	cli
1:	hlt
	jmp	1b

version_string:
#if TK_FIXED
	.asciz	"chainload test kernel (fixed at 16 MiB)"
#else
	.asciz	"chainload test kernel (relocatable)"
#endif

	.org	TK_SETUP_SIZE
