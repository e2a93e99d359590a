/* SPDX-License-Identifier: MIT */
/*
 * Network paths (core/netpath.c): URLs a config may name, what is refused
 * and why, and the TFTP file names of volume paths on a PXE boot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netpath.h"

static void test_volume_paths(void **state)
{
	static const char *const paths[] = {
		"\\EFI\\linux\\vmlinuz", "/boot/vmlinuz", "vmlinuz", "c:/x", "a:b//c", ""
	};
	struct netpath np;

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(netpath_parse(paths[i], &np, NULL), CL_OK);
		assert_int_equal(np.scheme, NETPATH_VOLUME);
		assert_ptr_equal(np.path, paths[i]);
		assert_string_equal(np.host, "");
	}
}

static void test_urls(void **state)
{
	static const struct {
		const char *url;
		enum netpath_scheme scheme;
		const char *host;
		int ipv4; /* -1: not an IPv4 address, else its last byte */
		uint16_t port;
		const char *path;
		size_t origin_len;
	} cases[] = {
		/* RFC 3617: the slash after the host is not part of the file name. */
		{ "tftp://10.0.2.2/pxe/boot/vmlinuz", NETPATH_TFTP, "10.0.2.2", 2, 69,
		  "pxe/boot/vmlinuz", 15 },
		{ "TFTP://192.168.1.254:69/initrd.img", NETPATH_TFTP, "192.168.1.254", 254, 69,
		  "initrd.img", 23 },
		{ "tftp://0.0.0.0//abs", NETPATH_TFTP, "0.0.0.0", 0, 69, "/abs", 14 },
		{ "http://boot.example.org/k/vmlinuz", NETPATH_HTTP, "boot.example.org", -1, 80,
		  "/k/vmlinuz", 23 },
		{ "http://10.0.2.100:8080/a?x=1", NETPATH_HTTP, "10.0.2.100", 100, 8080, "/a?x=1",
		  22 },
		{ "Https://mirror-1.example:443/vmlinuz", NETPATH_HTTPS, "mirror-1.example", -1,
		  443, "/vmlinuz", 28 },
		{ "https://h/x", NETPATH_HTTPS, "h", -1, 443, "/x", 9 },
		{ "http://999.1.1.1/x", NETPATH_HTTP, "999.1.1.1", -1, 80, "/x", 16 },
	};
	struct netpath np;
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(netpath_parse(cases[i].url, &np, &d), CL_OK);
		assert_int_equal(np.scheme, cases[i].scheme);
		assert_string_equal(np.host, cases[i].host);
		assert_int_equal(np.host_is_ipv4, cases[i].ipv4 >= 0);
		if (cases[i].ipv4 >= 0)
			assert_int_equal(np.ipv4[3], cases[i].ipv4);
		assert_int_equal(np.port, cases[i].port);
		assert_string_equal(np.path, cases[i].path);
		assert_int_equal(np.origin_len, cases[i].origin_len);
	}
	assert_int_equal(netpath_parse("tftp://10.0.2.2/f", &np, NULL), CL_OK);
	assert_memory_equal(np.ipv4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
}

