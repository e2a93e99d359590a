/* SPDX-License-Identifier: MIT */
#include "devpath.h"

#include "le.h"

#define TYPE_MESSAGING	 0x03
#define TYPE_MEDIA	 0x04
#define TYPE_END	 0x7f
#define SUB_END_INSTANCE 0x01
#define SUB_END_ENTIRE	 0xff
#define SUB_UART	 0x0e /* messaging */
#define SUB_HARD_DRIVE	 0x01 /* media */
#define SUB_FILE_PATH	 0x04 /* media */

/* Hard-drive node, offsets into its data (after the 4-byte header). */
#define HD_SIGNATURE	  20 /* 16 bytes: the GPT partition GUID */
#define HD_SIGNATURE_TYPE 37 /* 0x02: GUID */
#define HD_DATA_LEN	  38
#define SIGNATURE_GUID	  0x02

struct node {
	uint8_t type;
	uint8_t subtype;
	const uint8_t *data;
	size_t len; /* of data, header excluded */
};

/* Reads the node at *pos and steps past it; false when it is malformed. */
static bool read_node(const uint8_t *dp, size_t max, size_t *pos, struct node *n)
{
	size_t len;

	if (*pos > max || max - *pos < 4)
		return false;
	len = le16(dp + *pos + 2);
	if (len < 4 || len > max - *pos)
		return false;
	n->type = dp[*pos];
	n->subtype = dp[*pos + 1];
	n->data = dp + *pos + 4;
	n->len = len - 4;
	*pos += len;
	return true;
}

/* The next node before the end of the whole path; false at its end. */
static bool next_node(const uint8_t *dp, size_t max, size_t *pos, struct node *n)
{
	return read_node(dp, max, pos, n) && !(n->type == TYPE_END && n->subtype == SUB_END_ENTIRE);
}

static int put_unit(uint16_t *out, size_t cap, size_t *len, uint16_t u, struct diag *diag)
{
	if (*len + 1 >= cap)
		return diag_set(diag, CL_E_TOO_MANY, "file path longer than %zu characters",
				cap ? cap - 1 : 0);
	out[(*len)++] = u;
	return CL_OK;
}

int devpath_file_path(const uint8_t *dp, size_t max, uint16_t *out, size_t cap, size_t *ret_len,
		      struct diag *diag)
{
	size_t pos = 0, len = 0;
	struct node n;
	int rc;

	while (next_node(dp, max, &pos, &n)) {
		if (n.type != TYPE_MEDIA || n.subtype != SUB_FILE_PATH)
			continue;
		for (size_t i = 0; i + 1 < n.len; i += 2) {
			uint16_t u = le16(n.data + i);
			bool sep_before = len && out[len - 1] == '\\';

			if (!u)
				break;
			if (u == '/')
				u = '\\';
			/* Nodes are path components: one separator between them, none doubled. */
			if (u == '\\' && sep_before)
				continue;
			if (!i && u != '\\' && !sep_before) {
				rc = put_unit(out, cap, &len, '\\', diag);
				if (rc)
					return rc;
			}
			rc = put_unit(out, cap, &len, u, diag);
			if (rc)
				return rc;
		}
	}
	if (!len)
		return diag_set(diag, CL_E_USAGE, "the device path names no file");
	out[len] = 0;
	*ret_len = len;
	return CL_OK;
}

bool devpath_gpt_partition(const uint8_t *dp, size_t max, uint8_t ret_guid[16])
{
	size_t pos = 0;
	struct node n;

	while (next_node(dp, max, &pos, &n)) {
		if (n.type != TYPE_MEDIA || n.subtype != SUB_HARD_DRIVE || n.len < HD_DATA_LEN ||
		    n.data[HD_SIGNATURE_TYPE] != SIGNATURE_GUID)
			continue;
		for (int i = 0; i < 16; i++)
			ret_guid[i] = n.data[HD_SIGNATURE + i];
		return true;
	}
	return false;
}

bool devpath_all_serial(const uint8_t *dp, size_t max)
{
	bool serial = false;
	size_t pos = 0;
	struct node n;

	while (read_node(dp, max, &pos, &n)) {
		if (n.type == TYPE_END &&
		    (n.subtype == SUB_END_INSTANCE || n.subtype == SUB_END_ENTIRE)) {
			if (!serial)
				return false;
			if (n.subtype == SUB_END_ENTIRE)
				return true;
			serial = false;
		} else if (n.type == TYPE_MESSAGING && n.subtype == SUB_UART) {
			serial = true;
		}
	}
	return false;
}

size_t devpath_disk_prefix(const uint8_t *dp, size_t max)
{
	size_t pos = 0, start;
	struct node n;

	for (;;) {
		start = pos;
		if (!next_node(dp, max, &pos, &n))
			return 0;
		if (n.type == TYPE_MEDIA && n.subtype == SUB_HARD_DRIVE)
			return start;
	}
}
