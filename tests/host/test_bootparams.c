/* SPDX-License-Identifier: MIT */
/*
 * boot_params construction.  The expected zero page is built independently,
 * byte by byte at the offsets of Documentation/arch/x86/zero-page.rst, and
 * compared whole: a field written at the wrong offset, a header copied one
 * byte too long, or a non-zero sentinel all show up as a differing byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparams.h"

#define M (1ull << 20)

static uint8_t head[4096];
static struct boot_params bp;
static uint8_t want[4096];

static void put16(uint8_t *p, size_t off, uint16_t v)
{
	memcpy(p + off, &v, 2);
}

static void put32(uint8_t *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

static void put64(uint8_t *p, size_t off, uint64_t v)
{
	memcpy(p + off, &v, 8);
}

/* Where the first byte of two pages differs, for a readable failure. */
static void assert_page_equal(const uint8_t *got, const uint8_t *expect)
{
	for (size_t i = 0; i < 4096; i++)
		if (got[i] != expect[i])
			fail_msg("byte 0x%03zx is 0x%02x, expected 0x%02x", i, got[i], expect[i]);
}

/* What bootparams_init must produce, from zero-page.rst and boot.rst alone. */
static void expected_page(const struct bzimage_info *bz, const struct bootparams_request *req,
			  uint32_t kernel_alignment)
{
	memset(want, 0, sizeof(want));
	memcpy(want + 0x1f1, head + 0x1f1, bz->header_end - 0x1f1);
	want[0x210] = 0xff;				/* type_of_loader */
	put16(want, 0x1fa, 0xffff);			/* vid_mode */
	put32(want, 0x214, (uint32_t)req->kernel_addr); /* code32_start */
	put32(want, 0x228, (uint32_t)req->cmdline_addr);
	put32(want, 0x0c8, (uint32_t)(req->cmdline_addr >> 32));
	put32(want, 0x218, (uint32_t)req->initrd_addr);
	put32(want, 0x0c0, (uint32_t)(req->initrd_addr >> 32));
	put32(want, 0x21c, (uint32_t)req->initrd_size);
	put32(want, 0x0c4, (uint32_t)(req->initrd_size >> 32));
	put64(want, 0x250, 0); /* setup_data */
	put32(want, 0x230, kernel_alignment);
}

/* A file head full of 0xa5, with the setup header length byte set. */
static void make_head(unsigned jump_len, struct bzimage_info *bz)
{
	memset(head, 0xa5, sizeof(head));
	head[0x201] = (uint8_t)jump_len;
	put32(head, 0x230, 16 * M); /* kernel_alignment */
	memset(bz, 0, sizeof(*bz));
	bz->header_end = 0x202 + jump_len;
	bz->relocatable = true;
	bz->kernel_alignment = 16 * M;
	bz->min_alignment = 2 * M;
	bz->cmdline_size = 100;
}

/* Setup headers of several lengths: copied exactly that far, never further. */
static void test_header_copied_by_its_own_length(void **state)
{
	static const unsigned lengths[] = { 0x62, 0x66, 0x6a, 0x7e, 0xff };
	struct bzimage_info bz;

	(void)state;
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		struct bootparams_request req = { head,		  &bz,
						  16 * M,	  0x1ffff000ull,
						  0x140000000ull, 0x100000005ull };

		make_head(lengths[i], &bz);
		memset(&bp, 0x5a, sizeof(bp)); /* bootparams_init must clear */
		bootparams_init(&bp, &req);
		expected_page(&bz, &req, 16 * M);
		assert_page_equal((const uint8_t *)&bp, want);
		assert_int_equal(bp.sentinel, 0);
	}
}

/* Below 4 GiB the ext_* halves are zero; above they hold the high bits. */
static void test_high_halves(void **state)
{
	static const uint64_t addrs[][3] = {
		{ 0x7ffff000ull, 0x37fff000ull, 0xffffffffull },
		{ 0x100000000ull, 0xfedcba98765000ull, 0x123456789ull },
		{ 0xffffffff000ull, 0xffffffff000ull, 0 },
	};
	struct bzimage_info bz;

	(void)state;
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		struct bootparams_request req = { head,	       &bz,	    32 * M,
						  addrs[i][0], addrs[i][1], addrs[i][2] };

		make_head(0x6a, &bz);
		bootparams_init(&bp, &req);
		expected_page(&bz, &req, 16 * M);
		assert_page_equal((const uint8_t *)&bp, want);
		assert_int_equal((uint64_t)bp.ext_cmd_line_ptr << 32 | bp.hdr.cmd_line_ptr,
				 addrs[i][0]);
		assert_int_equal((uint64_t)bp.ext_ramdisk_image << 32 | bp.hdr.ramdisk_image,
				 addrs[i][1]);
		assert_int_equal((uint64_t)bp.ext_ramdisk_size << 32 | bp.hdr.ramdisk_size,
				 addrs[i][2]);
	}
}

