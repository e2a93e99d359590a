/* SPDX-License-Identifier: MIT */
/* bzImage header parsing: one mutated field per case, one exact status each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparam.h"
#include "bzimage.h"

#define SETUP_SECTS 4
#define FILE_SIZE ((SETUP_SECTS + 1) * 512 + 100000)

static uint8_t image[BZIMAGE_HEAD_BYTES];

static struct setup_header *hdr(void)
{
	return (struct setup_header *)(image + 0x1f1);
}

/* A valid 64-bit relocatable kernel header, protocol 2.15. */
static void valid(void)
{
	struct setup_header *h = hdr();

	memset(image, 0, sizeof(image));
	h->setup_sects = SETUP_SECTS;
	h->syssize = 100000 / 16;
	h->boot_flag = SETUP_BOOT_FLAG;
	h->jump = 0x6aeb;		/* jmp to 0x26c: header is 0x6a bytes past 0x202 */
	h->header = SETUP_HDRS_MAGIC;
	h->version = 0x020f;
	h->relocatable_kernel = 1;
	h->kernel_alignment = 0x200000;
	h->min_alignment = 21;
	h->xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
	h->cmdline_size = 2047;
	h->initrd_addr_max = 0x7fffffff;
	h->pref_address = 0x1000000;
	h->init_size = 0x400000;
}

static int parse(uint64_t file_size, struct bzimage_info *bz)
{
	struct diag d;

	return bzimage_parse(image, sizeof(image), file_size, bz, &d);
}

static void test_valid_header(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	assert_int_equal(parse(FILE_SIZE, &bz), CL_OK);
	assert_int_equal(bz.setup_size, 5 * 512);
	assert_int_equal(bz.payload_size, 100000);
	assert_int_equal(bz.header_end, 0x26c);
	assert_true(bz.relocatable);
	assert_int_equal(bz.kernel_alignment, 0x200000);
	assert_int_equal(bz.min_alignment, 0x200000);
	assert_int_equal(bz.init_size, 0x400000);
	assert_int_equal(bz.pref_address, 0x1000000);
	assert_int_equal(bz.cmdline_size, 2047);
}

static void test_setup_sects_zero_means_four(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->setup_sects = 0;
	assert_int_equal(parse(FILE_SIZE, &bz), CL_OK);
	assert_int_equal(bz.setup_size, 5 * 512);
}

struct mutation {
	const char *name;
	void (*mutate)(void);
	uint64_t file_size;
	int expect;
};

static void no_boot_flag(void) { hdr()->boot_flag = 0; }
static void pe_only(void) { hdr()->boot_flag = 0; image[0] = 'M'; image[1] = 'Z'; }
static void no_hdrs(void) { hdr()->header = 0x53726447; }
static void old_protocol(void) { hdr()->version = 0x020b; }
static void no_64bit(void) { hdr()->xloadflags = XLF_CAN_BE_LOADED_ABOVE_4G; }
static void syssize_too_big(void) { hdr()->syssize = 100001 / 16 + 1; }
static void short_header(void) { hdr()->jump = 0x50eb; }
static void init_size_zero(void) { hdr()->init_size = 0; }
static void init_size_small(void) { hdr()->init_size = 99999; }
static void align_not_pow2(void) { hdr()->kernel_alignment = 0x300000; }
static void align_too_small(void) { hdr()->kernel_alignment = 0x800; }
static void min_align_above(void) { hdr()->min_alignment = 22; }
static void min_align_tiny(void) { hdr()->min_alignment = 11; }
static void pref_unaligned(void) { hdr()->pref_address = 0x1000010; }
static void nothing(void) { }

static const struct mutation mutations[] = {
	{ "no boot flag", no_boot_flag, FILE_SIZE, CL_E_KERNEL_NO_BOOT_FLAG },
	{ "PE without setup header", pe_only, FILE_SIZE, CL_E_KERNEL_PE_ONLY },
	{ "no HdrS", no_hdrs, FILE_SIZE, CL_E_KERNEL_NO_HDRS },
	{ "protocol 2.11", old_protocol, FILE_SIZE, CL_E_KERNEL_PROTOCOL },
	{ "no XLF_KERNEL_64", no_64bit, FILE_SIZE, CL_E_KERNEL_NO_64BIT },
	{ "syssize past the end", syssize_too_big, FILE_SIZE, CL_E_KERNEL_TRUNCATED },
	{ "file ends in setup", nothing, 5 * 512, CL_E_KERNEL_TRUNCATED },
	{ "file ends before entry", nothing, 5 * 512 + 0x200, CL_E_KERNEL_TRUNCATED },
	{ "file too small", nothing, 0x200, CL_E_KERNEL_TOO_SMALL },
	{ "setup header too short", short_header, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "init_size 0", init_size_zero, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "init_size below payload", init_size_small, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "alignment not a power of 2", align_not_pow2, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "alignment below 4 KiB", align_too_small, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "min_alignment above alignment", min_align_above, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "min_alignment below 4 KiB", min_align_tiny, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "pref_address unaligned", pref_unaligned, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
};

static void test_mutations(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
		struct bzimage_info bz;
		int rc;

		valid();
		mutations[i].mutate();
		rc = parse(mutations[i].file_size, &bz);
		if (rc != mutations[i].expect)
			fail_msg("%s: got %s, expected %s", mutations[i].name,
				 cl_status_name(rc), cl_status_name(mutations[i].expect));
	}
}

static void test_non_relocatable_ignores_alignment(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->relocatable_kernel = 0;
	hdr()->kernel_alignment = 0x300000;	/* ignored when not relocatable */
	assert_int_equal(parse(FILE_SIZE, &bz), CL_OK);
	assert_false(bz.relocatable);
	assert_int_equal(bz.pref_address, 0x1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_header),
		cmocka_unit_test(test_setup_sects_zero_means_four),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_non_relocatable_ignores_alignment),
	};

	return cmocka_run_group_tests_name("bzimage", tests, NULL, NULL);
}
