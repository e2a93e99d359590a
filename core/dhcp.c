/* SPDX-License-Identifier: MIT */
#include "dhcp.h"

#include <stdbool.h>

#define OPT_PAD	      0
#define OPT_OVERLOAD  52
#define OPT_BOOTFILE  67
#define OPT_END	      255
#define OVERLOAD_FILE 1
#define DHCP_MAGIC    0x63825363u

struct found {
	char *out;
	size_t cap, len;
	bool any;	  /* an option 67 was seen */
	uint8_t overload; /* option 52's value */
};

/* Walks the options in p[0..len): joins option 67's pieces, notes option 52. */
static int walk(const uint8_t *p, size_t len, struct found *f, struct diag *d)
{
	size_t i = 0;

	while (i < len && p[i] != OPT_END) {
		size_t n;

		if (p[i] == OPT_PAD) {
			i++;
			continue;
		}
		if (i + 1 >= len || i + 2 + p[i + 1] > len)
			return diag_set(d, CL_E_NET, "DHCP option %u runs past the packet",
					(unsigned)p[i]);
		n = p[i + 1];
		if (p[i] == OPT_OVERLOAD && n >= 1)
			f->overload = p[i + 2];
		if (p[i] == OPT_BOOTFILE) {
			if (f->len + n + 1 > f->cap)
				return diag_set(d, CL_E_NET,
						"the boot file name is longer than %u "
						"bytes",
						(unsigned)(f->cap - 1));
			for (size_t j = 0; j < n; j++)
				f->out[f->len++] = (char)p[i + 2 + j];
			f->any = true;
		}
		i += 2 + n;
	}
	return CL_OK;
}

/* The 'file' field as text: up to its first NUL. */
static int file_field(const uint8_t *pkt, struct found *f, struct diag *d)
{
	size_t n = 0;

	while (n < DHCP_FILE_LEN && pkt[DHCP_FILE_OFFSET + n])
		n++;
	if (n + 1 > f->cap)
		return diag_set(d, CL_E_NET, "the boot file name is longer than %u bytes",
				(unsigned)(f->cap - 1));
	for (size_t j = 0; j < n; j++)
		f->out[j] = (char)pkt[DHCP_FILE_OFFSET + j];
	f->len = n;
	return CL_OK;
}

int dhcp_boot_file(const uint8_t *pkt, size_t len, char *out, size_t cap, struct diag *d)
{
	struct found f = { .out = out, .cap = cap };
	uint32_t magic;
	int rc;

	if (!cap)
		return diag_set(d, CL_E_NET, "no room for the boot file name");
	out[0] = '\0';
	if (len < DHCP_OPTIONS)
		return diag_set(d, CL_E_NET, "the DHCP reply is %u bytes, shorter than its header",
				(unsigned)len);
	magic = (uint32_t)pkt[DHCP_MAGIC_OFFSET] << 24 |
		(uint32_t)pkt[DHCP_MAGIC_OFFSET + 1] << 16 |
		(uint32_t)pkt[DHCP_MAGIC_OFFSET + 2] << 8 | pkt[DHCP_MAGIC_OFFSET + 3];
	if (magic == DHCP_MAGIC) {
		rc = walk(pkt + DHCP_OPTIONS, len - DHCP_OPTIONS, &f, d);
		if (!rc && (f.overload & OVERLOAD_FILE))
			rc = walk(pkt + DHCP_FILE_OFFSET, DHCP_FILE_LEN, &f, d);
		if (rc)
			return rc;
	}
	if (!f.any && !(f.overload & OVERLOAD_FILE)) {
		rc = file_field(pkt, &f, d);
		if (rc)
			return rc;
	}
	/* Option 67 may carry its terminating NUL; the name ends at the first. */
	out[f.len] = '\0';
	for (size_t j = 0; j < f.len; j++)
		if (!out[j])
			f.len = j;
	if (!f.len)
		return diag_set(d, CL_E_NET, "the DHCP reply names no boot file");
	return CL_OK;
}
