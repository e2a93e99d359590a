/* SPDX-License-Identifier: MIT */
/*
 * A boot entry file in the Boot Loader Specification's Type #1 syntax
 * (chainload.conf beside the binary, or any \loader\entries\*.conf):
 *
 *   # comment
 *   title    Debian GNU/Linux
 *   version  6.1.0-26-amd64
 *   linux    /vmlinuz-6.1.0-26-amd64
 *   initrd   /initrd.img-6.1.0-26-amd64      (repeatable, loaded in order)
 *   options  root=/dev/sda2 ro               (repeatable, joined by spaces)
 *
 * One "key value" per line; blanks separate the key from its value, which
 * runs to the end of the line.  The text is untrusted: the parser is bounded
 * by `size`, rejects what is not UTF-8 text, and names the line of every
 * error.  Unknown keys are not errors; each becomes a warning for the caller
 * to print.
 */
#ifndef CHAINLOAD_CONFIG_H
#define CHAINLOAD_CONFIG_H

#include <stddef.h>

#include "status.h"

#define CONFIG_MAX_BYTES    (64 * 1024)
#define CONFIG_MAX_INITRDS  32
#define CONFIG_MAX_WORDS    1024
#define CONFIG_MAX_WARNINGS 8

struct config_warning {
	unsigned line;
	char msg[96];
};

struct config {
	const char *title;	/* NULL when absent */
	const char *version;	/* NULL when absent */
	const char *linux_path; /* always set on success */
	const char *initrds[CONFIG_MAX_INITRDS];
	size_t n_initrds;
	/* The `options` values split at blanks: joined by single spaces they are the command line. */
	const char *words[CONFIG_MAX_WORDS];
	size_t n_words;
	struct config_warning warnings[CONFIG_MAX_WARNINGS];
	size_t n_warnings; /* may exceed CONFIG_MAX_WARNINGS: the rest were dropped */
};

#define CONFIG_DEFAULT_NAME "chainload.conf"

/*
 * The default config's path, beside the image:
 * "\EFI\BOOT\BOOTX64.EFI" -> "\EFI\BOOT\chainload.conf" (into out[0..cap)).
 */
int config_path_beside(const char *image_path, char *out, size_t cap, struct diag *diag);

/*
 * Parses text[0..size) in place: every string in *ret points into `text`,
 * which must have room for size + 1 bytes (a NUL is written at the end).
 * Errors (CL_E_CONFIG) read "line N: <problem>"; the caller adds the file name.
 */
int config_parse(char *text, size_t size, struct config *ret, struct diag *diag);

#endif /* CHAINLOAD_CONFIG_H */
