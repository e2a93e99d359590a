/* SPDX-License-Identifier: MIT */
#include "args.h"

#include <string.h>

#include "config.h"

const char args_usage[] =
	"usage: chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]\n"
	"       chainload.efi [OPTIONS] --config FILE [MORE KERNEL COMMAND LINE ...]\n"
	"       chainload.efi [OPTIONS]    (chainload.conf beside it, else the boot menu)\n"
	"Boots an x86 Linux bzImage from this volume through its 64-bit entry, or\n"
	"its 32-bit one when it has no other (or when asked: --entry=32).\n"
	"\n"
	"  -c, --config FILE  boot the entry FILE describes (Boot Loader Specification\n"
	"                     Type #1: linux, initrd, options); later words are added\n"
	"                     to its options; a KERNEL as well is an error\n"
	"  -m, --menu         the boot menu of \\loader\\entries, even with a chainload.conf\n"
	"  -i, --initrd PATH  load an initrd (repeatable; after a config's initrds;\n"
	"                     initrd=PATH words on the command line load last)\n"
	"  -v, --verbose      print the placement plan and phase timings\n"
	"  -n, --dry-run      do everything up to ExitBootServices, then return\n"
	"      --force-copy   stage every page and let the relocation stub copy it\n"
	"      --verify=MODE  check the kernel and initrd at their final addresses\n"
	"                     after the copy against a digest taken when they were\n"
	"                     read; a mismatch halts on COM1.  fast (the default):\n"
	"                     a 64-bit integrity hash; sha256: SHA-256; off: none\n"
	"      --no-verify    the same as --verify=off\n"
	"      --entry=N      the kernel's entry: 64 (startup_64, the default when\n"
	"                     the kernel has it) or 32 (startup_32 in protected mode,\n"
	"                     paging off; everything placed below 4 GiB)\n"
	"      --version      print the version\n"
	"  -h, --help         show this help\n"
	"\n"
	"Paths are on the volume chainload.efi was loaded from; \\ or / both work.\n"
	"examples:\n"
	"  chainload.efi -i \\boot\\initrd.img \\boot\\vmlinuz root=/dev/sda2 ro quiet\n"
	"  chainload.efi --config \\loader\\entries\\debian.conf systemd.unit=rescue.target\n"
	"  chainload.efi -v       (chainload.conf beside chainload.efi, plan and timings)\n";

static int add_initrd(struct boot_args *a, const char *path, struct diag *diag)
{
	if (!*path)
		return diag_set(diag, CL_E_USAGE, "empty initrd path");
	if (a->n_initrds == ARGS_MAX_INITRDS)
		return diag_set(diag, CL_E_USAGE, "more than %d initrds", ARGS_MAX_INITRDS);
	a->initrds[a->n_initrds++] = path;
	return CL_OK;
}

static int append(struct boot_args *a, size_t cap, const char *s, size_t n, struct diag *diag)
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

static int set_config(struct boot_args *a, const char *path, struct diag *diag)
{
	if (!*path)
		return diag_set(diag, CL_E_USAGE, "empty config path");
	if (a->config)
		return diag_set(diag, CL_E_USAGE, "more than one --config (%s and %s)", a->config,
				path);
	a->config = path;
	return CL_OK;
}

static int set_verify(struct boot_args *a, const char *mode, struct diag *diag)
{
	if (!strcmp(mode, "fast"))
		a->verify = VERIFY_FAST;
	else if (!strcmp(mode, "sha256"))
		a->verify = VERIFY_SHA256;
	else if (!strcmp(mode, "off"))
		a->verify = VERIFY_OFF;
	else
		return diag_set(diag, CL_E_USAGE, "--verify=%s: the mode is fast, sha256 or off",
				mode);
	return CL_OK;
}

static int set_entry(struct boot_args *a, const char *kind, struct diag *diag)
{
	if (!strcmp(kind, "64"))
		a->entry = ENTRY_64;
	else if (!strcmp(kind, "32"))
		a->entry = ENTRY_32;
	else
		return diag_set(diag, CL_E_USAGE, "--entry=%s: the entry is 32 or 64", kind);
	return CL_OK;
}

