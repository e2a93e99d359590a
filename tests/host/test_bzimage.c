/* SPDX-License-Identifier: MIT */
/* bzImage header parsing: one mutated field per case, one exact status each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bootparam.h"
#include "bzimage.h"
#include "status_name.h"

#define SETUP_SECTS 4
#define FILE_SIZE   ((SETUP_SECTS + 1) * 512 + 100000)

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
	h->jump = 0x6aeb; /* jmp to 0x26c: header is 0x6a bytes past 0x202 */
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

static struct diag diag;

static int parse(uint64_t file_size, struct bzimage_info *bz)
{
	memset(&diag, 0, sizeof(diag));
	return bzimage_parse(image, sizeof(image), file_size, bz, &diag);
}

/* As the loader calls it for a file shorter than BZIMAGE_HEAD_BYTES. */
static int parse_short(uint64_t file_size, struct bzimage_info *bz)
{
	memset(&diag, 0, sizeof(diag));
	return bzimage_parse(image, file_size, file_size, bz, &diag);
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
	assert_int_equal(bz.version, 0x020f);
	assert_int_equal(bz.xloadflags, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G);
	assert_int_equal(bz.initrd_addr_max, 0x7fffffff);
}

/* Every field read from its own offset: distinct values everywhere. */
static void test_fields_from_their_offsets(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->setup_sects = 7;
	hdr()->version = 0x020c; /* the oldest accepted */
	hdr()->jump = 0xffeb;	 /* the longest header a jump byte allows */
	hdr()->kernel_alignment = 0x1000000;
	hdr()->min_alignment = 13;
	hdr()->xloadflags = XLF_KERNEL_64 | XLF_5LEVEL;
	hdr()->cmdline_size = 0x12345;
	hdr()->initrd_addr_max = 0x37ffffff;
	hdr()->pref_address = 0x123456789000ull;
	hdr()->init_size = 0xfffff000; /* huge is the planner's problem, not the parser's */
	hdr()->syssize = 0;	       /* 0 on old kernels: no claim to check */
	assert_int_equal(parse(8 * 512 + 0x1000, &bz), CL_OK);
	assert_int_equal(bz.version, 0x020c);
	assert_int_equal(bz.setup_size, 8 * 512);
	assert_int_equal(bz.payload_size, 0x1000);
	assert_int_equal(bz.header_end, 0x301);
	assert_int_equal(bz.kernel_alignment, 0x1000000);
	assert_int_equal(bz.min_alignment, 0x2000);
	assert_int_equal(bz.xloadflags, XLF_KERNEL_64 | XLF_5LEVEL);
	assert_int_equal(bz.cmdline_size, 0x12345);
	assert_int_equal(bz.initrd_addr_max, 0x37ffffff);
	assert_int_equal(bz.pref_address, 0x123456789000ull);
	assert_int_equal(bz.init_size, 0xfffff000);
}

