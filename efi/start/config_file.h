/* SPDX-License-Identifier: MIT */
/*
 * The config file chainload boots from when it has no KERNEL word: the one
 * --config names (relative to the root of chainload's volume, like every
 * path), or chainload.conf in chainload's own directory.  Read whole into a
 * pool buffer, parsed by core/config.c; its warnings are printed here.
 */
#ifndef CHAINLOAD_CONFIG_FILE_H
#define CHAINLOAD_CONFIG_FILE_H

#include <efi.h>

#include "config.h"
#include "start/image_location.h"

struct config_file {
	char path[IMAGE_PATH_UNITS * 3]; /* for messages */
	char *text;			 /* pool: the file, NUL-terminated */
	struct config *cfg;		 /* pool: strings point into text */
	char **argv;			 /* pool: config_file_argv()'s */
};

/*
 * Reads and parses `path` (NULL: the default beside the image).  Prints the
 * one-line error itself; on success the caller frees with config_file_free().
 */
EFI_STATUS config_file_load(EFI_HANDLE image, const struct image_location *loc, const char *path,
			    struct config_file *ret);

void config_file_free(struct config_file *cf);

/*
 * The words to parse again when the config has `chainload-options`: those
 * words, then the command line's argv[0..argc).  Kept in cf until
 * config_file_free (the parsed arguments point into it).
 */
EFI_STATUS config_file_argv(struct config_file *cf, int argc, char *const *argv, int *ret_argc,
			    char ***ret_argv);

/* Whether chainload.conf is there beside the image (else: the boot menu). */
BOOLEAN config_file_default_exists(EFI_HANDLE image, const struct image_location *loc);

/* The parser's warnings about the file `path`, one line each. */
void config_file_warnings(const char *path, const struct config *c);

#endif /* CHAINLOAD_CONFIG_FILE_H */
