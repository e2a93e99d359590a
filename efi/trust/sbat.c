/* SPDX-License-Identifier: MIT */
/*
 * SBAT metadata (https://github.com/rhboot/shim/blob/main/SBAT.md): shim
 * starts no image without a .sbat section, and revokes a whole generation
 * of a component at once by raising the generation its SbatLevel variable
 * requires.  One CSV record per line:
 *   component name, generation, vendor, package, version, URL
 * The first record names the format.  Bump chainload's generation (the 1)
 * when a security fix must revoke every older chainload; a distribution
 * that signs chainload appends its own "chainload.<vendor>" record.
 *
 * The section is data only: read-only, no relocations (shim refuses a .sbat
 * that has any), page aligned like every other section of the image.
 */
#include "units.h"

#define SBAT_CSV                                                                        \
	"sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n" \
	"chainload,1,chainload,chainload," CHAINLOAD_VERSION ",none\n"

static const char sbat[] __attribute__((section(".sbat"), used, aligned(PAGE_SIZE))) = SBAT_CSV;