/* The messages the README promises, with their numbers. */
static void test_messages(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->syssize = 200000 / 16;
	assert_int_equal(parse(FILE_SIZE, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "file is 102560 bytes, but its header says 202560");
	valid();
	hdr()->version = 0x020b;
	assert_int_equal(parse(FILE_SIZE, &bz), CL_E_KERNEL_PROTOCOL);
	assert_string_equal(diag.msg, "boot protocol 2.11 is older than 2.12, no xloadflags");
	valid();
	hdr()->header = 0;
	assert_int_equal(parse(FILE_SIZE, &bz), CL_E_KERNEL_NO_HDRS);
	assert_string_equal(diag.msg, "not a Linux bzImage: no \"HdrS\" magic at offset 0x202");
}

/* Files shorter than the header, read as the loader reads them. */
static void test_short_files(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	assert_int_equal(parse_short(0, &bz), CL_E_KERNEL_TOO_SMALL);
	assert_int_equal(parse_short(0x263, &bz), CL_E_KERNEL_TOO_SMALL);
	/* 0x264 bytes hold init_size, but the header says it runs to 0x26c. */
	assert_int_equal(parse_short(0x264, &bz), CL_E_KERNEL_TRUNCATED);
	assert_int_equal(parse_short(0x26b, &bz), CL_E_KERNEL_TRUNCATED);
	/* The whole header, but the setup sectors it claims are missing. */
	assert_int_equal(parse_short(0x26c, &bz), CL_E_KERNEL_TRUNCATED);
	/* A file bigger than the head the caller read is fine. */
	assert_int_equal(bzimage_parse(image, 0x26c, FILE_SIZE, &bz, &diag), CL_OK);
}

/*
 * Parses the first `head_len` bytes of image[] as the head of a file of
 * `file_size` bytes, from a buffer of exactly head_len bytes: a read past the
 * head is a heap overflow under AddressSanitizer, not a look at bytes the
 * caller never read.
 */
static int parse_head(size_t head_len, uint64_t file_size, struct bzimage_info *bz)
{
	uint8_t *head = malloc(head_len ? head_len : 1);
	int rc;

	assert_non_null(head);
	memcpy(head, image, head_len);
	memset(&diag, 0, sizeof(diag));
	rc = bzimage_parse(head, head_len, file_size, bz, &diag);
	free(head);
	return rc;
}

/*
 * A head shorter than the file: the parser may judge only the bytes it was
 * given, however long the file goes on.
 */
static void test_head_shorter_than_the_file(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	/* The whole setup header (to 0x26c) and not one byte more: enough. */
	assert_int_equal(parse_head(0x26c, FILE_SIZE, &bz), CL_OK);
	assert_int_equal(bz.header_end, 0x26c);
	assert_int_equal(bz.payload_size, 100000);
	/* One byte short of the header's own length: refused, though the file has it. */
	assert_int_equal(parse_head(0x26b, FILE_SIZE, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "setup header ends at 620, past the 619 bytes read");
	/* Every field read (to init_size) is there, the rest of the header is not. */
	assert_int_equal(parse_head(0x264, FILE_SIZE, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "setup header ends at 620, past the 612 bytes read");
	/* Shorter than the fields read: refused before any of them is read. */
	assert_int_equal(parse_head(0x263, FILE_SIZE, &bz), CL_E_KERNEL_TOO_SMALL);
	assert_int_equal(parse_head(0x1ff, FILE_SIZE, &bz), CL_E_KERNEL_TOO_SMALL);
	assert_int_equal(parse_head(0x100, FILE_SIZE, &bz), CL_E_KERNEL_TOO_SMALL);
	assert_int_equal(parse_head(0, FILE_SIZE, &bz), CL_E_KERNEL_TOO_SMALL);
}

/* A header whose length byte says it runs past the head: the length decides. */
static void test_header_longer_than_the_head(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->jump = 0xffeb; /* the longest header: to 0x301 */
	assert_int_equal(parse_head(0x300, FILE_SIZE, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "setup header ends at 769, past the 768 bytes read");
	assert_int_equal(parse_head(0x270, 1ull << 40, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "setup header ends at 769, past the 624 bytes read");
	assert_int_equal(parse_head(0x301, FILE_SIZE, &bz), CL_OK);
	assert_int_equal(bz.header_end, 0x301);
	/* The same head as the whole of a short file: it fails on the header, first. */
	assert_int_equal(parse_head(0x300, 0x300, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg, "setup header ends at 769, past the 768 bytes read");
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

static void no_boot_flag(void)
{
	hdr()->boot_flag = 0;
}
static void pe_only(void)
{
	hdr()->boot_flag = 0;
	image[0] = 'M';
	image[1] = 'Z';
}
static void no_hdrs(void)
{
	hdr()->header = 0x53726447;
}
static void old_protocol(void)
{
	hdr()->version = 0x020b;
}
static void no_64bit(void)
{
	hdr()->xloadflags = XLF_CAN_BE_LOADED_ABOVE_4G;
}
static void syssize_too_big(void)
{
	hdr()->syssize = 100001 / 16 + 1;
}
static void short_header(void)
{
	hdr()->jump = 0x50eb;
}
static void init_size_zero(void)
{
	hdr()->init_size = 0;
}
static void init_size_small(void)
{
	hdr()->init_size = 99999;
}
static void align_not_pow2(void)
{
	hdr()->kernel_alignment = 0x300000;
}
static void align_too_small(void)
{
	hdr()->kernel_alignment = 0x800;
}
static void min_align_above(void)
{
	hdr()->min_alignment = 22;
}
static void min_align_tiny(void)
{
	hdr()->min_alignment = 11;
}
static void pref_unaligned(void)
{
	hdr()->pref_address = 0x1000010;
}
static void nothing(void)
{
}
static void flag_swapped(void)
{
	hdr()->boot_flag = 0x55aa;
}
static void hdrs_lowercase(void)
{
	hdr()->header = 0x73726468;
}
static void protocol_2_12(void)
{
	hdr()->version = 0x020c;
}
static void protocol_zero(void)
{
	hdr()->version = 0;
}
static void protocol_3(void)
{
	hdr()->version = 0x0300;
}
static void no_xloadflags(void)
{
	hdr()->xloadflags = 0;
}
static void only_64bit(void)
{
	hdr()->xloadflags = XLF_KERNEL_64;
}
static void syssize_exact(void)
{
	hdr()->syssize = (100000 + 15) / 16 - 1;
}
static void syssize_one_over(void)
{
	hdr()->syssize = 100000 / 16 + 1;
}
static void syssize_max(void)
{
	hdr()->syssize = 0xffffffff;
}
static void setup_sects_max(void)
{
	hdr()->setup_sects = 255;
}
static void header_2_12_length(void)
{
	hdr()->jump = 0x62eb;
}
static void header_one_short(void)
{
	hdr()->jump = 0x61eb;
}
static void header_zero_jump(void)
{
	hdr()->jump = 0;
}
static void init_size_payload(void)
{
	hdr()->init_size = 100000;
}
static void init_size_max(void)
{
	hdr()->init_size = 0xffffffff;
}
static void align_zero(void)
{
	hdr()->kernel_alignment = 0;
}
static void align_4k(void)
{
	hdr()->kernel_alignment = 0x1000;
	hdr()->min_alignment = 12;
}
static void align_top_bit(void)
{
	hdr()->kernel_alignment = 0x80000000;
}
static void min_align_63(void)
{
	hdr()->min_alignment = 63;
}
static void min_align_64(void)
{
	hdr()->min_alignment = 64;
}
static void min_align_255(void)
{
	hdr()->min_alignment = 255;
}
static void pref_unaligned_fixed(void)
{
	hdr()->relocatable_kernel = 0;
	hdr()->pref_address = 0x1000800;
}
static void fixed_bad_alignment(void)
{
	hdr()->relocatable_kernel = 0;
	hdr()->kernel_alignment = 0;
	hdr()->min_alignment = 255;
}
static void relocatable_any_nonzero(void)
{
	hdr()->relocatable_kernel = 0x80;
}
static void cmdline_size_zero(void)
{
	hdr()->cmdline_size = 0;
}

static const struct mutation mutations[] = {
	{ "no boot flag", no_boot_flag, FILE_SIZE, CL_E_KERNEL_NO_BOOT_FLAG },
	{ "PE without setup header", pe_only, FILE_SIZE, CL_E_KERNEL_PE_ONLY },
	{ "no HdrS", no_hdrs, FILE_SIZE, CL_E_KERNEL_NO_HDRS },
	{ "protocol 2.11", old_protocol, FILE_SIZE, CL_E_KERNEL_PROTOCOL },
	{ "no XLF_KERNEL_64: the 32-bit entry alone", no_64bit, FILE_SIZE, CL_OK },
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
	{ "boot flag byte-swapped", flag_swapped, FILE_SIZE, CL_E_KERNEL_NO_BOOT_FLAG },
	{ "HdrS in the wrong case", hdrs_lowercase, FILE_SIZE, CL_E_KERNEL_NO_HDRS },
	{ "protocol 2.12 is enough", protocol_2_12, FILE_SIZE, CL_OK },
	{ "protocol 0", protocol_zero, FILE_SIZE, CL_E_KERNEL_PROTOCOL },
	{ "protocol 3.0", protocol_3, FILE_SIZE, CL_OK },
	{ "no xloadflags at all", no_xloadflags, FILE_SIZE, CL_OK },
	{ "XLF_KERNEL_64 alone", only_64bit, FILE_SIZE, CL_OK },
	{ "syssize rounds up to the file", syssize_exact, FILE_SIZE, CL_OK },
	{ "syssize one unit past the file", syssize_one_over, FILE_SIZE, CL_E_KERNEL_TRUNCATED },
	{ "syssize 2^32-1 units", syssize_max, FILE_SIZE, CL_E_KERNEL_TRUNCATED },
	{ "255 setup sectors, larger than the file", setup_sects_max, FILE_SIZE,
	  CL_E_KERNEL_TRUNCATED },
	{ "255 setup sectors in a file that has them", setup_sects_max, 256 * 512 + 100000, CL_OK },
	{ "header exactly as long as 2.12 needs", header_2_12_length, FILE_SIZE, CL_OK },
	{ "header one byte short of 2.12", header_one_short, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "header length byte 0", header_zero_jump, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "init_size exactly the payload", init_size_payload, FILE_SIZE, CL_OK },
	{ "init_size 4 GiB - 1", init_size_max, FILE_SIZE, CL_OK },
	{ "kernel_alignment 0", align_zero, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "kernel_alignment 4 KiB", align_4k, FILE_SIZE, CL_OK },
	{ "kernel_alignment 2 GiB", align_top_bit, FILE_SIZE, CL_OK },
	{ "min_alignment 2^63", min_align_63, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "min_alignment 2^64", min_align_64, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "min_alignment 2^255", min_align_255, FILE_SIZE, CL_E_KERNEL_BAD_HEADER },
	{ "non-relocatable pref_address unaligned", pref_unaligned_fixed, FILE_SIZE,
	  CL_E_KERNEL_BAD_HEADER },
	{ "non-relocatable ignores alignment fields", fixed_bad_alignment, FILE_SIZE, CL_OK },
	{ "relocatable_kernel is any non-zero byte", relocatable_any_nonzero, FILE_SIZE, CL_OK },
	{ "cmdline_size 0", cmdline_size_zero, FILE_SIZE, CL_OK },
	{ "file of exactly the setup", nothing, 5 * 512, CL_E_KERNEL_TRUNCATED },
	{ "payload ends at the 64-bit entry", nothing, 5 * 512 + 0x200, CL_E_KERNEL_TRUNCATED },
	{ "payload one byte past the 64-bit entry", nothing, 5 * 512 + 0x201, CL_OK },
	/* startup_32 is the payload's first byte: no 0x200 bytes needed. */
	{ "32-bit-only payload of 0x200 bytes", no_64bit, 5 * 512 + 0x200, CL_OK },
	{ "32-bit-only payload of one byte", no_64bit, 5 * 512 + 1, CL_OK },
	{ "32-bit-only file of exactly the setup", no_64bit, 5 * 512, CL_E_KERNEL_TRUNCATED },
};

static void test_mutations(void **state)
{
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
		struct bzimage_info bz;
		int rc;

		valid();
		hdr()->syssize = 0; /* cases about syssize set their own */
		mutations[i].mutate();
		rc = parse(mutations[i].file_size, &bz);
		if (rc != mutations[i].expect) {
			print_error("%s: got %s (%s), expected %s\n", mutations[i].name,
				    cl_status_name(rc), diag.msg,
				    cl_status_name(mutations[i].expect));
			failed++;
		}
		/* Every rejection explains itself. */
		if (rc && !diag.msg[0]) {
			print_error("%s: no message\n", mutations[i].name);
			failed++;
		}
	}
	if (failed)
		fail_msg("%zu of %zu cases failed", failed,
			 sizeof(mutations) / sizeof(mutations[0]));
}

/* A file that ends where its setup ends is refused for having no kernel. */
static void test_file_ending_at_its_setup(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->syssize = 0;
	assert_int_equal(parse(5 * 512, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg,
			    "file is 2560 bytes, but its 2560 setup bytes leave no kernel");
	hdr()->setup_sects = 0; /* 0 means 4: the same setup */
	assert_int_equal(parse(5 * 512, &bz), CL_E_KERNEL_TRUNCATED);
	assert_string_equal(diag.msg,
			    "file is 2560 bytes, but its 2560 setup bytes leave no kernel");
}

/* relocatable_kernel is a boolean byte: any non-zero value means relocatable. */
static void test_relocatable_is_any_nonzero_byte(void **state)
{
	static const uint8_t values[] = { 1, 2, 0x80, 0xff };
	struct bzimage_info bz;

	(void)state;
	for (size_t i = 0; i < sizeof(values); i++) {
		valid();
		hdr()->relocatable_kernel = values[i];
		assert_int_equal(parse(FILE_SIZE, &bz), CL_OK);
		assert_true(bz.relocatable);
		assert_int_equal(bz.min_alignment, 0x200000);
	}
}

static void test_non_relocatable_ignores_alignment(void **state)
{
	struct bzimage_info bz;

	(void)state;
	valid();
	hdr()->relocatable_kernel = 0;
	hdr()->kernel_alignment = 0x300000; /* ignored when not relocatable */
	assert_int_equal(parse(FILE_SIZE, &bz), CL_OK);
	assert_false(bz.relocatable);
	assert_int_equal(bz.pref_address, 0x1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_header),
		cmocka_unit_test(test_setup_sects_zero_means_four),
		cmocka_unit_test(test_fields_from_their_offsets),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_short_files),
		cmocka_unit_test(test_head_shorter_than_the_file),
		cmocka_unit_test(test_header_longer_than_the_head),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_non_relocatable_ignores_alignment),
		cmocka_unit_test(test_file_ending_at_its_setup),
		cmocka_unit_test(test_relocatable_is_any_nonzero_byte),
	};

	return cmocka_run_group_tests_name("bzimage", tests, NULL, NULL);
}
