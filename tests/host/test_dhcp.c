/* SPDX-License-Identifier: MIT */
/*
 * The boot file of a DHCP reply (core/dhcp.c): the BOOTP 'file' field,
 * option 67 over it, split option 67 (RFC 3396), option 52 overloading the
 * field, and replies that are cut short or name nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dhcp.h"

/* A reply as the firmware keeps it: EFI_PXE_BASE_CODE_PACKET is 1472 bytes. */
static uint8_t pkt[1472];
static size_t opt_end;

static void reply(const char *file)
{
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 2; /* BOOTREPLY */
	pkt[DHCP_SIADDR_OFFSET] = 10;
	pkt[DHCP_SIADDR_OFFSET + 3] = 2;
	strncpy((char *)pkt + DHCP_FILE_OFFSET, file, DHCP_FILE_LEN);
	memcpy(pkt + DHCP_MAGIC_OFFSET, "\x63\x82\x53\x63", 4);
	opt_end = DHCP_OPTIONS;
	pkt[opt_end] = 255;
}

static void option(uint8_t code, const void *data, uint8_t len)
{
	pkt[opt_end] = code;
	pkt[opt_end + 1] = len;
	memcpy(pkt + opt_end + 2, data, len);
	opt_end += 2u + len;
	pkt[opt_end] = 255;
}

static const char *boot_file(void)
{
	static char out[256];
	struct diag d;

	if (dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d))
		return NULL;
	return out;
}

static void test_file_field(void **state)
{
	(void)state;
	reply("pxe/chainload.efi");
	assert_string_equal(boot_file(), "pxe/chainload.efi");
	/* Pads, and options other than 67, are passed over. */
	pkt[opt_end++] = 0;
	option(1, "\xff\xff\xff\x00", 4);
	option(66, "10.0.2.2", 8);
	assert_string_equal(boot_file(), "pxe/chainload.efi");
	/* All 128 bytes, no NUL: the name still ends there. */
	memset(pkt + DHCP_FILE_OFFSET, 'a', DHCP_FILE_LEN);
	assert_int_equal(strlen(boot_file()), DHCP_FILE_LEN);
}

static void test_option_67(void **state)
{
	static const char part1[] = "pxe/x64/", part2[] = "chainload.efi";
	(void)state;
	reply("from-the-field.efi");
	option(67, "pxe/chainload.efi", 17);
	assert_string_equal(boot_file(), "pxe/chainload.efi");
	/* With its NUL, as some servers send it. */
	reply("");
	option(67, "pxe/c.efi\0", 10);
	assert_string_equal(boot_file(), "pxe/c.efi");
	/* RFC 3396: a long option split into pieces is their concatenation. */
	reply("");
	option(67, part1, sizeof(part1) - 1);
	option(12, "host", 4);
	option(67, part2, sizeof(part2) - 1);
	assert_string_equal(boot_file(), "pxe/x64/chainload.efi");
}

static void test_overload(void **state)
{
	(void)state;
	/* Option 52 = 1: the 'file' field holds options, not a name. */
	reply("");
	option(52, "\x01", 1);
	memcpy(pkt + DHCP_FILE_OFFSET,
	       "\x43\x07"
	       "boot.nb"
	       "\xff",
	       10);
	assert_string_equal(boot_file(), "boot.nb");
	/* ... and when it holds no option 67 there is no name at all. */
	reply("");
	option(52, "\x03", 1);
	memcpy(pkt + DHCP_FILE_OFFSET, "\x0c\x01x\xff", 4);
	assert_null(boot_file());
	/* Option 52 = 2 overloads only 'sname': the field is still the name. */
	reply("field.efi");
	option(52, "\x02", 1);
	assert_string_equal(boot_file(), "field.efi");
}

static void test_refused(void **state)
{
	char out[16];
	struct diag d;

	(void)state;
	reply("");
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "the DHCP reply names no boot file");
	assert_int_equal(dhcp_boot_file(pkt, DHCP_OPTIONS - 1, out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "the DHCP reply is 239 bytes, shorter than its header");
	/* An option whose length runs past the end of the packet. */
	reply("x.efi");
	pkt[sizeof(pkt) - 2] = 67;
	pkt[sizeof(pkt) - 1] = 4;
	memset(pkt + DHCP_OPTIONS, 0, sizeof(pkt) - DHCP_OPTIONS - 2);
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "DHCP option 67 runs past the packet");
	reply("x.efi");
	pkt[sizeof(pkt) - 1] = 67;
	memset(pkt + DHCP_OPTIONS, 0, sizeof(pkt) - DHCP_OPTIONS - 1);
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_E_NET);
	/* Names that do not fit: "0123456789abcdef" needs 17 bytes. */
	reply("0123456789abcdef");
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "the boot file name is longer than 15 bytes");
	reply("");
	option(67, "0123456789abcdef", 16);
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "the boot file name is longer than 15 bytes");
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, 0, &d), CL_E_NET);
	/* Without the DHCP magic cookie it is plain BOOTP: the field only. */
	reply("bootp.efi");
	option(67, "ignored.efi", 11);
	memset(pkt + DHCP_MAGIC_OFFSET, 0, 4);
	assert_int_equal(dhcp_boot_file(pkt, sizeof(pkt), out, sizeof(out), &d), CL_OK);
	assert_string_equal(out, "bootp.efi");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_field),
		cmocka_unit_test(test_option_67),
		cmocka_unit_test(test_overload),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
