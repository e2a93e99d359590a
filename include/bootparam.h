/* SPDX-License-Identifier: MIT */
/*
 * x86 Linux boot protocol structures: the setup header found in a bzImage
 * and the boot_params "zero page" a loader hands to the kernel.
 *
 * Layout from Documentation/arch/x86/boot.rst and zero-page.rst.  Every
 * field is pinned by a static assert below, so a typo cannot silently move
 * a field the kernel reads.  Offsets are from the start of boot_params;
 * setup_header lives at 0x1f1 in both the zero page and the bzImage file.
 */
#ifndef CHAINLOAD_BOOTPARAM_H
#define CHAINLOAD_BOOTPARAM_H

#define SETUP_HEADER_OFFSET 0x1f1
#define SETUP_HDRS_MAGIC    0x53726448u /* "HdrS" little-endian */
#define SETUP_BOOT_FLAG	    0xaa55
#define SETUP_MIN_VERSION   0x020c /* 2.12: xloadflags, 64-bit entry */

/* loadflags */
#define LOADED_HIGH  (1u << 0)
#define CAN_USE_HEAP (1u << 7)

/* xloadflags */
#define XLF_KERNEL_64		   (1u << 0)
#define XLF_CAN_BE_LOADED_ABOVE_4G (1u << 1)
#define XLF_EFI_HANDOVER_32	   (1u << 2)
#define XLF_EFI_HANDOVER_64	   (1u << 3)
#define XLF_EFI_KEXEC		   (1u << 4)
#define XLF_5LEVEL		   (1u << 5)
#define XLF_5LEVEL_ENABLED	   (1u << 6)

/* setup_data types */
#define SETUP_NONE     0
#define SETUP_E820_EXT 1
#define SETUP_RNG_SEED 9

/* e820 types */
#define E820_TYPE_RAM	   1
#define E820_TYPE_RESERVED 2
#define E820_TYPE_ACPI	   3
#define E820_TYPE_NVS	   4
#define E820_TYPE_UNUSABLE 5
#define E820_TYPE_PMEM	   7

#define BOOT_PARAMS_E820_MAX	 128
#define TYPE_OF_LOADER_UNDEFINED 0xff
#define VID_MODE_NORMAL		 0xffff
#define VIDEO_TYPE_EFI		 0x70
#define EFI_LOADER_SIGNATURE_64	 0x34364c45u /* "EL64" */
#define EFI_LOADER_SIGNATURE_32	 0x32334c45u /* "EL32": 32-bit firmware */

/* The 64-bit entry point is this far past the protected-mode load address. */
#define STARTUP_64_OFFSET 0x200

#ifndef __ASSEMBLER__
#include <stdint.h>

