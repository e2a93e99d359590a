/* SPDX-License-Identifier: MIT */
#include "start/argv.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/efi_status.h"
#include "loadopts.h"
#include "utf16.h"

#define MAX_WORDS 256

static EFI_GUID shell_parameters_guid = EFI_SHELL_PARAMETERS_PROTOCOL_GUID;

static EFI_STATUS alloc_words(struct launch_words *w, UINTN text_bytes, UINTN words)
{
	EFI_STATUS st;

	st = BS->AllocatePool(EfiLoaderData, text_bytes, (void **)&w->text);
	if (EFI_ERROR(st))
		return st;
	st = BS->AllocatePool(EfiLoaderData, (words + 1) * sizeof(char *), (void **)&w->argv);
	if (EFI_ERROR(st)) {
		BS->FreePool(w->text);
		w->text = NULL;
	}
	return st;
}

static EFI_STATUS from_shell(EFI_SHELL_PARAMETERS_PROTOCOL *sp, struct launch_words *w)
{
	UINTN total = 0, used = 0;
	struct diag d;
	EFI_STATUS st;

	for (UINTN i = 1; i < sp->Argc; i++)
		total += utf16_utf8_bound(StrLen(sp->Argv[i]));
	st = alloc_words(w, total + 1, sp->Argc);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory for the arguments");
	for (UINTN i = 1; i < sp->Argc; i++) {
		UINTN units = StrLen(sp->Argv[i]);
		size_t len;
		int rc = utf16_to_utf8(sp->Argv[i], units, w->text + used, total + 1 - used, &len,
				       &d);

		if (rc) {
			launch_words_free(w);
			return con_error(efi_status_of(rc), "arguments", "%s", d.msg);
		}
		w->argv[w->argc++] = w->text + used;
		used += len + 1;
	}
	return EFI_SUCCESS;
}

static EFI_STATUS from_load_options(EFI_LOADED_IMAGE *li, const struct image_location *loc,
				    struct launch_words *w)
{
	UINTN size = li->LoadOptionsSize;
	/* Bounded by loadopts.c's limit, which refuses longer options itself. */
	UINTN cap = loadopts_text_cap(size);
	struct diag d;
	EFI_STATUS st;
	int rc;

	if (!li->LoadOptions || !size)
		return EFI_SUCCESS;
	st = alloc_words(w, cap, MAX_WORDS);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory for the load options");
	rc = loadopts_split(li->LoadOptions, size, w->text, cap, w->argv, MAX_WORDS, &w->argc, &d);
	if (rc) {
		launch_words_free(w);
		return con_error(efi_status_of(rc), "load options", "%s", d.msg);
	}
	/* iPXE's options start with the image's own name, as a shell's argv does. */
	if (w->argc && loc->have_path && loadopts_names_image(w->argv[0], loc->path)) {
		w->argc--;
		for (int i = 0; i < w->argc; i++)
			w->argv[i] = w->argv[i + 1];
	}
	return EFI_SUCCESS;
}

EFI_STATUS launch_words_get(EFI_HANDLE image, const struct image_location *loc,
			    struct launch_words *ret)
{
	EFI_SHELL_PARAMETERS_PROTOCOL *sp;
	EFI_LOADED_IMAGE *li;
	EFI_STATUS st;

	ret->argc = 0;
	ret->argv = NULL;
	ret->text = NULL;
	st = BS->HandleProtocol(image, &shell_parameters_guid, (void **)&sp);
	if (!EFI_ERROR(st))
		return from_shell(sp, ret);
	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no loaded-image protocol");
	return from_load_options(li, loc, ret);
}

void launch_words_free(struct launch_words *w)
{
	if (w->text)
		BS->FreePool(w->text);
	if (w->argv)
		BS->FreePool(w->argv);
	w->text = NULL;
	w->argv = NULL;
	w->argc = 0;
}
