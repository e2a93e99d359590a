/* SPDX-License-Identifier: MIT */
/*
 * Config files (core/config.c) from arbitrary bytes, then combined with a
 * command line (args_apply_config).  The parser reads only the `size` bytes
 * it is given plus the one NUL it writes after them (the buffer is exactly
 * that long, so ASan sees any overrun), and what it accepts is well formed:
 * a kernel path or an EFI image path (never both), non-empty initrd paths
 * and option words without blanks, all NUL-terminated inside the buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "config.h"
#include "fuzz.h"

#define CMDLINE_CAP 4096

static struct config cfg;
static char cmdline[CMDLINE_CAP];

/* s is a non-empty, NUL-terminated string inside buf[0..len]. */
static int inside(const char *s, const char *buf, size_t len)
{
	return s && s >= buf && s < buf + len && *s && memchr(s, '\0', (size_t)(buf + len + 1 - s));
}

static void check_config(const char *buf, size_t size)
{
	const char *once[] = { cfg.title,      cfg.version,	 cfg.sort_key,
			       cfg.machine_id, cfg.architecture, cfg.efi_path };

	/* Exactly one thing to boot: a kernel or an EFI image. */
	CHECK(!cfg.linux_path != !cfg.efi_path, "linux %p efi %p", (const void *)cfg.linux_path,
	      (const void *)cfg.efi_path);
	CHECK(!cfg.linux_path || inside(cfg.linux_path, buf, size), "linux path");
	for (size_t i = 0; i < sizeof(once) / sizeof(once[0]); i++)
		CHECK(!once[i] || inside(once[i], buf, size), "single key %zu", i);
	CHECK(!cfg.architecture == !cfg.architecture_line, "architecture line");
	CHECK(cfg.n_initrds <= CONFIG_MAX_INITRDS, "initrds");
	for (size_t i = 0; i < cfg.n_initrds; i++)
		CHECK(inside(cfg.initrds[i], buf, size), "initrd %zu", i);
	CHECK(cfg.n_words <= CONFIG_MAX_WORDS, "words");
	for (size_t i = 0; i < cfg.n_words; i++)
		CHECK(inside(cfg.words[i], buf, size) && !strpbrk(cfg.words[i], " \t"), "word %zu",
		      i);
	for (size_t i = 0; i < cfg.n_warnings && i < CONFIG_MAX_WARNINGS; i++)
		CHECK(cfg.warnings[i].line &&
			      memchr(cfg.warnings[i].msg, '\0', sizeof(cfg.warnings[i].msg)),
		      "warning %zu", i);
}

/* The config with a command line that adds an initrd and two words. */
static void check_apply(void)
{
	char *argv[] = { "-i", "\\cli.img", "--config", "\\x.conf", "initrd=\\w.img", "quiet" };
	struct boot_args a;
	struct diag d = { "" };
	int rc;

	rc = args_parse(6, argv, cmdline, sizeof(cmdline), &a, &d);
	CHECK(!rc && a.use_config, "args_parse: %s", d.msg);
	rc = args_apply_config(&a, &cfg, &d);
	/* This path boots kernels only: an `efi` entry is always refused. */
	CHECK(cfg.linux_path || rc == CL_E_CONFIG, "efi entry applied: %s", cl_status_name(rc));
	if (rc) {
		CHECK(rc == CL_E_USAGE || rc == CL_E_CMDLINE_TOO_LONG || rc == CL_E_CONFIG,
		      "apply: %s", cl_status_name(rc));
		CHECK(d.msg[0], "rejected without a message");
		return;
	}
	CHECK(a.kernel == cfg.linux_path, "kernel");
	CHECK(a.n_initrds >= cfg.n_initrds + 2, "initrds %zu", a.n_initrds);
	for (size_t i = 0; i < cfg.n_initrds; i++)
		CHECK(a.initrds[i] == cfg.initrds[i], "config initrd %zu first", i);
	CHECK(!strcmp(a.initrds[cfg.n_initrds], "\\cli.img"), "-i after the config's");
	CHECK(a.cmdline_len < sizeof(cmdline) && strlen(cmdline) == a.cmdline_len, "cmdline");
	CHECK(a.cmdline_len >= 5 && !strcmp(cmdline + a.cmdline_len - 5, "quiet"), "words last");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { "" };
	char *buf;
	int rc;

	if (size > CONFIG_MAX_BYTES + 1)
		return 0;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	rc = config_parse(buf, size, &cfg, &d);
	CHECK(rc == CL_OK || rc == CL_E_CONFIG, "status %s", cl_status_name(rc));
	if (rc) {
		CHECK(d.msg[0], "rejected without a message");
	} else {
		check_config(buf, size);
		check_apply();
	}
	free(buf);
	return 0;
}
