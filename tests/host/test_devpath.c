/* SPDX-License-Identifier: MIT */
/*
 * Device-path walking (core/devpath.c) and GUID text (core/guid.c): what
 * chainload learns about its own location and its console from the firmware.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "devpath.h"
#include "guid.h"

struct builder {
	uint8_t buf[1024];
	size_t len;
};

static void node(struct builder *b, uint8_t type, uint8_t sub, const void *data, size_t n)
{
	b->buf[b->len] = type;
	b->buf[b->len + 1] = sub;
	b->buf[b->len + 2] = (uint8_t)(n + 4);
	b->buf[b->len + 3] = (uint8_t)((n + 4) >> 8);
	if (n)
		memcpy(b->buf + b->len + 4, data, n);
	b->len += n + 4;
}

static void file_node(struct builder *b, const char *s)
{
	uint8_t data[256];
	size_t n = 0;

	for (; *s; s++) {
		data[n++] = (uint8_t)*s;
		data[n++] = 0;
	}
	data[n++] = 0;
	data[n++] = 0;
	node(b, 4, 4, data, n);
}

static void end(struct builder *b, uint8_t sub)
{
	node(b, 0x7f, sub, NULL, 0);
}

/* The UTF-16 path as ASCII, for comparisons. */
static const char *file_path(const struct builder *b, size_t max, int *rc)
{
	static char ascii[128];
	uint16_t out[128];
	size_t len = 0;
	struct diag d;

	*rc = devpath_file_path(b->buf, max, out, 128, &len, &d);
	for (size_t i = 0; !*rc && i <= len; i++)
		ascii[i] = (char)out[i];
	return *rc ? "" : ascii;
}

static void test_file_path(void **state)
{
	const uint8_t pci[2] = { 0, 0x1f };
	struct builder b = { .len = 0 };
	int rc;

	(void)state;
	node(&b, 1, 1, pci, sizeof(pci));
	file_node(&b, "\\EFI\\chainload\\chainload.efi");
	end(&b, 0xff);
	assert_string_equal(file_path(&b, b.len, &rc), "\\EFI\\chainload\\chainload.efi");
	/* One node per component, with and without separators, and '/'. */
	b.len = 0;
	file_node(&b, "EFI");
	file_node(&b, "\\BOOT\\");
	file_node(&b, "/BOOTX64.EFI");
	end(&b, 0xff);
	assert_string_equal(file_path(&b, b.len, &rc), "\\EFI\\BOOT\\BOOTX64.EFI");
	/* Nodes after the end are not part of the path. */
	file_node(&b, "\\more");
	assert_string_equal(file_path(&b, b.len, &rc), "\\EFI\\BOOT\\BOOTX64.EFI");
	/* No file node at all. */
	b.len = 0;
	node(&b, 1, 1, pci, sizeof(pci));
	end(&b, 0xff);
	file_path(&b, b.len, &rc);
	assert_int_equal(rc, CL_E_USAGE);
}

static void test_malformed(void **state)
{
	struct builder b = { .len = 0 };
	uint16_t out[8];
	size_t len;
	int rc;

	(void)state;
	file_node(&b, "\\a");
	end(&b, 0xff);
	/* The bound cuts the walk: the node does not fit, nothing is read past it. */
	file_path(&b, 5, &rc);
	assert_int_equal(rc, CL_E_USAGE);
	/* A length below the header size stops the walk. */
	b.buf[2] = 3;
	file_path(&b, b.len, &rc);
	assert_int_equal(rc, CL_E_USAGE);
	/* A path longer than the output is refused. */
	b.len = 0;
	file_node(&b, "\\abcdefghijk");
	end(&b, 0xff);
	assert_int_equal(devpath_file_path(b.buf, b.len, out, 8, &len, NULL), CL_E_TOO_MANY);
	/* Without an end node the bound ends the walk. */
	b.len = 0;
	file_node(&b, "\\x");
	assert_string_equal(file_path(&b, b.len, &rc), "\\x");
}

