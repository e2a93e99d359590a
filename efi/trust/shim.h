/* SPDX-License-Identifier: MIT */
/*
 * What chainload uses of shim (the first-stage loader of the distributions'
 * Secure Boot chains): its vendor GUID, under which it keeps the MokSBState
 * variable and installs the SHIM_LOCK protocol, and that protocol.
 */
#ifndef CHAINLOAD_SHIM_H
#define CHAINLOAD_SHIM_H

#include <efi.h>

#define SHIM_GUID                                                      \
	{                                                              \
		0x605dab50, 0xe046, 0x4300,                            \
		{                                                      \
			0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23 \
		}                                                      \
	}

/*
 * SHIM_LOCK: only Verify is called.  shim is built with gnu-efi without
 * the ms_abi wrappers, so on x86-64 its protocol functions take the System V
 * convention, unlike every firmware interface.
 */
struct shim_lock {
	EFI_STATUS(__attribute__((sysv_abi)) * verify)(void *buffer, UINT32 size);
	void *hash;
	void *context;
};

#endif /* CHAINLOAD_SHIM_H */
