/* SPDX-License-Identifier: MIT */
/*
 * Raw LoadOptions, as a firmware boot entry passes them: untrusted bytes that
 * should be a UTF-16LE string (maybe with a byte-order mark, maybe without a
 * terminator, maybe with one stray NUL byte making the count odd).  Anything
 * that is not text is rejected, never guessed at: binary data, text after the
 * NUL, a byte-swapped BOM, 8-bit text (efibootmgr without --unicode; see
 * looks_8bit() for the one UTF-16 text it would mistake for it), control
 * characters, unpaired surrogates, text without a single ASCII character
 * (what binary data that happens to decode as UTF-16 looks like).  The one binary value accepted is
 * the marker edk2 puts on the boot options it creates by itself: it means
 * "no options", as on the removable-media path.
 */
#ifndef CHAINLOAD_LOADOPTS_H
#define CHAINLOAD_LOADOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/*
 * Longer options are refused (a command line is at most a few KiB anyway).
 * Characters only: a byte-order mark, the NUL that ends the string, zero
 * padding after it and a stray odd byte do not count.  The one limit:
 * callers size their buffers with loadopts_text_cap(), never by their own.
 */
#define LOADOPTS_MAX_CHARS 4096

/* Bytes of text loadopts_split() may need for `size` bytes of options. */
size_t loadopts_text_cap(size_t size);

/*
 * Decodes `size` bytes into UTF-8 in text[0..cap) and splits it into words
 * (blanks separate, double quotes group and are removed), pointing argv[]
 * (room for `max`) into `text`.  Sets *ret_argc (0: no options).  Messages
 * name the problem only; the caller says they are about the load options.
 */
int loadopts_split(const uint8_t *buf, size_t size, char *text, size_t cap, char **argv, int max,
		   int *ret_argc, struct diag *diag);

/*
 * Whether the first word of the options names the image itself, as iPXE's
 * `chain chainload.efi ARGS` (and a boot entry written in the shell's
 * manner) put it: its last path component is the last component of
 * `image_path` (our own file path), without regard to case.  Such a word is
 * not the KERNEL.
 */
bool loadopts_names_image(const char *word, const char *image_path);

#endif /* CHAINLOAD_LOADOPTS_H */
