/* SPDX-License-Identifier: MIT */
/*
 * boot_params ("zero page") construction, per Documentation/arch/x86/boot.rst:
 * start from zero, copy the setup header by its own length and nothing more
 * (so the sentinel at 0x1ef stays 0), then fill what the loader owes.
 */
#ifndef CHAINLOAD_BOOTPARAMS_H
#define CHAINLOAD_BOOTPARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "bootparam.h"
#include "bzimage.h"
#include "status.h"

struct bootparams_request {
	const uint8_t *kernel_head; /* the file's first bytes, as parsed */
	const struct bzimage_info *kernel;
	uint64_t kernel_addr;
	uint64_t cmdline_addr; /* NUL-terminated command line */
	uint64_t initrd_addr;  /* 0 if none */
	uint64_t initrd_size;
};

/* Rejects a command line the kernel would truncate (length excludes NUL). */
int bootparams_check_cmdline(const struct bzimage_info *kernel, size_t len, struct diag *diag);

void bootparams_init(struct boot_params *bp, const struct bootparams_request *req);

/*
 * Hands the kernel the EFI system table and the final memory map, signed
 * "EL64" or, for 32-bit firmware (firmware_bits 32), "EL32": the kernel
 * calls the firmware in that mode (a 64-bit kernel through CONFIG_EFI_MIXED).
 */
void bootparams_set_efi(struct boot_params *bp, unsigned firmware_bits, uint64_t systab,
			uint64_t memmap, uint32_t memmap_size, uint32_t desc_size,
			uint32_t desc_version);

/* Pushes a setup_data node (at physical `addr`, mapped at `node`) on the chain. */
void bootparams_add_setup_data(struct boot_params *bp, struct setup_data *node, uint64_t addr);

/*
 * Stores `n` e820 entries: the first 128 in the zero page, the rest in the
 * SETUP_E820_EXT node `ext` (room for n - 128 entries, at physical ext_addr),
 * which is chained only when needed.  Allocation-free.
 */
void bootparams_set_e820(struct boot_params *bp, const struct boot_e820_entry *entries, size_t n,
			 struct setup_data *ext, uint64_t ext_addr);

#endif /* CHAINLOAD_BOOTPARAMS_H */
