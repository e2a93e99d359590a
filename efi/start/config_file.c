/* SPDX-License-Identifier: MIT */
#include "start/config_file.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/efi_status.h"
#include "fw/file.h"

static EFI_STATUS set_path(const struct image_location *loc, const char *path,
			   struct config_file *cf)
{
	struct diag d;

	if (path) {
		UINTN n = 0;

		for (; path[n] && n + 1 < sizeof(cf->path); n++)
			cf->path[n] = path[n];
		cf->path[n] = '\0';
		if (path[n])
			return con_error(EFI_BAD_BUFFER_SIZE, "--config", "path is too long");
		return EFI_SUCCESS;
	}
	if (!loc->have_path)
		return con_error(
			EFI_NOT_FOUND, "chainload.efi",
			"no KERNEL given, and the firmware did not say where chainload is, "
			"so there is no default config (try --help)");
	if (config_path_beside(loc->path, cf->path, sizeof(cf->path), &d))
		return con_error(EFI_BAD_BUFFER_SIZE, loc->path, "%s", d.msg);
	return EFI_SUCCESS;
}

/* Reads and parses cf->path; fills cf->text and cf->cfg only on success. */
static EFI_STATUS read_and_parse(EFI_FILE_HANDLE root, struct config_file *cf)
{
	struct config *cfg;
	struct efi_file f;
	struct diag d;
	char *text;
	EFI_STATUS st;
	int rc;

	st = file_open(root, cf->path, &f);
	if (EFI_ERROR(st))
		return st;
	if (f.size > CONFIG_MAX_BYTES) {
		st = con_error(EFI_BAD_BUFFER_SIZE, cf->path,
			       "file is %llu bytes, more than the %u allowed",
			       (unsigned long long)f.size, (unsigned)CONFIG_MAX_BYTES);
		goto err_size;
	}
	st = BS->AllocatePool(EfiLoaderData, f.size + 1, (void **)&text);
	if (EFI_ERROR(st)) {
		con_error(st, cf->path, "no memory for the file");
		goto err_text;
	}
	st = BS->AllocatePool(EfiLoaderData, sizeof(*cfg), (void **)&cfg);
	if (EFI_ERROR(st)) {
		con_error(st, cf->path, "no memory to parse the file");
		goto err_cfg;
	}
	st = file_read(&f, 0, text, f.size);
	if (EFI_ERROR(st))
		goto err_read;
	rc = config_parse(text, f.size, cfg, &d);
	if (rc) {
		st = con_error(efi_status_of(rc), cf->path, "%s", d.msg);
		goto err_parse;
	}
	/* One entry named on purpose: another architecture's is an error, not skipped. */
	if (!config_arch_is_ours(cfg)) {
		st = con_error(efi_status_of(CL_E_CONFIG), cf->path,
			       "line %u: entry is for architecture `%s`, not x64",
			       cfg->architecture_line, cfg->architecture);
		goto err_arch;
	}
	file_close(&f);
	cf->text = text;
	cf->cfg = cfg;
	return EFI_SUCCESS;

err_arch:
err_parse:
err_read:
	BS->FreePool(cfg);
err_cfg:
	BS->FreePool(text);
err_text:
err_size:
	file_close(&f);
	return st;
}

void config_file_warnings(const char *path, const struct config *c)
{
	for (size_t i = 0; i < c->n_warnings && i < CONFIG_MAX_WARNINGS; i++)
		con_print("chainload: warning: %s: line %u: %s\n", path, c->warnings[i].line,
			  c->warnings[i].msg);
	if (c->n_warnings > CONFIG_MAX_WARNINGS)
		con_print("chainload: warning: %s: %llu more warnings not shown\n", path,
			  (unsigned long long)(c->n_warnings - CONFIG_MAX_WARNINGS));
}

EFI_STATUS config_file_load(EFI_HANDLE image, const struct image_location *loc, const char *path,
			    struct config_file *ret)
{
	EFI_FILE_HANDLE root;
	EFI_STATUS st;

	SetMem(ret, sizeof(*ret), 0);
	st = set_path(loc, path, ret);
	if (EFI_ERROR(st))
		return st;
	st = file_open_root(image, &root);
	if (EFI_ERROR(st))
		return st;
	st = read_and_parse(root, ret);
	if (EFI_ERROR(st))
		goto err_root;
	root->Close(root);
	config_file_warnings(ret->path, ret->cfg);
	return EFI_SUCCESS;

err_root:
	root->Close(root);
	return st;
}

void config_file_free(struct config_file *cf)
{
	if (cf->text)
		BS->FreePool(cf->text);
	if (cf->cfg)
		BS->FreePool(cf->cfg);
	if (cf->argv)
		BS->FreePool(cf->argv);
	cf->text = NULL;
	cf->cfg = NULL;
	cf->argv = NULL;
}

EFI_STATUS config_file_argv(struct config_file *cf, int argc, char *const *argv, int *ret_argc,
			    char ***ret_argv)
{
	const struct config *c = cf->cfg;
	UINTN n = c->n_loader_words + (UINTN)argc;
	EFI_STATUS st;

	st = BS->AllocatePool(EfiLoaderData, (n + 1) * sizeof(char *), (void **)&cf->argv);
	if (EFI_ERROR(st))
		return con_error(st, cf->path, "no memory for its chainload-options");
	for (UINTN i = 0; i < c->n_loader_words; i++)
		cf->argv[i] = (char *)c->loader_words[i];
	for (int i = 0; i < argc; i++)
		cf->argv[c->n_loader_words + (UINTN)i] = argv[i];
	cf->argv[n] = NULL;
	*ret_argc = (int)n;
	*ret_argv = cf->argv;
	return EFI_SUCCESS;
}

BOOLEAN config_file_default_exists(EFI_HANDLE image, const struct image_location *loc)
{
	char path[IMAGE_PATH_UNITS * 3];
	EFI_FILE_HANDLE root;
	BOOLEAN exists;
	struct diag d;

	if (!loc->have_path || config_path_beside(loc->path, path, sizeof(path), &d))
		return FALSE;
	if (EFI_ERROR(file_open_root(image, &root)))
		return FALSE;
	exists = !file_missing(root, path);
	root->Close(root);
	return exists;
}