struct setup_header {
	uint8_t setup_sects;		/* 0x1f1 512-byte setup sectors; 0 means 4 */
	uint16_t root_flags;		/* 0x1f2 */
	uint32_t syssize;		/* 0x1f4 protected-mode size in 16-byte units */
	uint16_t ram_size;		/* 0x1f8 obsolete */
	uint16_t vid_mode;		/* 0x1fa video mode; 0xffff = normal */
	uint16_t root_dev;		/* 0x1fc */
	uint16_t boot_flag;		/* 0x1fe 0xaa55 */
	uint16_t jump;			/* 0x200 */
	uint32_t header;		/* 0x202 "HdrS" */
	uint16_t version;		/* 0x206 boot protocol version */
	uint32_t realmode_swtch;	/* 0x208 */
	uint16_t start_sys_seg;		/* 0x20c obsolete */
	uint16_t kernel_version;	/* 0x20e */
	uint8_t type_of_loader;		/* 0x210 0xff = undefined loader */
	uint8_t loadflags;		/* 0x211 */
	uint16_t setup_move_size;	/* 0x212 */
	uint32_t code32_start;		/* 0x214 protected-mode load address */
	uint32_t ramdisk_image;		/* 0x218 initrd address, low 32 bits */
	uint32_t ramdisk_size;		/* 0x21c initrd size, low 32 bits */
	uint32_t bootsect_kludge;	/* 0x220 */
	uint16_t heap_end_ptr;		/* 0x224 */
	uint8_t ext_loader_ver;		/* 0x226 */
	uint8_t ext_loader_type;	/* 0x227 */
	uint32_t cmd_line_ptr;		/* 0x228 command line address, low 32 bits */
	uint32_t initrd_addr_max;	/* 0x22c highest address of the initrd's last byte */
	uint32_t kernel_alignment;	/* 0x230 required alignment if relocatable */
	uint8_t relocatable_kernel;	/* 0x234 */
	uint8_t min_alignment;		/* 0x235 log2 of the smallest alignment */
	uint16_t xloadflags;		/* 0x236 XLF_* */
	uint32_t cmdline_size;		/* 0x238 max command line length, NUL excluded */
	uint32_t hardware_subarch;	/* 0x23c */
	uint64_t hardware_subarch_data; /* 0x240 */
	uint32_t payload_offset;	/* 0x248 */
	uint32_t payload_length;	/* 0x24c */
	uint64_t setup_data;		/* 0x250 head of the setup_data chain */
	uint64_t pref_address;		/* 0x258 preferred load address */
	uint32_t init_size;		/* 0x260 linear memory needed from the load address */
	uint32_t handover_offset;	/* 0x264 */
	uint32_t kernel_info_offset;	/* 0x268 */
} __attribute__((packed));

struct screen_info {
	uint8_t orig_x;		    /* 0x00 */
	uint8_t orig_y;		    /* 0x01 */
	uint16_t ext_mem_k;	    /* 0x02 */
	uint16_t orig_video_page;   /* 0x04 */
	uint8_t orig_video_mode;    /* 0x06 */
	uint8_t orig_video_cols;    /* 0x07 */
	uint8_t flags;		    /* 0x08 */
	uint8_t unused2;	    /* 0x09 */
	uint16_t orig_video_ega_bx; /* 0x0a */
	uint16_t unused3;	    /* 0x0c */
	uint8_t orig_video_lines;   /* 0x0e */
	uint8_t orig_video_is_vga;  /* 0x0f VIDEO_TYPE_* */
	uint16_t orig_video_points; /* 0x10 */
	uint16_t lfb_width;	    /* 0x12 */
	uint16_t lfb_height;	    /* 0x14 */
	uint16_t lfb_depth;	    /* 0x16 bits per pixel */
	uint32_t lfb_base;	    /* 0x18 framebuffer address, low 32 bits */
	uint32_t lfb_size;	    /* 0x1c framebuffer size in bytes */
	uint16_t cl_magic;	    /* 0x20 */
	uint16_t cl_offset;	    /* 0x22 */
	uint16_t lfb_linelength;    /* 0x24 bytes per scan line */
	uint8_t red_size;	    /* 0x26 */
	uint8_t red_pos;	    /* 0x27 */
	uint8_t green_size;	    /* 0x28 */
	uint8_t green_pos;	    /* 0x29 */
	uint8_t blue_size;	    /* 0x2a */
	uint8_t blue_pos;	    /* 0x2b */
	uint8_t rsvd_size;	    /* 0x2c */
	uint8_t rsvd_pos;	    /* 0x2d */
	uint16_t vesapm_seg;	    /* 0x2e */
	uint16_t vesapm_off;	    /* 0x30 */
	uint16_t pages;		    /* 0x32 */
	uint16_t vesa_attributes;   /* 0x34 */
	uint32_t capabilities;	    /* 0x36 bit 1: 64-bit lfb base */
	uint32_t ext_lfb_base;	    /* 0x3a framebuffer address, high 32 bits */
	uint8_t reserved[2];	    /* 0x3e */
} __attribute__((packed));

