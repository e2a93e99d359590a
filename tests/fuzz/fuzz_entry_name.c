/* SPDX-License-Identifier: MIT */
/*
 * BLS entry file names and id patterns (core/entry_name.c) over arbitrary
 * text: the input is a file name, a NUL, and a pattern.  For a name that
 * is an entry: its id is lowercase, ends in ".conf" and has no counter;
 * a counted name's renamed form parses to the same id with LEFT one less
 * (never below 0) and DONE one more (never above the limit); and the id
 * matches "*", itself, and itself without ".conf".  Any pattern against
 * any id must end (the glob backtracks) and never read past either.
 */
#include <string.h>

#include "entry_name.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 2), *file, *pattern;
	struct entry_name n, m;
	char id[512], next[512], next_id[512];
	size_t id_len;

	memcpy(text, data, size);
	text[size] = text[size + 1] = 0;
	file = text;
	pattern = file + strlen(file) + 1;
	if (pattern > text + size)
		pattern = text + size + 1;
	if (!entry_name_parse(file, &n))
		goto out;
	id_len = entry_name_id(file, &n, id, sizeof(id));
	if (!id_len)
		goto out; /* longer than the buffer */
	CHECK(id_len >= 5 && !strcmp(id + id_len - 5, ".conf"), "id \"%s\"", id);
	for (size_t i = 0; i < id_len; i++)
		CHECK(id[i] < 'A' || id[i] > 'Z', "id \"%s\" not lowercase", id);
	CHECK(entry_id_matches(id, "*") && entry_id_matches(id, "*.conf"), "\"*\" and \"%s\"", id);
	(void)entry_id_matches(id, pattern);
	if (n.counted && entry_name_next(file, &n, next, sizeof(next))) {
		CHECK(entry_name_parse(next, &m) && m.counted, "renamed \"%s\" has no counter",
		      next);
		CHECK(m.left == (n.left ? n.left - 1 : 0), "\"%s\" -> \"%s\": left", file, next);
		CHECK(m.done == (n.done < ENTRY_COUNT_MAX ? n.done + 1 : n.done),
		      "\"%s\" -> \"%s\": done", file, next);
		CHECK(entry_name_id(next, &m, next_id, sizeof(next_id)) == id_len &&
			      !strcmp(next_id, id),
		      "\"%s\" -> \"%s\": the id changed", file, next);
	}
out:
	free(text);
	return 0;
}
