/* SPDX-License-Identifier: MIT */
/*
 * The line syntax that Boot Loader Specification entries and systemd-boot's
 * loader.conf share, read in one place so both files accept and refuse the
 * same text:
 *
 *   - an optional UTF-8 byte-order mark, then lines ending in LF or CR LF;
 *   - blank lines and lines whose first non-blank byte is '#' are skipped;
 *   - the key is the first word, the value the rest of the line with the
 *     blanks (space, tab) around it taken off; it may be empty.
 *
 * The text is untrusted: it is read only up to `size` (at most the caller's
 * limit), and a line that is not UTF-8 text (ill-formed sequences, NUL or
 * another control character but tab, a CR not before LF) is an error that
 * names the line and the column.  Keys and values are NUL-terminated in
 * place.  What the keys mean is the caller's business; so are warnings,
 * which both files store the same way (conf_warn).
 */
#ifndef CHAINLOAD_CONF_LINES_H
#define CHAINLOAD_CONF_LINES_H

#include <stddef.h>

#include "status.h"

#define CONF_MAX_WARNINGS 8

/* Something the file says that chainload ignores, and where it says it. */
struct conf_warning {
	unsigned line;
	char msg[96];
};

/* Where a walk over the lines of one file stands. */
struct conf_reader {
	char *text;
	size_t size;
	size_t pos;
	unsigned line; /* the number of the line last returned (1 is the first) */
};

/*
 * Starts a walk over text[0..size): refuses a file larger than `max_bytes`
 * (CL_E_CONFIG, "file is N bytes, more than the M allowed"), writes a NUL
 * at text[size] (so `text` must have room for size + 1 bytes) and steps
 * over a byte-order mark.
 */
int conf_lines_begin(struct conf_reader *r, char *text, size_t size, size_t max_bytes,
		     struct diag *diag);

/*
 * The next line that holds a key: CL_OK with *ret_key and *ret_value
 * pointing into the text and r->line its number, or CL_OK with *ret_key
 * NULL at the end of the text.  Errors (CL_E_CONFIG) read "line N: ...".
 */
int conf_lines_next(struct conf_reader *r, char **ret_key, char **ret_value, struct diag *diag);

/*
 * Stores a warning for `line` in table[0..CONF_MAX_WARNINGS) and counts it
 * in *n, which keeps counting past the table: the rest are dropped.
 */
void conf_warn(struct conf_warning *table, size_t *n, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* CHAINLOAD_CONF_LINES_H */