struct efi_info {
	uint32_t efi_loader_signature; /* 0x1c0 "EL64" */
	uint32_t efi_systab;	       /* 0x1c4 system table, low 32 bits */
	uint32_t efi_memdesc_size;     /* 0x1c8 bytes per memory descriptor */
	uint32_t efi_memdesc_version;  /* 0x1cc */
	uint32_t efi_memmap;	       /* 0x1d0 memory map, low 32 bits */
	uint32_t efi_memmap_size;      /* 0x1d4 bytes in the memory map */
	uint32_t efi_systab_hi;	       /* 0x1d8 */
	uint32_t efi_memmap_hi;	       /* 0x1dc */
} __attribute__((packed));

struct boot_e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type; /* E820_TYPE_* */
} __attribute__((packed));

/* A node of the setup_data chain; `len` bytes of data follow the header. */
struct setup_data {
	uint64_t next; /* physical address of the next node, 0 ends */
	uint32_t type; /* SETUP_* */
	uint32_t len;
	uint8_t data[];
} __attribute__((packed));

struct boot_params {
	struct screen_info screen_info;	 /* 0x000 */
	uint8_t apm_bios_info[0x14];	 /* 0x040 */
	uint8_t pad2[4];		 /* 0x054 */
	uint64_t tboot_addr;		 /* 0x058 */
	uint8_t ist_info[0x10];		 /* 0x060 */
	uint64_t acpi_rsdp_addr;	 /* 0x070 */
	uint8_t pad3[8];		 /* 0x078 */
	uint8_t hd0_info[16];		 /* 0x080 */
	uint8_t hd1_info[16];		 /* 0x090 */
	uint8_t sys_desc_table[0x10];	 /* 0x0a0 */
	uint8_t olpc_ofw_header[0x10];	 /* 0x0b0 */
	uint32_t ext_ramdisk_image;	 /* 0x0c0 initrd address, high 32 bits */
	uint32_t ext_ramdisk_size;	 /* 0x0c4 initrd size, high 32 bits */
	uint32_t ext_cmd_line_ptr;	 /* 0x0c8 command line address, high 32 bits */
	uint8_t pad4[112];		 /* 0x0cc */
	uint32_t cc_blob_address;	 /* 0x13c */
	uint8_t edid_info[0x80];	 /* 0x140 */
	struct efi_info efi_info;	 /* 0x1c0 */
	uint32_t alt_mem_k;		 /* 0x1e0 */
	uint32_t scratch;		 /* 0x1e4 */
	uint8_t e820_entries;		 /* 0x1e8 entries used in e820_table */
	uint8_t eddbuf_entries;		 /* 0x1e9 */
	uint8_t edd_mbr_sig_buf_entries; /* 0x1ea */
	uint8_t kbd_status;		 /* 0x1eb */
	uint8_t secure_boot;		 /* 0x1ec 0 unset, 1 unknown, 2 off, 3 on */
	uint8_t pad5[2];		 /* 0x1ed */
	uint8_t sentinel;		 /* 0x1ef must stay 0, see boot.rst */
	uint8_t pad6[1];		 /* 0x1f0 */
	struct setup_header hdr;	 /* 0x1f1 */
	uint8_t pad7[0x290 - 0x1f1 - sizeof(struct setup_header)];
	uint32_t edd_mbr_sig_buffer[16];			 /* 0x290 */
	struct boot_e820_entry e820_table[BOOT_PARAMS_E820_MAX]; /* 0x2d0 */
	uint8_t pad8[48];					 /* 0xcd0 */
	uint8_t eddbuf[0x1ec];					 /* 0xd00 */
	uint8_t pad9[276];					 /* 0xeec */
} __attribute__((packed));