/* Handles option argv[*i]; advances *i past a consumed value. */
static int parse_option(int argc, char *const *argv, int *i, struct boot_args *a, struct diag *diag)
{
	const char *opt = argv[*i];

	if (!strcmp(opt, "-v") || !strcmp(opt, "--verbose"))
		a->verbose = true;
	else if (!strcmp(opt, "-n") || !strcmp(opt, "--dry-run"))
		a->dry_run = true;
	else if (!strcmp(opt, "-m") || !strcmp(opt, "--menu"))
		a->menu = true;
	else if (!strcmp(opt, "--force-copy"))
		a->force_copy = true;
	else if (!strcmp(opt, "--no-verify"))
		a->verify = VERIFY_OFF;
	else if (!strncmp(opt, "--verify=", 9))
		return set_verify(a, opt + 9, diag);
	else if (!strncmp(opt, "--entry=", 8))
		return set_entry(a, opt + 8, diag);
	else if (!strcmp(opt, "-h") || !strcmp(opt, "--help"))
		a->help = true;
	else if (!strcmp(opt, "--version"))
		a->version = true;
	else if (!strcmp(opt, "-c") || !strcmp(opt, "--config")) {
		if (++*i == argc)
			return diag_set(diag, CL_E_USAGE, "%s needs a FILE", opt);
		return set_config(a, argv[*i], diag);
	} else if (!strncmp(opt, "--config=", 9))
		return set_config(a, opt + 9, diag);
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

int args_parse(int argc, char *const *argv, char *cmdline, size_t cap, struct boot_args *ret,
	       struct diag *diag)
{
	struct boot_args a = { 0 };
	bool dashdash = false;
	int i, rc;

	if (!cap)
		return diag_set(diag, CL_E_INTERNAL, "no command-line buffer");
	a.cmdline = cmdline;
	a.cmdline_cap = cap;
	cmdline[0] = '\0';
	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			dashdash = true;
			i++;
			break;
		}
		rc = parse_option(argc, argv, &i, &a, diag);
		if (rc)
			return rc;
	}
	a.n_cli_initrds = a.n_initrds;
	if (a.help || a.version) {
		*ret = a;
		return CL_OK;
	}
	if (a.config || i == argc) {
		/*
		 * Kernel parameters do not start with a path separator, a kernel
		 * path does: refuse two kernels rather than pick one ("--" lets
		 * such a word through as a parameter).
		 */
		if (i < argc && !dashdash && (argv[i][0] == '\\' || argv[i][0] == '/'))
			return diag_set(
				diag, CL_E_USAGE,
				"KERNEL %s given together with --config %s, whose `linux` line names the kernel",
				argv[i], a.config);
		a.use_config = true;
		a.extra = argv + i;
		a.n_extra = argc - i;
		*ret = a;
		return CL_OK;
	}
	a.kernel = argv[i++];
	for (; i < argc; i++) {
		rc = add_word(&a, cap, argv[i], diag);
		if (rc)
			return rc;
	}
	*ret = a;
	return CL_OK;
}

int args_apply_efi_entry(struct boot_args *a, const struct config *cfg, struct diag *diag)
{
	int rc = CL_OK;

	if (!cfg->efi_path)
		return diag_set(diag, CL_E_INTERNAL, "not an `efi` entry");
	a->cmdline_len = 0;
	a->cmdline[0] = '\0';
	for (size_t i = 0; !rc && i < cfg->n_words; i++)
		rc = add_word(a, a->cmdline_cap, cfg->words[i], diag);
	return rc;
}

int args_apply_config(struct boot_args *a, const struct config *cfg, struct diag *diag)
{
	const char *cli[ARGS_MAX_INITRDS];
	size_t n_cli = a->n_cli_initrds;
	int rc = CL_OK;

	if (!a->use_config || n_cli > ARGS_MAX_INITRDS)
		return diag_set(diag, CL_E_INTERNAL, "not in config mode");
	/* Starting an EFI image is the boot menu's job; this path boots a kernel. */
	if (!cfg->linux_path)
		return diag_set(diag, CL_E_CONFIG,
				"an `efi` entry (%s): chainload.conf and --config boot Linux "
				"kernels; `efi` entries boot from the menu",
				cfg->efi_path ? cfg->efi_path : "no image");
	memcpy(cli, a->initrds, n_cli * sizeof(cli[0]));
	a->kernel = cfg->linux_path;
	a->n_initrds = 0;
	a->cmdline_len = 0;
	a->cmdline[0] = '\0';
	for (size_t i = 0; !rc && i < cfg->n_initrds; i++)
		rc = add_initrd(a, cfg->initrds[i], diag);
	for (size_t i = 0; !rc && i < n_cli; i++)
		rc = add_initrd(a, cli[i], diag);
	for (size_t i = 0; !rc && i < cfg->n_words; i++)
		rc = add_word(a, a->cmdline_cap, cfg->words[i], diag);
	for (int i = 0; !rc && i < a->n_extra; i++)
		rc = add_word(a, a->cmdline_cap, a->extra[i], diag);
	return rc;
}
