/* SPDX-License-Identifier: MIT */
/*
 * Paths that name a file on the network.  A config or command-line path is
 * either a path on chainload's own volume or a URL:
 *   tftp://IPV4[:69]/FILE     FILE from that TFTP server (RFC 3617: the slash
 *                             after the host is not part of FILE)
 *   http://HOST[:PORT]/PATH   through the firmware's HTTP protocol
 *   https://HOST[:PORT]/PATH  the same, where the firmware has TLS
 * When chainload was booted over PXE its volume is the TFTP server, and a
 * plain path is a TFTP file name: relative to the boot file's directory,
 * or from the server's root when it starts with a separator.
 */
#ifndef CHAINLOAD_NETPATH_H
#define CHAINLOAD_NETPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define NETPATH_HOST_MAX 253 /* a DNS name's longest text form */

enum netpath_scheme {
	NETPATH_VOLUME, /* no scheme: a path on chainload's volume */
	NETPATH_TFTP,
	NETPATH_HTTP,
	NETPATH_HTTPS,
};

struct netpath {
	enum netpath_scheme scheme;
	char host[NETPATH_HOST_MAX + 1]; /* as written, "" for NETPATH_VOLUME */
	bool host_is_ipv4;
	uint8_t ipv4[4];   /* when host_is_ipv4 */
	uint16_t port;	   /* as written, else the scheme's: 69, 80, 443 */
	const char *path;  /* into the input: TFTP "dir/file", HTTP "/dir/file?q" */
	size_t origin_len; /* bytes of "scheme://host[:port]" */
};

/*
 * Splits `s`.  A string without "://" is a volume path (never an error).
 * Refused with CL_E_NET: an unknown scheme, an empty or malformed host, a
 * user name, an IPv6 literal, a bad port, no file after the host, a space
 * or control character, and for TFTP a host that is not an IPv4 address
 * (PXE has no name resolver) or a port other than 69 (nor a port option).
 */
int netpath_parse(const char *s, struct netpath *ret, struct diag *d);

/*
 * The TFTP file name of volume path `path` when the boot file was
 * `boot_file` (both '/' or '\' separated; the name uses '/'): relative
 * paths from the boot file's directory, absolute ones as they are.
 * CL_E_NET when it does not fit in out[0..cap) or `path` names no file.
 */
int netpath_tftp_name(const char *boot_file, const char *path, char *out, size_t cap,
		      struct diag *d);

#endif /* CHAINLOAD_NETPATH_H */
