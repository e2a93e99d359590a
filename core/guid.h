/* SPDX-License-Identifier: MIT */
/* GUIDs as text: "8108AC4E-9F11-4D59-850E-E21A522C59B2". */
#ifndef CHAINLOAD_GUID_H
#define CHAINLOAD_GUID_H

#include <stdint.h>

#define GUID_TEXT_LEN 36

/*
 * Formats the 16 bytes of a GUID as stored by UEFI (the first three fields
 * little-endian, the last eight bytes in order) in upper case, with a NUL.
 */
void guid_format(const uint8_t guid[16], char out[GUID_TEXT_LEN + 1]);

#endif /* CHAINLOAD_GUID_H */
