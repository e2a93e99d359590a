/* SPDX-License-Identifier: MIT */
/*
 * Command-line arguments, from raw LoadOptions (a firmware boot entry) or as
 * the UEFI shell hands them (already split words).  Whatever the bytes, the
 * parsers stay inside their buffers, and what they accept is well formed:
 * NUL-terminated words inside the text buffer, a command line that fits its
 * buffer and matches its length, initrd paths that are not empty.
 */
#include <string.h>

#include "args.h"
#include "fuzz.h"
#include "loadopts.h"

#define MAX_WORDS   64
#define CMDLINE_CAP 512

static char words[8192];
static char cmdline[CMDLINE_CAP];

static void check_args(int argc, char *const *argv, size_t cap)
{
	struct boot_args a;
	struct diag d = { "" };
	int rc;

	memset(cmdline, 0x5a, sizeof(cmdline));
	rc = args_parse(argc, argv, cmdline, cap, &a, &d);
	CHECK(rc >= 0 && rc < CL_STATUS_COUNT, "status %d", rc);
	if (rc) {
		CHECK(d.msg[0], "rejected without a message (%s)", cl_status_name(rc));
		return;
	}
	CHECK(a.cmdline == cmdline, "cmdline buffer");
	CHECK(a.cmdline_len < cap && cmdline[a.cmdline_len] == '\0' &&
		      strlen(cmdline) == a.cmdline_len,
	      "cmdline length");
	CHECK(cap == sizeof(cmdline) || (unsigned char)cmdline[cap] == 0x5a,
	      "wrote past the buffer");
	CHECK(a.n_initrds <= ARGS_MAX_INITRDS, "initrds");
	for (size_t i = 0; i < a.n_initrds; i++)
		CHECK(a.initrds[i] && a.initrds[i][0], "empty initrd path %zu", i);
}

/* Raw LoadOptions bytes: decoded, split, then parsed. */
static void from_load_options(const uint8_t *data, size_t size, int max, size_t cap)
{
	/* Exactly the room efi/start/argv.c gives: ASan sees any overrun. */
	size_t text_cap = loadopts_text_cap(size);
	char *out = malloc(text_cap), *argv[MAX_WORDS];
	struct diag d = { "" };
	int argc = -1, rc;

	rc = loadopts_split(data, size, out, text_cap, argv, max, &argc, &d);
	if (rc) {
		CHECK(d.msg[0], "rejected without a message (%s)", cl_status_name(rc));
		CHECK(strcmp(d.msg, "too long"), "loadopts_text_cap(%zu) = %zu is too small", size,
		      text_cap);
		free(out);
		return;
	}
	CHECK(argc >= 0 && argc <= max, "argc %d", argc);
	for (int i = 0; i < argc; i++) {
		CHECK(argv[i] >= out && argv[i] < out + text_cap, "word %d outside", i);
		CHECK(memchr(argv[i], '\0', (size_t)(out + text_cap - argv[i])),
		      "word %d unterminated", i);
	}
	check_args(argc, argv, cap);
	free(out);
}

/* Shell-style: NUL-separated UTF-8 words. */
static void from_words(const uint8_t *data, size_t size, size_t cap)
{
	char *argv[MAX_WORDS];
	int argc = 0;
	size_t start = 0;

	if (size >= sizeof(words))
		size = sizeof(words) - 1;
	memcpy(words, data, size);
	words[size] = '\0';
	for (size_t i = 0; i <= size && argc < MAX_WORDS; i++)
		if (!words[i]) {
			argv[argc++] = words + start;
			start = i + 1;
		}
	check_args(argc, argv, cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned mode;
	size_t cap;

	if (!size)
		return 0;
	mode = data[0];
	/* Small buffers too, so the bounds are exercised, not just the common case. */
	cap = mode & 0x40 ? 1 + (mode & 0x3f) : CMDLINE_CAP;
	if (mode & 0x80)
		from_words(data + 1, size - 1, cap);
	else
		from_load_options(data + 1, size - 1, 1 + (int)(mode & 0x1f) % MAX_WORDS, cap);
	return 0;
}
