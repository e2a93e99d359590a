/* SPDX-License-Identifier: MIT */
#include "netpath.h"

#include <string.h>

static const struct {
	const char *name; /* lower case, with "://" */
	enum netpath_scheme scheme;
	uint16_t port;
} schemes[] = {
	{ "tftp://", NETPATH_TFTP, 69 },
	{ "http://", NETPATH_HTTP, 80 },
	{ "https://", NETPATH_HTTPS, 443 },
};

static char lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Letters, digits, '-' and '.': what a DNS name or a dotted quad holds. */
static bool is_host_char(char c)
{
	return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') || c == '-' || c == '.';
}

/* "a.b.c.d", each 0-255 without leading zeros (which some read as octal). */
static bool parse_ipv4(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, digits = 0;

		for (; is_digit(*s); s++, digits++) {
			v = v * 10 + (unsigned)(*s - '0');
			if (v > 255 || (digits == 1 && v < 10 && s[-1] == '0'))
				return false;
		}
		if (!digits || *s != (i < 3 ? '.' : '\0'))
			return false;
		out[i] = (uint8_t)v;
		s += i < 3;
	}
	return true;
}

/* The scheme `s` starts with, matched without case; NULL when unknown. */
static int find_scheme(const char *s, size_t scheme_len)
{
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i].name);

		if (n != scheme_len)
			continue;
		for (size_t j = 0; j < n && lower(s[j]) == schemes[i].name[j]; j++)
			if (j + 1 == n)
				return (int)i;
	}
	return -1;
}

static int parse_port(const char *s, size_t len, uint16_t *ret, struct diag *d)
{
	unsigned v = 0;

	if (!len || len > 5)
		return diag_set(d, CL_E_NET, "the port is not a number from 1 to 65535");
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return diag_set(d, CL_E_NET, "the port is not a number from 1 to 65535");
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (!v || v > 65535)
		return diag_set(d, CL_E_NET, "the port is not a number from 1 to 65535");
	*ret = (uint16_t)v;
	return CL_OK;
}

/* "host[:port]" of s[0..len) into ret. */
static int parse_authority(const char *s, size_t len, struct netpath *ret, struct diag *d)
{
	size_t host_len = 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '@')
			return diag_set(d, CL_E_NET, "a user name in the URL is not supported");
	if (len && s[0] == '[')
		return diag_set(d, CL_E_NET, "IPv6 addresses are not supported");
	while (host_len < len && s[host_len] != ':') {
		if (!is_host_char(s[host_len]))
			return diag_set(d, CL_E_NET,
					"the host has a character other than "
					"letters, digits, '-' and '.'");
		host_len++;
	}
	if (!host_len)
		return diag_set(d, CL_E_NET, "no host after the scheme");
	if (host_len > NETPATH_HOST_MAX)
		return diag_set(d, CL_E_NET, "the host is longer than %u characters",
				(unsigned)NETPATH_HOST_MAX);
	memcpy(ret->host, s, host_len);
	ret->host[host_len] = '\0';
	ret->host_is_ipv4 = parse_ipv4(ret->host, ret->ipv4);
	if (host_len < len)
		return parse_port(s + host_len + 1, len - host_len - 1, &ret->port, d);
	return CL_OK;
}

/* The first "://" in s, or NULL. */
static const char *scheme_end(const char *s)
{
	for (; *s; s++)
		if (s[0] == ':' && s[1] == '/' && s[2] == '/')
			return s;
	return NULL;
}

int netpath_parse(const char *s, struct netpath *ret, struct diag *d)
{
	const char *sep = scheme_end(s), *auth, *slash;
	int i;

	memset(ret, 0, sizeof(*ret));
	ret->path = s;
	if (!sep)
		return CL_OK;
	i = find_scheme(s, (size_t)(sep - s) + 3);
	if (i < 0)
		return diag_set(d, CL_E_NET, "unknown scheme (tftp://, http:// and https:// are)");
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return diag_set(d, CL_E_NET, "a space or control character at byte %u",
					(unsigned)(p - s));
	ret->scheme = schemes[i].scheme;
	ret->port = schemes[i].port;
	auth = sep + 3;
	slash = strchr(auth, '/');
	if (!slash)
		return diag_set(d, CL_E_NET, "no file after the host");
	i = parse_authority(auth, (size_t)(slash - auth), ret, d);
	if (i)
		return i;
	ret->origin_len = (size_t)(slash - s);
	ret->path = ret->scheme == NETPATH_TFTP ? slash + 1 : slash;
	if (!slash[1] || slash[strlen(slash) - 1] == '/')
		return diag_set(d, CL_E_NET, "the URL names a directory, not a file");
	if (ret->scheme == NETPATH_TFTP && !ret->host_is_ipv4)
		return diag_set(d, CL_E_NET,
				"a tftp:// host must be an IPv4 address: "
				"the firmware's PXE resolves no names");
	if (ret->scheme == NETPATH_TFTP && ret->port != 69)
		return diag_set(d, CL_E_NET,
				"a tftp:// port must be 69: the firmware's PXE "
				"asks no other");
	return CL_OK;
}

static bool is_sep(char c)
{
	return c == '/' || c == '\\';
}

/* TFTP names use '/' only. */
static char tftp_char(char c)
{
	if (is_sep(c))
		return '/';
	return c;
}

int netpath_tftp_name(const char *boot_file, const char *path, char *out, size_t cap,
		      struct diag *d)
{
	size_t dir_len = 0, n = 0, path_len = strlen(path);

	if (!path_len || is_sep(path[path_len - 1]))
		return diag_set(d, CL_E_NET, "names a directory, not a file");
	if (!is_sep(path[0]))
		for (size_t i = 0; boot_file[i]; i++)
			if (is_sep(boot_file[i]))
				dir_len = i + 1;
	if (dir_len + path_len + 1 > cap)
		return diag_set(d, CL_E_NET, "the TFTP file name is longer than %u bytes",
				(unsigned)(cap - 1));
	for (size_t i = 0; i < dir_len; i++)
		out[n++] = tftp_char(boot_file[i]);
	for (size_t i = 0; i < path_len; i++)
		out[n++] = tftp_char(path[i]);
	out[n] = '\0';
	return CL_OK;
}
