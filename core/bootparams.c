/* SPDX-License-Identifier: MIT */
#include "bootparams.h"

#include <string.h>

int bootparams_check_cmdline(const struct bzimage_info *kernel, size_t len, struct diag *diag)
{
	if (len > kernel->cmdline_size)
		return diag_set(diag, CL_E_CMDLINE_TOO_LONG,
				"command line is %zu bytes, the kernel accepts at most %u", len,
				kernel->cmdline_size);
	return CL_OK;
}

/*
 * boot.rst, kernel_alignment: a relocatable kernel rounds its load address
 * up to this before decompressing, so a loader that used a lesser alignment
 * (down to min_alignment) must write the one it used, or the kernel would
 * run past the init_size window planned for it.
 */
static uint32_t alignment_used(const struct bzimage_info *kernel, uint64_t addr)
{
	uint64_t align = kernel->kernel_alignment;

	while (align > 1 && (addr & (align - 1)))
		align >>= 1;
	return (uint32_t)align;
}

void bootparams_init(struct boot_params *bp, const struct bootparams_request *req)
{
	const size_t hdr_off = __builtin_offsetof(struct boot_params, hdr);

	memset(bp, 0, sizeof(*bp));
	memcpy((uint8_t *)bp + hdr_off, req->kernel_head + hdr_off,
	       req->kernel->header_end - hdr_off);
	bp->hdr.type_of_loader = TYPE_OF_LOADER_UNDEFINED;
	bp->hdr.vid_mode = VID_MODE_NORMAL;
	bp->hdr.code32_start = (uint32_t)req->kernel_addr;
	if (req->kernel->relocatable)
		bp->hdr.kernel_alignment = alignment_used(req->kernel, req->kernel_addr);
	bp->hdr.cmd_line_ptr = (uint32_t)req->cmdline_addr;
	bp->ext_cmd_line_ptr = (uint32_t)(req->cmdline_addr >> 32);
	bp->hdr.ramdisk_image = (uint32_t)req->initrd_addr;
	bp->ext_ramdisk_image = (uint32_t)(req->initrd_addr >> 32);
	bp->hdr.ramdisk_size = (uint32_t)req->initrd_size;
	bp->ext_ramdisk_size = (uint32_t)(req->initrd_size >> 32);
	bp->hdr.setup_data = 0;
}

void bootparams_set_efi(struct boot_params *bp, unsigned firmware_bits, uint64_t systab,
			uint64_t memmap, uint32_t memmap_size, uint32_t desc_size,
			uint32_t desc_version)
{
	struct efi_info *e = &bp->efi_info;

	e->efi_loader_signature =
		firmware_bits == 32 ? EFI_LOADER_SIGNATURE_32 : EFI_LOADER_SIGNATURE_64;
	e->efi_systab = (uint32_t)systab;
	e->efi_systab_hi = (uint32_t)(systab >> 32);
	e->efi_memmap = (uint32_t)memmap;
	e->efi_memmap_hi = (uint32_t)(memmap >> 32);
	e->efi_memmap_size = memmap_size;
	e->efi_memdesc_size = desc_size;
	e->efi_memdesc_version = desc_version;
}

void bootparams_add_setup_data(struct boot_params *bp, struct setup_data *node, uint64_t addr)
{
	node->next = bp->hdr.setup_data;
	bp->hdr.setup_data = addr;
}

void bootparams_set_e820(struct boot_params *bp, const struct boot_e820_entry *entries, size_t n,
			 struct setup_data *ext, uint64_t ext_addr)
{
	size_t in_page = n < BOOT_PARAMS_E820_MAX ? n : BOOT_PARAMS_E820_MAX;

	memcpy(bp->e820_table, entries, in_page * sizeof(*entries));
	bp->e820_entries = (uint8_t)in_page;
	if (n <= BOOT_PARAMS_E820_MAX || !ext) {
		/* A retried exit whose map now fits: unchain the first try's node. */
		if (ext && bp->hdr.setup_data == ext_addr)
			bp->hdr.setup_data = ext->next;
		return;
	}
	ext->type = SETUP_E820_EXT;
	ext->len = (uint32_t)((n - in_page) * sizeof(*entries));
	memcpy(ext->data, entries + in_page, ext->len);
	if (bp->hdr.setup_data != ext_addr) /* a retried exit calls us again */
		bootparams_add_setup_data(bp, ext, ext_addr);
}
