/* SPDX-License-Identifier: MIT */
/*
 * The words chainload was started with, as UTF-8: from the UEFI shell's
 * EFI_SHELL_PARAMETERS_PROTOCOL when present (Argv[0], the program, is
 * dropped), else from the raw LoadOptions of a firmware boot entry or of
 * iPXE (a first word that names chainload's own file is dropped there too).
 */
#ifndef CHAINLOAD_EFI_ARGV_H
#define CHAINLOAD_EFI_ARGV_H

#include <efi.h>

#include "start/image_location.h"

struct launch_words {
	int argc;
	char **argv; /* pool, pointing into `text` */
	char *text;  /* pool */
};

EFI_STATUS launch_words_get(EFI_HANDLE image, const struct image_location *loc,
			    struct launch_words *ret);
void launch_words_free(struct launch_words *w);

#endif /* CHAINLOAD_EFI_ARGV_H */