static void test_gpt(void **state)
{
	uint8_t hd[38] = { 0 };
	uint8_t guid[16];
	struct builder b = { .len = 0 };
	char text[GUID_TEXT_LEN + 1];

	(void)state;
	hd[0] = 1; /* partition number */
	for (int i = 0; i < 16; i++)
		hd[20 + i] = (uint8_t)(0xa0 + i);
	hd[36] = 2; /* GPT */
	hd[37] = 2; /* GUID signature */
	node(&b, 4, 1, hd, sizeof(hd));
	file_node(&b, "\\x");
	end(&b, 0xff);
	assert_true(devpath_gpt_partition(b.buf, b.len, guid));
	guid_format(guid, text);
	assert_string_equal(text, "A3A2A1A0-A5A4-A7A6-A8A9-AAABACADAEAF");
	/* MBR signature: no GUID. */
	b.buf[4 + 37] = 1;
	assert_false(devpath_gpt_partition(b.buf, b.len, guid));
	/* A node too short for its fields is skipped. */
	b.len = 0;
	node(&b, 4, 1, hd, 20);
	end(&b, 0xff);
	assert_false(devpath_gpt_partition(b.buf, b.len, guid));
}

/* Two partitions are on one disk when the nodes before their hard-drive nodes agree. */
static void test_disk_prefix(void **state)
{
	static const uint8_t pci[2] = { 0, 3 }, virtio[4] = { 1, 0, 0, 0 };
	uint8_t hd[38] = { 0 };
	struct builder b = { .len = 0 };

	(void)state;
	node(&b, 2, 1, "\xd0\x41\x03\x0a\0\0\0\0", 8); /* ACPI PciRoot(0) */
	node(&b, 1, 1, pci, sizeof(pci));	       /* Pci(0x3,0x0) */
	node(&b, 3, 0x12, virtio, sizeof(virtio));
	node(&b, 4, 1, hd, sizeof(hd));
	end(&b, 0xff);
	assert_int_equal(devpath_disk_prefix(b.buf, b.len), 12 + 6 + 8);
	/* No hard-drive node: a whole disk, or a network device. */
	b.len = 12 + 6;
	end(&b, 0xff);
	assert_int_equal(devpath_disk_prefix(b.buf, b.len), 0);
	/* At the very start: an empty prefix, which tells nothing either. */
	b.len = 0;
	node(&b, 4, 1, hd, sizeof(hd));
	end(&b, 0xff);
	assert_int_equal(devpath_disk_prefix(b.buf, b.len), 0);
	/* Malformed before it. */
	b.buf[2] = 2;
	assert_int_equal(devpath_disk_prefix(b.buf, b.len), 0);
}

static void test_guid(void **state)
{
	/* edk2's auto-created boot option GUID, in memory order. */
	const uint8_t g[16] = { 0x4e, 0xac, 0x08, 0x81, 0x11, 0x9f, 0x59, 0x4d,
				0x85, 0x0e, 0xe2, 0x1a, 0x52, 0x2c, 0x59, 0xb2 };
	char text[GUID_TEXT_LEN + 1];

	(void)state;
	guid_format(g, text);
	assert_string_equal(text, "8108AC4E-9F11-4D59-850E-E21A522C59B2");
}

static void test_serial(void **state)
{
	const uint8_t uart[15] = { 0 };
	const uint8_t pci[2] = { 0, 0x1f };
	struct builder b = { .len = 0 };

	(void)state;
	/* Serial only: one instance with a UART node. */
	node(&b, 1, 1, pci, sizeof(pci));
	node(&b, 3, 14, uart, sizeof(uart));
	end(&b, 0xff);
	assert_true(devpath_all_serial(b.buf, b.len));
	/* Serial and a screen: not serial only. */
	b.len = 0;
	node(&b, 1, 1, pci, sizeof(pci));
	node(&b, 3, 14, uart, sizeof(uart));
	end(&b, 0x01);
	node(&b, 1, 1, pci, sizeof(pci));
	end(&b, 0xff);
	assert_false(devpath_all_serial(b.buf, b.len));
	/* Two serial ports. */
	b.len = 0;
	node(&b, 3, 14, uart, sizeof(uart));
	end(&b, 0x01);
	node(&b, 3, 14, uart, sizeof(uart));
	end(&b, 0xff);
	assert_true(devpath_all_serial(b.buf, b.len));
	/* Empty, or cut short: not known to be serial. */
	assert_false(devpath_all_serial(b.buf, 0));
	assert_false(devpath_all_serial(b.buf, b.len - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_path), cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_gpt),	  cmocka_unit_test(test_guid),
		cmocka_unit_test(test_serial),	  cmocka_unit_test(test_disk_prefix),
	};

	return cmocka_run_group_tests_name("devpath", tests, NULL, NULL);
}
