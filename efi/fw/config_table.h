/* SPDX-License-Identifier: MIT */
/* The EFI system table's configuration table: vendor GUID -> table pointer. */
#ifndef CHAINLOAD_CONFIG_TABLE_H
#define CHAINLOAD_CONFIG_TABLE_H

#include <efi.h>

/* The table installed under `guid` (the first, if several are); NULL if none. */
void *config_table_find(const EFI_GUID *guid);

#endif /* CHAINLOAD_CONFIG_TABLE_H */
