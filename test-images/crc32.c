/* SPDX-License-Identifier: MIT */
/*
 * CRC-32 as in IEEE 802.3 and zlib: reflected polynomial 0xedb88320, initial
 * value and final xor 0xffffffff.  crc32(0, buf, len) matches zlib's crc32().
 * The table is computed on first use (.bss), so the image carries no data.
 */
#include "tk.h"

static uint32_t table[256];
static bool table_ready;

static void make_table(void)
{
	uint32_t i, bit, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (bit = 0; bit < 8; bit++)
			c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
		table[i] = c;
	}
	table_ready = true;
}

uint32_t crc32(uint32_t crc, const void *buf, uint64_t len)
{
	const uint8_t *p = buf;

	if (!table_ready)
		make_table();
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
