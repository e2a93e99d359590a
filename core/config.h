/* SPDX-License-Identifier: MIT */
/*
 * A boot entry file in the Boot Loader Specification's Type #1 syntax
 * (chainload.conf beside the binary, or any \loader\entries\*.conf):
 *
 *   # comment
 *   title        Debian GNU/Linux
 *   version      6.1.0-26-amd64
 *   machine-id   0123456789abcdef0123456789abcdef
 *   sort-key     debian
 *   architecture x64
 *   linux        /vmlinuz-6.1.0-26-amd64
 *   initrd       /initrd.img-6.1.0-26-amd64  (repeatable, loaded in order)
 *   options      root=/dev/sda2 ro           (repeatable, joined by spaces)
 *
 * or, instead of `linux` and its initrds, `efi /EFI/Microsoft/Boot/bootmgfw.efi`:
 * an EFI image the menu starts.  Exactly one of `linux` and `efi` is required.
 *
 * The line syntax is conf_lines.h's.  The text is untrusted: the parser is
 * bounded by `size`, rejects what is not UTF-8 text, and names the line of
 * every error.  Keys chainload does not use are not errors: unknown ones and
 * `devicetree` (meaningless on x86) each become a warning for the caller to
 * print.  `architecture` is kept as written and judged by the caller
 * (config_arch_is_ours): the menu skips another architecture's entries,
 * chainload.conf refuses them.
 */
#ifndef CHAINLOAD_CONFIG_H
#define CHAINLOAD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "conf_lines.h"
#include "status.h"

#define CONFIG_MAX_BYTES	(64 * 1024)
#define CONFIG_MAX_INITRDS	32
#define CONFIG_MAX_WORDS	1024
#define CONFIG_MAX_LOADER_WORDS 32
#define CONFIG_MAX_WARNINGS	CONF_MAX_WARNINGS

struct config {
	/* Each NULL when absent; each at most once in a file. */
	const char *title;
	const char *version;
	const char *sort_key;
	const char *machine_id;
	const char *architecture; /* as written: "x64", "X64", "aa64", ... */
	unsigned architecture_line;
	/* On success exactly one of the two is set. */
	const char *linux_path; /* `linux`: a kernel */
	const char *efi_path;	/* `efi`: an EFI image to start instead */
	const char *initrds[CONFIG_MAX_INITRDS];
	size_t n_initrds;
	/* The `options` values split at blanks: joined by single spaces they are the command line. */
	const char *words[CONFIG_MAX_WORDS];
	size_t n_words;
	/*
	 * `chainload-options` split the same way: chainload's own options, as
	 * if given before the command line's (a network boot has none).  Only
	 * chainload.conf and --config files use them.
	 */
	const char *loader_words[CONFIG_MAX_LOADER_WORDS];
	size_t n_loader_words;
	struct conf_warning warnings[CONFIG_MAX_WARNINGS];
	size_t n_warnings; /* may exceed CONFIG_MAX_WARNINGS: the rest were dropped */
};

#define CONFIG_DEFAULT_NAME "chainload.conf"

/*
 * The default config's path, beside the image:
 * "\EFI\BOOT\BOOTX64.EFI" -> "\EFI\BOOT\chainload.conf" (into out[0..cap));
 * a bare name, as a PXE boot file's is on its TFTP volume, -> "chainload.conf".
 */
int config_path_beside(const char *image_path, char *out, size_t cap, struct diag *diag);

/*
 * Parses text[0..size) in place: every string in *ret points into `text`,
 * which must have room for size + 1 bytes (a NUL is written at the end).
 * Errors (CL_E_CONFIG) read "line N: <problem>"; the caller adds the file name.
 */
int config_parse(char *text, size_t size, struct config *ret, struct diag *diag);

/*
 * Is the entry for the machine chainload runs on?  True without an
 * `architecture` line, or with "x64" in any case (BLS architecture names
 * are case-insensitive).
 */
bool config_arch_is_ours(const struct config *c);

#endif /* CHAINLOAD_CONFIG_H */
