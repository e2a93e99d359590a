/* SPDX-License-Identifier: MIT */
/*
 * Entry point: the words we were started with -> arguments (plus a config
 * file when there is no KERNEL word) -> one launch.  How chainload was
 * started decides where the words come from (efi/start/argv.c):
 *   UEFI shell            the shell's argv, program name dropped
 *   firmware Boot####     the entry's optional data, as UTF-16 text
 *   removable media path  nothing: chainload.conf beside the binary
 * With no KERNEL word and no chainload.conf (or with --menu), chainload is
 * the boot menu of \loader\entries (efi/start/boot_manager.c).
 */
#include <efi.h>
#include <efilib.h>

#include "args.h"
#include "handoff/bli.h"
#include "start/argv.h"
#include "start/boot_manager.h"
#include "start/config_file.h"
#include "fw/console.h"
#include "fw/efi_status.h"
#include "fw/timer.h"
#include "start/image_location.h"
#include "launch/launch.h"

#define CMDLINE_CAP 65536

/* gnu-efi's crt0 calls this with the System V convention (%rdi, %rsi). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

/*
 * Config mode: the config says what to boot, the command line adds to it.
 * On success `cf` holds the strings `args` now points into.
 */
static EFI_STATUS apply_config(EFI_HANDLE image, const struct image_location *loc,
			       const struct launch_words *words, struct boot_args *args,
			       struct config_file *cf)
{
	const struct config *c;
	struct diag d;
	EFI_STATUS st;
	char **argv;
	int rc, argc;

	st = config_file_load(image, loc, args->config, cf);
	if (EFI_ERROR(st))
		return st;
	c = cf->cfg;
	/* Its own options first, so that the command line's can override them. */
	if (c->n_loader_words) {
		st = config_file_argv(cf, words->argc, words->argv, &argc, &argv);
		if (EFI_ERROR(st))
			goto err_apply;
		rc = args_parse(argc, argv, args->cmdline, args->cmdline_cap, args, &d);
		if (rc) {
			st = con_error(efi_status_of(rc), cf->path, "chainload-options: %s", d.msg);
			goto err_apply;
		}
	}
	rc = args_apply_config(args, c, &d);
	if (rc) {
		st = con_error(efi_status_of(rc), cf->path, "%s", d.msg);
		goto err_apply;
	}
	if (args->verbose)
		con_print("chainload: config %s: %s%s%s%s\n", cf->path,
			  c->title ? c->title : "(no title)", c->version ? " (" : "",
			  c->version ? c->version : "", c->version ? ")" : "");
	return EFI_SUCCESS;

err_apply:
	config_file_free(cf);
	return st;
}

/* The words -> arguments -> (config) -> one launch; `cmdline` is args_parse's buffer. */
static EFI_STATUS boot(EFI_HANDLE image, const struct image_location *loc,
		       const struct launch_words *words, char *cmdline)
{
	struct config_file cf;
	struct boot_args args;
	struct diag d;
	EFI_STATUS st;
	int rc;

	rc = args_parse(words->argc, words->argv, cmdline, CMDLINE_CAP, &args, &d);
	if (rc)
		return con_error(efi_status_of(rc), "arguments", "%s", d.msg);
	if (args.help || args.version) {
		con_print("chainload %s\n", CHAINLOAD_VERSION);
		if (args.help)
			con_print("%s", args_usage);
		return EFI_SUCCESS;
	}
	if (!args.use_config)
		return launch(image, &args);
	if (!args.config && (args.menu || !config_file_default_exists(image, loc)))
		return boot_manager(image, &args);
	st = apply_config(image, loc, words, &args, &cf);
	if (EFI_ERROR(st))
		return st;
	st = launch(image, &args);
	config_file_free(&cf);
	return st;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	struct image_location *loc;
	struct launch_words words;
	char *cmdline;
	EFI_STATUS st;

	timer_note_start();
	InitializeLib(image, systab);
	/* The firmware's 5-minute watchdog would reset us mid-load. */
	BS->SetWatchdogTimer(0, 0, 0, NULL);
	st = BS->AllocatePool(EfiLoaderData, sizeof(*loc), (void **)&loc);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory to start");
	image_location_get(image, loc);
	/* First, so that LoaderTimeInitUSec is as early as it can be. */
	bli_begin(loc);
	st = launch_words_get(image, loc, &words);
	if (EFI_ERROR(st))
		goto err_words;
	st = BS->AllocatePool(EfiLoaderData, CMDLINE_CAP, (void **)&cmdline);
	if (EFI_ERROR(st)) {
		con_error(st, "chainload.efi", "no memory for the command line");
		goto err_cmdline;
	}
	/* Returns only when no kernel was started: free everything, pass the status on. */
	st = boot(image, loc, &words, cmdline);
	BS->FreePool(cmdline);
	launch_words_free(&words);
	BS->FreePool(loc);
	return st;

err_cmdline:
	launch_words_free(&words);
err_words:
	BS->FreePool(loc);
	return st;
}
