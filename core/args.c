/* SPDX-License-Identifier: MIT */
#include "args.h"

#include <string.h>

const char args_usage[] =
	"usage: chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]\n"
	"Boots an x86-64 Linux bzImage from this volume through its 64-bit entry.\n"
	"\n"
	"  -i, --initrd PATH  load an initrd (repeatable; initrd=PATH words on the\n"
	"                     kernel command line are loaded after these)\n"
	"  -v, --verbose      print the placement plan and phase timings\n"
	"  -n, --dry-run      do everything up to ExitBootServices, then return\n"
	"      --force-copy   stage every page and let the relocation stub copy it\n"
	"      --no-verify    skip the SHA-256 check of the kernel and initrd after\n"
	"                     the copy (on by default; a mismatch halts on COM1)\n"
	"  -h, --help         show this help\n"
	"\n"
	"Paths are on the volume chainload.efi was loaded from; \\ or / both work.\n"
	"example: chainload.efi -i \\boot\\initrd.img \\boot\\vmlinuz root=/dev/sda2 ro\n";

static int add_initrd(struct boot_args *a, const char *path, struct diag *diag)
{
	if (!*path)
		return diag_set(diag, CL_E_USAGE, "empty initrd path");
	if (a->n_initrds == ARGS_MAX_INITRDS)
		return diag_set(diag, CL_E_USAGE, "more than %d initrds", ARGS_MAX_INITRDS);
	a->initrds[a->n_initrds++] = path;
	return CL_OK;
}

static int append(struct boot_args *a, size_t cap, const char *s, size_t n,
		  struct diag *diag)
{
	if (n >= cap - a->cmdline_len)
		return diag_set(diag, CL_E_CMDLINE_TOO_LONG,
				"command line is longer than %zu bytes", cap - 1);
	memcpy(a->cmdline + a->cmdline_len, s, n);
	a->cmdline_len += n;
	a->cmdline[a->cmdline_len] = '\0';
	return CL_OK;
}

static int add_word(struct boot_args *a, size_t cap, const char *word, struct diag *diag)
{
	bool quote = strchr(word, ' ') || strchr(word, '\t');
	int rc = CL_OK;

	if (a->cmdline_len)
		rc = append(a, cap, " ", 1, diag);
	if (!rc && quote)
		rc = append(a, cap, "\"", 1, diag);
	if (!rc)
		rc = append(a, cap, word, strlen(word), diag);
	if (!rc && quote)
		rc = append(a, cap, "\"", 1, diag);
	if (!rc && !strncmp(word, "initrd=", 7))
		rc = add_initrd(a, word + 7, diag);
	return rc;
}

/* Handles option argv[*i]; advances *i past a consumed value. */
static int parse_option(int argc, char *const *argv, int *i, struct boot_args *a,
			struct diag *diag)
{
	const char *opt = argv[*i];

	if (!strcmp(opt, "-v") || !strcmp(opt, "--verbose"))
		a->verbose = true;
	else if (!strcmp(opt, "-n") || !strcmp(opt, "--dry-run"))
		a->dry_run = true;
	else if (!strcmp(opt, "--force-copy"))
		a->force_copy = true;
	else if (!strcmp(opt, "--no-verify"))
		a->no_verify = true;
	else if (!strcmp(opt, "-h") || !strcmp(opt, "--help"))
		a->help = true;
	else if (!strcmp(opt, "-i") || !strcmp(opt, "--initrd")) {
		if (++*i == argc)
			return diag_set(diag, CL_E_USAGE, "%s needs a PATH", opt);
		return add_initrd(a, argv[*i], diag);
	} else if (!strncmp(opt, "--initrd=", 9))
		return add_initrd(a, opt + 9, diag);
	else
		return diag_set(diag, CL_E_USAGE, "unknown option %s (try --help)", opt);
	return CL_OK;
}

int args_parse(int argc, char *const *argv, char *cmdline, size_t cap,
	       struct boot_args *ret, struct diag *diag)
{
	struct boot_args a = { 0 };
	int i, rc;

	if (!cap)
		return diag_set(diag, CL_E_INTERNAL, "no command-line buffer");
	a.cmdline = cmdline;
	cmdline[0] = '\0';
	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		rc = parse_option(argc, argv, &i, &a, diag);
		if (rc)
			return rc;
	}
	if (a.help) {
		*ret = a;
		return CL_OK;
	}
	if (i == argc)
		return diag_set(diag, CL_E_USAGE, "no KERNEL given (try --help)");
	a.kernel = argv[i++];
	for (; i < argc; i++) {
		rc = add_word(&a, cap, argv[i], diag);
		if (rc)
			return rc;
	}
	*ret = a;
	return CL_OK;
}
