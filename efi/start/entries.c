/* SPDX-License-Identifier: MIT */
#include "start/entries.h"

#include <efilib.h>

#include "fmt.h"
#include "fw/console.h"
#include "fw/efi_status.h"
#include "fw/file.h"
#include "start/config_file.h"

static void warn_skip(BOOLEAN verbose, const char *file, const char *why, const char *what)
{
	if (verbose)
		con_print("chainload: warning: " ENTRIES_DIR "\\%s: %s%s, not listed\n", file, why,
			  what);
}

/* Reads and parses the entry e->file; a parse error marks it broken. */
static EFI_STATUS load_entry(EFI_FILE_HANDLE root, struct boot_entry *e)
{
	char path[sizeof(ENTRIES_DIR) + DIR_NAME_MAX];
	struct efi_file f;
	struct diag d;
	EFI_STATUS st;

	fmt_format(path, sizeof(path), "%s\\%s", ENTRIES_DIR, e->file);
	st = file_open(root, path, &f);
	if (EFI_ERROR(st)) {
		fmt_format(e->error, sizeof(e->error), "cannot be read (%s)", efi_status_name(st));
		return EFI_SUCCESS;
	}
	if (f.size > CONFIG_MAX_BYTES) {
		fmt_format(e->error, sizeof(e->error),
			   "file is %llu bytes, more than the %u allowed",
			   (unsigned long long)f.size, (unsigned)CONFIG_MAX_BYTES);
		goto done;
	}
	st = BS->AllocatePool(EfiLoaderData, f.size + 1, (void **)&e->text);
	if (EFI_ERROR(st))
		goto err_text;
	st = BS->AllocatePool(EfiLoaderData, sizeof(*e->cfg), (void **)&e->cfg);
	if (EFI_ERROR(st))
		goto err_cfg;
	st = file_read(&f, 0, e->text, f.size);
	if (EFI_ERROR(st)) {
		fmt_format(e->error, sizeof(e->error), "cannot be read (%s)", efi_status_name(st));
	} else if (config_parse(e->text, f.size, e->cfg, &d)) {
		fmt_format(e->error, sizeof(e->error), "%s", d.msg);
	} else {
		config_file_warnings(path, e->cfg);
		goto done;
	}
	BS->FreePool(e->cfg);
	e->cfg = NULL;
done:
	file_close(&f);
	return EFI_SUCCESS;

err_cfg:
	BS->FreePool(e->text);
	e->text = NULL;
err_text:
	file_close(&f);
	return con_error(st, path, "no memory for the entry");
}

/* What the order and the menu know of an entry. */
static void describe(struct boot_entry *e)
{
	struct menu_entry *m = &e->m;

	m->id = e->id;
	m->counted = e->name.counted;
	m->left = e->name.left;
	m->broken = !e->cfg;
	if (!e->cfg)
		return;
	m->title = e->cfg->title;
	m->version = e->cfg->version;
	m->sort_key = e->cfg->sort_key;
	m->machine_id = e->cfg->machine_id;
}

static void entry_free(struct boot_entry *e)
{
	if (e->text)
		BS->FreePool(e->text);
	if (e->cfg)
		BS->FreePool(e->cfg);
	BS->FreePool(e);
}

/* Whether the parsed entry e is one to list here (see entries.h). */
static BOOLEAN listed(EFI_FILE_HANDLE root, const struct boot_entry *e, BOOLEAN verbose)
{
	if (!e->cfg)
		return TRUE;
	if (!config_arch_is_ours(e->cfg)) {
		warn_skip(verbose, e->file, "for architecture ", e->cfg->architecture);
		return FALSE;
	}
	if (e->cfg->linux_path && file_missing(root, e->cfg->linux_path)) {
		warn_skip(verbose, e->file, "no file ", e->cfg->linux_path);
		return FALSE;
	}
	return TRUE;
}

