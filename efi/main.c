/* SPDX-License-Identifier: MIT */
/* Entry point: the words we were started with -> arguments -> one launch. */
#include <efi.h>
#include <efilib.h>

#include "args.h"
#include "cmdline.h"
#include "console.h"
#include "efi_status.h"
#include "launch.h"

#define CMDLINE_CAP 65536

/* gnu-efi's crt0 calls this with the System V convention (%rdi, %rsi). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	struct launch_words words;
	struct boot_args args;
	char *cmdline;
	struct diag d;
	EFI_STATUS st;
	int rc;

	InitializeLib(image, systab);
	/* The firmware's 5-minute watchdog would reset us mid-load. */
	BS->SetWatchdogTimer(0, 0, 0, NULL);
	st = launch_words_get(image, &words);
	if (EFI_ERROR(st))
		return st;
	st = BS->AllocatePool(EfiLoaderData, CMDLINE_CAP, (void **)&cmdline);
	if (EFI_ERROR(st)) {
		con_error(st, "chainload.efi", "no memory for the command line");
		goto err_cmdline;
	}
	rc = args_parse(words.argc, words.argv, cmdline, CMDLINE_CAP, &args, &d);
	if (rc) {
		st = con_error(efi_status_of(rc), "arguments", "%s", d.msg);
		goto err_args;
	}
	if (args.help) {
		con_print("chainload %s\n%s", CHAINLOAD_VERSION, args_usage);
		st = EFI_SUCCESS;
		goto err_args;
	}
	st = launch(image, &args);
err_args:
	BS->FreePool(cmdline);
err_cmdline:
	launch_words_free(&words);
	return st;
}