/*
 * boot.rst, kernel_alignment: a loader that places a relocatable kernel at a
 * lesser alignment must say so, or the decompressor rounds its address up to
 * the header's alignment and overruns the init_size window it was given.
 */
static void test_kernel_alignment_is_the_one_used(void **state)
{
	static const uint64_t cases[][2] = {
		/* load address, alignment to report */
		{ 16 * M, 16 * M }, { 48 * M, 16 * M },		{ 18 * M, 2 * M },
		{ 20 * M, 4 * M },  { 0x100000000ull, 16 * M }, { 24 * M, 8 * M },
	};
	struct bzimage_info bz;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bootparams_request req = { head, &bz, cases[i][0], 0x1000, 0, 0 };

		make_head(0x6a, &bz);
		bootparams_init(&bp, &req);
		if (bp.hdr.kernel_alignment != cases[i][1])
			fail_msg("kernel at 0x%llx: kernel_alignment 0x%x, expected 0x%llx",
				 (unsigned long long)cases[i][0], bp.hdr.kernel_alignment,
				 (unsigned long long)cases[i][1]);
	}
	/* A kernel that is not relocatable keeps the header's value. */
	make_head(0x6a, &bz);
	bz.relocatable = false;
	{
		struct bootparams_request req = { head, &bz, 18 * M, 0x1000, 0, 0 };

		bootparams_init(&bp, &req);
		assert_int_equal(bp.hdr.kernel_alignment, 16 * M);
	}
}

static void test_cmdline_length(void **state)
{
	struct bzimage_info bz = { .cmdline_size = 100 };
	struct diag d;

	(void)state;
	assert_int_equal(bootparams_check_cmdline(&bz, 0, &d), CL_OK);
	assert_int_equal(bootparams_check_cmdline(&bz, 100, &d), CL_OK);
	assert_int_equal(bootparams_check_cmdline(&bz, 101, &d), CL_E_CMDLINE_TOO_LONG);
	assert_string_equal(d.msg, "command line is 101 bytes, the kernel accepts at most 100");
	bz.cmdline_size = 0;
	assert_int_equal(bootparams_check_cmdline(&bz, 0, &d), CL_OK);
	assert_int_equal(bootparams_check_cmdline(&bz, 1, &d), CL_E_CMDLINE_TOO_LONG);
}

static void test_efi_info(void **state)
{
	(void)state;
	memset(&bp, 0, sizeof(bp));
	bootparams_set_efi(&bp, 64, 0x1234567890ull, 0xabcdef000ull, 4800, 48, 1);
	memset(want, 0, sizeof(want));
	memcpy(want + 0x1c0, "EL64", 4);
	put32(want, 0x1c4, 0x34567890); /* efi_systab */
	put32(want, 0x1c8, 48);		/* efi_memdesc_size */
	put32(want, 0x1cc, 1);		/* efi_memdesc_version */
	put32(want, 0x1d0, 0xbcdef000); /* efi_memmap */
	put32(want, 0x1d4, 4800);	/* efi_memmap_size */
	put32(want, 0x1d8, 0x12);	/* efi_systab_hi */
	put32(want, 0x1dc, 0xa);	/* efi_memmap_hi */
	assert_page_equal((const uint8_t *)&bp, want);

	/* 32-bit firmware: the same fields, signed EL32, the high halves zero. */
	memset(&bp, 0, sizeof(bp));
	bootparams_set_efi(&bp, 32, 0x7f9ee018ull, 0x7e000000ull, 4800, 44, 1);
	memset(want, 0, sizeof(want));
	memcpy(want + 0x1c0, "EL32", 4);
	put32(want, 0x1c4, 0x7f9ee018);
	put32(want, 0x1c8, 44);
	put32(want, 0x1cc, 1);
	put32(want, 0x1d0, 0x7e000000);
	put32(want, 0x1d4, 4800);
	assert_page_equal((const uint8_t *)&bp, want);
}