/* One directory entry: listed in `set` if it is an entry to list. */
static EFI_STATUS add(EFI_FILE_HANDLE root, EFI_HANDLE device, const struct dir_entry *de,
		      BOOLEAN verbose, struct entry_set *set)
{
	struct boot_entry *e;
	struct entry_name name;
	EFI_STATUS st;

	if (de->is_dir || !entry_name_parse(de->name, &name))
		return EFI_SUCCESS;
	if (set->n == ENTRIES_MAX) {
		con_print("chainload: warning: " ENTRIES_DIR
			  "\\%s: more than %u entries, not listed\n",
			  de->name, (unsigned)ENTRIES_MAX);
		return EFI_SUCCESS;
	}
	st = BS->AllocatePool(EfiLoaderData, sizeof(*e), (void **)&e);
	if (EFI_ERROR(st))
		return con_error(st, ENTRIES_DIR, "no memory for the entry %s", de->name);
	SetMem(e, sizeof(*e), 0);
	e->volume = device;
	e->name = name;
	fmt_format(e->file, sizeof(e->file), "%s", de->name);
	if (!entry_name_id(e->file, &name, e->id, sizeof(e->id))) {
		entry_free(e);
		return EFI_SUCCESS; /* an id never outgrows its name: not reached */
	}
	st = load_entry(root, e);
	if (EFI_ERROR(st) || !listed(root, e, verbose)) {
		entry_free(e);
		return st;
	}
	describe(e);
	set->v[set->n++] = e;
	return EFI_SUCCESS;
}

EFI_STATUS entries_scan(EFI_HANDLE device, BOOLEAN verbose, struct entry_set *set)
{
	EFI_FILE_HANDLE root, dir;
	struct dir_entry de;
	EFI_STATUS st;

	st = file_open_volume(device, &root);
	if (EFI_ERROR(st))
		return st;
	st = dir_open(root, ENTRIES_DIR, &dir);
	if (EFI_ERROR(st)) {
		root->Close(root);
		return EFI_SUCCESS; /* no entries here */
	}
	for (;;) {
		st = dir_next(dir, &de);
		if (!EFI_ERROR(st))
			st = add(root, device, &de, verbose, set);
		if (EFI_ERROR(st))
			break;
	}
	dir->Close(dir);
	root->Close(root);
	return st == EFI_NOT_FOUND ? EFI_SUCCESS : st;
}

void entries_free(struct entry_set *set)
{
	for (UINTN i = 0; i < set->n; i++)
		entry_free(set->v[i]);
	set->n = 0;
}

BOOLEAN entries_count_try(struct boot_entry *e, char *path, UINTN cap)
{
	char next[DIR_NAME_MAX];
	EFI_FILE_HANDLE root, dir;
	EFI_STATUS st;

	if (!e->name.counted)
		return FALSE;
	if (!entry_name_next(e->file, &e->name, next, sizeof(next))) {
		st = EFI_BAD_BUFFER_SIZE;
		goto err_name;
	}
	st = file_open_volume(e->volume, &root);
	if (EFI_ERROR(st))
		goto err_root;
	st = dir_open(root, ENTRIES_DIR, &dir);
	if (EFI_ERROR(st))
		goto err_dir;
	st = dir_rename(dir, e->file, next);
	if (EFI_ERROR(st))
		goto err_rename;
	dir->Close(dir);
	root->Close(root);
	fmt_format(e->file, sizeof(e->file), "%s", next);
	entry_name_parse(e->file, &e->name);
	fmt_format(path, cap, "%s\\%s", ENTRIES_DIR, next);
	return TRUE;

err_rename:
	dir->Close(dir);
err_dir:
	root->Close(root);
err_root:
err_name:
	con_print("chainload: warning: " ENTRIES_DIR "\\%s: cannot count this try (%s); booting "
		  "it anyway\n",
		  e->file, efi_status_name(st));
	return FALSE;
}
