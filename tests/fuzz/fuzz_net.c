/* SPDX-License-Identifier: MIT */
/*
 * What a network boot parses (core/netpath.c, core/dhcp.c) over arbitrary
 * bytes.  The first byte chooses: even, the rest is a path or URL, and
 * also a boot file, a NUL and a volume path; odd, the rest is a DHCP reply
 * and the byte's upper bits bound the name's buffer.  A parsed URL's parts
 * lie inside it and put it back together; a TFTP host is a dotted quad
 * that prints as written; a TFTP name has only '/' separators and ends with
 * the path it came from; a boot file name is non-empty text that fits.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"
#include "fuzz.h"
#include "netpath.h"

static void check_url(const char *s)
{
	struct netpath np;
	char quad[16];
	size_t path_len;

	if (netpath_parse(s, &np, NULL))
		return;
	if (np.scheme == NETPATH_VOLUME) {
		CHECK(np.path == s && !np.host[0], "\"%s\": a volume path", s);
		return;
	}
	path_len = strlen(np.path);
	CHECK(np.host[0] && strlen(np.host) <= NETPATH_HOST_MAX, "\"%s\": host", s);
	CHECK(strstr(s, np.host) && np.port, "\"%s\": host or port", s);
	CHECK(path_len && np.path[path_len - 1] != '/', "\"%s\": names a file", s);
	CHECK(s[np.origin_len] == '/' && np.path == s + np.origin_len + (np.scheme == NETPATH_TFTP),
	      "\"%s\": the path follows the origin", s);
	if (np.scheme == NETPATH_TFTP) {
		CHECK(np.host_is_ipv4, "\"%s\": a TFTP host is an address", s);
		snprintf(quad, sizeof(quad), "%u.%u.%u.%u", np.ipv4[0], np.ipv4[1], np.ipv4[2],
			 np.ipv4[3]);
		CHECK(!strcmp(quad, np.host), "\"%s\": %s is not %s", s, quad, np.host);
	}
}

static void check_tftp_name(const char *boot_file, const char *path)
{
	char out[128];
	size_t n, path_len = strlen(path);

	if (netpath_tftp_name(boot_file, path, out, sizeof(out), NULL))
		return;
	n = strlen(out);
	CHECK(n >= path_len && !strchr(out, '\\'), "\"%s\" + \"%s\" -> \"%s\"", boot_file, path,
	      out);
	for (size_t i = 0; i < path_len; i++) {
		char c = path[i] == '\\' ? '/' : path[i];

		CHECK(out[n - path_len + i] == c, "\"%s\" + \"%s\" -> \"%s\"", boot_file, path,
		      out);
	}
	if (path[0] == '/' || path[0] == '\\')
		CHECK(n == path_len, "absolute \"%s\" -> \"%s\"", path, out);
}

static void check_dhcp(const uint8_t *pkt, size_t len, size_t cap)
{
	char out[300];

	memset(out, 0x55, sizeof(out));
	if (dhcp_boot_file(pkt, len, out, cap, NULL))
		return;
	CHECK(cap && strlen(out) > 0 && strlen(out) < cap, "a name of %zu bytes in %zu",
	      strlen(out), cap);
	CHECK((unsigned char)out[cap] == 0x55 || cap == sizeof(out), "wrote past %zu", cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	const char *second;

	if (!size)
		return 0;
	if (data[0] & 1) {
		check_dhcp(data + 1, size - 1, (size_t)(data[0] >> 1) * 2);
		return 0;
	}
	text = malloc(size + 1);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = text[size] = 0;
	check_url(text);
	second = text + strlen(text) + 1;
	if (second > text + size - 1)
		second = text + size;
	check_tftp_name(text, second);
	free(text);
	return 0;
}