static void test_setup_data_chain(void **state)
{
	struct setup_data a = { .next = 0xdead }, b = { .next = 0xbeef };

	(void)state;
	memset(&bp, 0, sizeof(bp));
	bootparams_add_setup_data(&bp, &a, 0x5000);
	bootparams_add_setup_data(&bp, &b, 0x6000);
	assert_int_equal(bp.hdr.setup_data, 0x6000);
	assert_int_equal(b.next, 0x5000);
	assert_int_equal(a.next, 0);
}

static struct boot_e820_entry table[300];
static uint8_t ext_buf[16 + 300 * 20];

static void fill_table(void)
{
	for (int i = 0; i < 300; i++) {
		table[i].addr = (uint64_t)i << 20;
		table[i].size = 4096 + (uint64_t)i;
		table[i].type = 1 + (uint32_t)i % 5;
	}
}

static void test_e820_in_the_page(void **state)
{
	struct setup_data *ext = (struct setup_data *)ext_buf;
	static const size_t counts[] = { 0, 1, 127, 128 };

	(void)state;
	fill_table();
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		memset(&bp, 0, sizeof(bp));
		memset(ext_buf, 0x77, sizeof(ext_buf));
		bootparams_set_e820(&bp, table, counts[i], ext, 0x7000);
		memset(want, 0, sizeof(want));
		want[0x1e8] = (uint8_t)counts[i];
		memcpy(want + 0x2d0, table, counts[i] * 20);
		assert_page_equal((const uint8_t *)&bp, want);
		assert_int_equal(ext_buf[0], 0x77); /* not needed: not touched */
	}
}

static void test_e820_extension_beyond_128(void **state)
{
	struct setup_data *ext = (struct setup_data *)ext_buf;
	struct setup_data other = { 0 };

	(void)state;
	fill_table();
	memset(&bp, 0, sizeof(bp));
	bootparams_add_setup_data(&bp, &other, 0x9000); /* e.g. an RNG seed */
	bootparams_set_e820(&bp, table, 300, ext, 0x7000);
	assert_int_equal(bp.e820_entries, 128);
	assert_memory_equal(bp.e820_table, table, 128 * 20);
	assert_memory_equal((uint8_t *)&bp + 0x2d0, table, 128 * 20);
	assert_int_equal(bp.hdr.setup_data, 0x7000);
	assert_int_equal(ext->next, 0x9000);
	assert_int_equal(ext->type, SETUP_E820_EXT);
	assert_int_equal(ext->len, 172 * 20);
	assert_memory_equal(ext->data, &table[128], 172 * 20);
	/* A retried exit sets it again: the chain must not loop onto itself. */
	bootparams_set_e820(&bp, table, 129, ext, 0x7000);
	assert_int_equal(bp.hdr.setup_data, 0x7000);
	assert_int_equal(ext->next, 0x9000);
	assert_int_equal(ext->len, 20);
	/*
	 * A retry whose final map fits in the page: the node from the first try
	 * must not stay chained, or the kernel appends its stale entries.
	 */
	bootparams_set_e820(&bp, table, 128, ext, 0x7000);
	assert_int_equal(bp.e820_entries, 128);
	assert_int_equal(bp.hdr.setup_data, 0x9000);
	/* And back above 128: chained once more, exactly once. */
	bootparams_set_e820(&bp, table, 130, ext, 0x7000);
	assert_int_equal(bp.hdr.setup_data, 0x7000);
	assert_int_equal(ext->next, 0x9000);
	assert_int_equal(ext->len, 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_copied_by_its_own_length),
		cmocka_unit_test(test_high_halves),
		cmocka_unit_test(test_kernel_alignment_is_the_one_used),
		cmocka_unit_test(test_cmdline_length),
		cmocka_unit_test(test_efi_info),
		cmocka_unit_test(test_setup_data_chain),
		cmocka_unit_test(test_e820_in_the_page),
		cmocka_unit_test(test_e820_extension_beyond_128),
	};

	return cmocka_run_group_tests_name("bootparams", tests, NULL, NULL);
}