static void test_refused(void **state)
{
	static const struct {
		const char *url, *msg;
	} cases[] = {
		{ "ftp://10.0.2.2/x", "unknown scheme (tftp://, http:// and https:// are)" },
		{ "tftpx://10.0.2.2/x", "unknown scheme (tftp://, http:// and https:// are)" },
		{ "://x/y", "unknown scheme (tftp://, http:// and https:// are)" },
		{ "tftp://10.0.2.2", "no file after the host" },
		{ "tftp:///x", "no host after the scheme" },
		{ "http://:80/x", "no host after the scheme" },
		{ "tftp://10.0.2.2/", "the URL names a directory, not a file" },
		{ "http://h/dir/", "the URL names a directory, not a file" },
		{ "http://user@h/x", "a user name in the URL is not supported" },
		{ "http://[fe80::1]/x", "IPv6 addresses are not supported" },
		{ "http://h_x/x",
		  "the host has a character other than letters, digits, '-' and '.'" },
		{ "http://h:/x", "the port is not a number from 1 to 65535" },
		{ "http://h:0/x", "the port is not a number from 1 to 65535" },
		{ "http://h:65536/x", "the port is not a number from 1 to 65535" },
		{ "http://h:123456/x", "the port is not a number from 1 to 65535" },
		{ "http://h:8o/x", "the port is not a number from 1 to 65535" },
		{ "http://h/a b", "a space or control character at byte 10" },
		{ "http://h/a\tb", "a space or control character at byte 10" },
		{ "tftp://boot.example.org/x",
		  "a tftp:// host must be an IPv4 address: the firmware's PXE resolves no names" },
		{ "tftp://10.0.2/x",
		  "a tftp:// host must be an IPv4 address: the firmware's PXE resolves no names" },
		{ "tftp://10.0.2.256/x",
		  "a tftp:// host must be an IPv4 address: the firmware's PXE resolves no names" },
		{ "tftp://10.0.02.2/x",
		  "a tftp:// host must be an IPv4 address: the firmware's PXE resolves no names" },
		{ "tftp://10.0.2.2.1/x",
		  "a tftp:// host must be an IPv4 address: the firmware's PXE resolves no names" },
		{ "tftp://10.0.2.2:1069/x",
		  "a tftp:// port must be 69: the firmware's PXE asks no other" },
	};
	char long_host[300] = "http://";
	struct netpath np;
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(netpath_parse(cases[i].url, &np, &d), CL_E_NET);
		assert_string_equal(d.msg, cases[i].msg);
	}
	memset(long_host + 7, 'a', NETPATH_HOST_MAX + 1);
	strcpy(long_host + 7 + NETPATH_HOST_MAX + 1, "/x");
	assert_int_equal(netpath_parse(long_host, &np, &d), CL_E_NET);
	assert_string_equal(d.msg, "the host is longer than 253 characters");
	long_host[7 + NETPATH_HOST_MAX] = '/';
	assert_int_equal(netpath_parse(long_host, &np, &d), CL_OK);
	assert_int_equal(strlen(np.host), NETPATH_HOST_MAX);
}

static void test_tftp_names(void **state)
{
	static const struct {
		const char *boot_file, *path, *name;
	} cases[] = {
		{ "pxe/chainload.efi", "boot/vmlinuz", "pxe/boot/vmlinuz" },
		{ "pxe/chainload.efi", "boot\\vmlinuz", "pxe/boot/vmlinuz" },
		{ "pxe/chainload.efi", "/pxe/boot/initrd0.img", "/pxe/boot/initrd0.img" },
		{ "pxe/chainload.efi", "\\EFI\\linux\\vmlinuz", "/EFI/linux/vmlinuz" },
		{ "pxe\\x64\\chainload.efi", "chainload.conf", "pxe/x64/chainload.conf" },
		{ "/srv/chainload.efi", "vmlinuz", "/srv/vmlinuz" },
		{ "chainload.efi", "chainload.conf", "chainload.conf" },
		{ "", "vmlinuz", "vmlinuz" },
	};
	char out[64];
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
			netpath_tftp_name(cases[i].boot_file, cases[i].path, out, sizeof(out), &d),
			CL_OK);
		assert_string_equal(out, cases[i].name);
	}
	/* "pxe/boot/vmlinuz" and its NUL: 17 bytes. */
	assert_int_equal(netpath_tftp_name("pxe/c.efi", "boot/vmlinuz", out, 17, &d), CL_OK);
	assert_int_equal(netpath_tftp_name("pxe/c.efi", "boot/vmlinuz", out, 16, &d), CL_E_NET);
	assert_string_equal(d.msg, "the TFTP file name is longer than 15 bytes");
	assert_int_equal(netpath_tftp_name("pxe/c.efi", "", out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "names a directory, not a file");
	assert_int_equal(netpath_tftp_name("pxe/c.efi", "boot\\", out, sizeof(out), &d), CL_E_NET);
	assert_string_equal(d.msg, "names a directory, not a file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_volume_paths),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_tftp_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
