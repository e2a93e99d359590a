/* SPDX-License-Identifier: MIT */
/* boot_params construction and the EFI memory map -> e820 conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparams.h"
#include "e820.h"
#include "sim.h"

static void test_header_copied_by_its_length(void **state)
{
	static uint8_t head[4096];
	static struct boot_params bp;
	struct bzimage_info bz = { .header_end = 0x268, .cmdline_size = 100 };
	struct bootparams_request req = { head, &bz, 0x123456000ull, 0x1ffff000ull,
					  0x140000000ull, 0x100000005ull };
	struct diag d;

	(void)state;
	memset(head, 0xa5, sizeof(head));
	memset(&bp, 0x5a, sizeof(bp));
	bootparams_init(&bp, &req);
	assert_int_equal(bp.sentinel, 0);
	assert_int_equal(((uint8_t *)&bp)[0x1f0], 0);
	assert_int_equal(((uint8_t *)&bp)[0x1f1], 0xa5);	/* setup_sects copied */
	assert_int_equal(((uint8_t *)&bp)[0x267], 0xa5);	/* last byte of the header */
	assert_int_equal(((uint8_t *)&bp)[0x268], 0);		/* past it: zero */
	assert_int_equal(bp.hdr.type_of_loader, 0xff);
	assert_int_equal(bp.hdr.vid_mode, 0xffff);
	assert_int_equal(bp.hdr.code32_start, 0x23456000);
	assert_int_equal(bp.hdr.cmd_line_ptr, 0x1ffff000);
	assert_int_equal(bp.ext_cmd_line_ptr, 0);
	assert_int_equal(bp.hdr.ramdisk_image, 0x40000000);
	assert_int_equal(bp.ext_ramdisk_image, 1);
	assert_int_equal(bp.hdr.ramdisk_size, 5);
	assert_int_equal(bp.ext_ramdisk_size, 1);
	assert_int_equal(bp.hdr.setup_data, 0);
	assert_int_equal(bp.e820_entries, 0);
	assert_int_equal(bootparams_check_cmdline(&bz, 100, &d), CL_OK);
	assert_int_equal(bootparams_check_cmdline(&bz, 101, &d), CL_E_CMDLINE_TOO_LONG);

	bootparams_set_efi(&bp, 0x1234567890ull, 0xabcdef000ull, 4800, 48, 1);
	assert_memory_equal(&bp.efi_info.efi_loader_signature, "EL64", 4);
	assert_int_equal(bp.efi_info.efi_systab, 0x34567890);
	assert_int_equal(bp.efi_info.efi_systab_hi, 0x12);
	assert_int_equal(bp.efi_info.efi_memmap, 0xbcdef000);
	assert_int_equal(bp.efi_info.efi_memmap_hi, 0xa);
	assert_int_equal(bp.efi_info.efi_memmap_size, 4800);
	assert_int_equal(bp.efi_info.efi_memdesc_size, 48);
}

static void test_e820_types_and_merging(void **state)
{
	static struct sim s;
	struct boot_e820_entry e[16];
	static uint8_t raw[16 * 56];
	struct diag d;
	size_t n;

	(void)state;
	sim_init(&s, 1 << 20);
	/* Out of order, with adjacent RAM types that must merge into one. */
	sim_add(&s, 0x100000, 0x200000, MM_CONVENTIONAL);
	sim_add(&s, 0x0, 0xa0000, MM_BOOT_CODE);
	sim_add(&s, 0x200000, 0x300000, MM_LOADER_DATA);
	sim_add(&s, 0x300000, 0x301000, MM_ACPI_RECLAIM);
	sim_add(&s, 0x301000, 0x302000, MM_ACPI_NVS);
	sim_add(&s, 0x302000, 0x303000, MM_UNUSABLE);
	sim_add(&s, 0x303000, 0x304000, MM_PERSISTENT);
	sim_add(&s, 0x304000, 0x305000, MM_RUNTIME_DATA);
	sim_add(&s, 0x305000, 0x306000, 0x7fff0000);	/* unknown: reserved */
	sim_add(&s, 0x306000, 0x307000, MM_MMIO);
	/* Round-trip through raw descriptors larger than the v1 struct. */
	n = sim_efi_descriptors(&s, raw, 56);
	s.map.count = 0;
	assert_int_equal(memmap_from_efi(&s.map, raw, n, 56, &d), CL_OK);
	n = e820_from_memmap(&s.map, e, 16);
	assert_int_equal(n, 7);
	assert_int_equal(e[0].addr, 0);
	assert_int_equal(e[0].size, 0xa0000);
	assert_int_equal(e[0].type, E820_TYPE_RAM);
	assert_int_equal(e[1].addr, 0x100000);
	assert_int_equal(e[1].size, 0x200000);	/* conventional + loader merged */
	assert_int_equal(e[2].type, E820_TYPE_ACPI);
	assert_int_equal(e[3].type, E820_TYPE_NVS);
	assert_int_equal(e[4].type, E820_TYPE_UNUSABLE);
	assert_int_equal(e[5].type, E820_TYPE_PMEM);
	assert_int_equal(e[6].type, E820_TYPE_RESERVED);
	assert_int_equal(e[6].size, 0x3000);	/* runtime, unknown, MMIO merged */
	assert_int_equal(memmap_from_efi(&s.map, raw, n, 39, &d), CL_E_MEMMAP_INVALID);
	sim_free(&s);
}

static void test_e820_extension_beyond_128(void **state)
{
	static struct boot_params bp;
	static struct boot_e820_entry e[200];
	static uint8_t ext_buf[16 + 200 * 20];
	struct setup_data *ext = (struct setup_data *)ext_buf;

	(void)state;
	for (int i = 0; i < 200; i++) {
		e[i].addr = (uint64_t)i << 20;
		e[i].size = 4096;
		e[i].type = 1 + i % 2;
	}
	bootparams_set_e820(&bp, e, 200, ext, 0x7000);
	assert_int_equal(bp.e820_entries, 128);
	assert_memory_equal(bp.e820_table, e, 128 * sizeof(e[0]));
	assert_int_equal(bp.hdr.setup_data, 0x7000);
	assert_int_equal(ext->type, SETUP_E820_EXT);
	assert_int_equal(ext->len, 72 * 20);
	assert_memory_equal(ext->data, &e[128], 72 * 20);
	/* A retried exit sets it again: the chain must not loop onto itself. */
	bootparams_set_e820(&bp, e, 200, ext, 0x7000);
	assert_int_equal(ext->next, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_copied_by_its_length),
		cmocka_unit_test(test_e820_types_and_merging),
		cmocka_unit_test(test_e820_extension_beyond_128),
	};

	return cmocka_run_group_tests_name("bootparams", tests, NULL, NULL);
}