#define BP_ASSERT_OFF(type, field, off) \
	_Static_assert(__builtin_offsetof(type, field) == (off), #type "." #field " offset")

/* setup_header offsets are relative to 0x1f1. */
#define SH_ASSERT(field, off) BP_ASSERT_OFF(struct setup_header, field, (off)-0x1f1)
SH_ASSERT(setup_sects, 0x1f1);
SH_ASSERT(syssize, 0x1f4);
SH_ASSERT(vid_mode, 0x1fa);
SH_ASSERT(boot_flag, 0x1fe);
SH_ASSERT(jump, 0x200);
SH_ASSERT(header, 0x202);
SH_ASSERT(version, 0x206);
SH_ASSERT(type_of_loader, 0x210);
SH_ASSERT(loadflags, 0x211);
SH_ASSERT(code32_start, 0x214);
SH_ASSERT(ramdisk_image, 0x218);
SH_ASSERT(ramdisk_size, 0x21c);
SH_ASSERT(heap_end_ptr, 0x224);
SH_ASSERT(cmd_line_ptr, 0x228);
SH_ASSERT(initrd_addr_max, 0x22c);
SH_ASSERT(kernel_alignment, 0x230);
SH_ASSERT(relocatable_kernel, 0x234);
SH_ASSERT(min_alignment, 0x235);
SH_ASSERT(xloadflags, 0x236);
SH_ASSERT(cmdline_size, 0x238);
SH_ASSERT(setup_data, 0x250);
SH_ASSERT(pref_address, 0x258);
SH_ASSERT(init_size, 0x260);
SH_ASSERT(handover_offset, 0x264);
SH_ASSERT(kernel_info_offset, 0x268);
_Static_assert(sizeof(struct setup_header) == 0x26c - 0x1f1, "setup_header size");
#undef SH_ASSERT

BP_ASSERT_OFF(struct screen_info, orig_video_is_vga, 0x0f);
BP_ASSERT_OFF(struct screen_info, lfb_width, 0x12);
BP_ASSERT_OFF(struct screen_info, lfb_base, 0x18);
BP_ASSERT_OFF(struct screen_info, lfb_linelength, 0x24);
BP_ASSERT_OFF(struct screen_info, capabilities, 0x36);
BP_ASSERT_OFF(struct screen_info, ext_lfb_base, 0x3a);
_Static_assert(sizeof(struct screen_info) == 0x40, "screen_info size");
_Static_assert(sizeof(struct efi_info) == 0x20, "efi_info size");
_Static_assert(sizeof(struct boot_e820_entry) == 20, "e820 entry size");
_Static_assert(sizeof(struct setup_data) == 16, "setup_data header size");

BP_ASSERT_OFF(struct boot_params, acpi_rsdp_addr, 0x070);
BP_ASSERT_OFF(struct boot_params, ext_ramdisk_image, 0x0c0);
BP_ASSERT_OFF(struct boot_params, ext_ramdisk_size, 0x0c4);
BP_ASSERT_OFF(struct boot_params, ext_cmd_line_ptr, 0x0c8);
BP_ASSERT_OFF(struct boot_params, cc_blob_address, 0x13c);
BP_ASSERT_OFF(struct boot_params, efi_info, 0x1c0);
BP_ASSERT_OFF(struct boot_params, efi_info.efi_systab, 0x1c4);
BP_ASSERT_OFF(struct boot_params, efi_info.efi_memmap, 0x1d0);
BP_ASSERT_OFF(struct boot_params, efi_info.efi_systab_hi, 0x1d8);
BP_ASSERT_OFF(struct boot_params, efi_info.efi_memmap_hi, 0x1dc);
BP_ASSERT_OFF(struct boot_params, e820_entries, 0x1e8);
BP_ASSERT_OFF(struct boot_params, secure_boot, 0x1ec);
BP_ASSERT_OFF(struct boot_params, sentinel, 0x1ef);
BP_ASSERT_OFF(struct boot_params, hdr, 0x1f1);
BP_ASSERT_OFF(struct boot_params, edd_mbr_sig_buffer, 0x290);
BP_ASSERT_OFF(struct boot_params, e820_table, 0x2d0);
BP_ASSERT_OFF(struct boot_params, eddbuf, 0xd00);
_Static_assert(sizeof(struct boot_params) == 4096, "boot_params is one page");

#endif /* !__ASSEMBLER__ */
#endif /* CHAINLOAD_BOOTPARAM_H */
