/* SPDX-License-Identifier: MIT */
/*
 * What a DHCPv4 (BOOTP) reply says about network boot: the boot file's
 * name (RFC 2132 option 67, else the BOOTP 'file' field) and the server
 * to fetch it from ('siaddr').  The firmware's PXE Base Code keeps the
 * replies it received; chainload reads its own name from them.
 */
#ifndef CHAINLOAD_DHCP_H
#define CHAINLOAD_DHCP_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define DHCP_SIADDR_OFFSET 20
#define DHCP_FILE_OFFSET   108
#define DHCP_FILE_LEN	   128
#define DHCP_MAGIC_OFFSET  236
#define DHCP_OPTIONS	   240

/*
 * The boot file `pkt` (len bytes) names, NUL-terminated in out[0..cap):
 * option 67 (its pieces joined, RFC 3396) from the options, or from the
 * 'file' field when option 52 overloads it; else the 'file' field's text.
 * CL_E_NET when there is none, it does not fit, or the options run past
 * the packet.
 */
int dhcp_boot_file(const uint8_t *pkt, size_t len, char *out, size_t cap, struct diag *d);

#endif /* CHAINLOAD_DHCP_H */
