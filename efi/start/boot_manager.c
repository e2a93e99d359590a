/* SPDX-License-Identifier: MIT */
#include "start/boot_manager.h"

#include <efilib.h>
#include <string.h>

#include "boot_menu.h"
#include "fmt.h"
#include "fw/console.h"
#include "fw/cpu.h"
#include "fw/efi_status.h"
#include "fw/file.h"
#include "fw/loader_var.h"
#include "handoff/bli.h"
#include "handoff/firmware_info.h"
#include "launch/launch.h"
#include "loader_conf.h"
#include "secureboot.h"
#include "start/config_file.h"
#include "start/console_mode.h"
#include "start/entries.h"
#include "start/image_location.h"
#include "start/menu.h"
#include "start/start_image.h"
#include "start/xbootldr.h"

#define VAR_MAX	    256
#define CMDLINE_MAX 65536

/* What chainload's menu really does, as LoaderFeatures tells the OS. */
#define FEATURES                                                                            \
	(LOADER_FEATURE_CONFIG_TIMEOUT | LOADER_FEATURE_CONFIG_TIMEOUT_ONE_SHOT |           \
	 LOADER_FEATURE_ENTRY_DEFAULT | LOADER_FEATURE_ENTRY_ONESHOT |                      \
	 LOADER_FEATURE_BOOT_COUNTING | LOADER_FEATURE_XBOOTLDR | LOADER_FEATURE_SORT_KEY | \
	 LOADER_FEATURE_SAVED_ENTRY | LOADER_FEATURE_MENU_DISABLE)

struct manager {
	EFI_HANDLE image;
	EFI_HANDLE volume; /* chainload's own */
	struct boot_args *args;
	char *conf_text; /* pool: loader.conf; conf's strings point into it */
	struct loader_conf conf;
	struct entry_set set;
	struct menu_entry *order[ENTRIES_MAX + 1];
	char *cmdlines[ENTRIES_MAX + 1]; /* pool: each entry's command line, for `e` */
	UINTN n;
	struct menu_entry firmware; /* reboot into the firmware's setup */
	/* The OS's requests: one-shot ones are read, then deleted. */
	char oneshot[VAR_MAX], default_var[VAR_MAX], last_booted[VAR_MAX];
	struct loader_timeout timeout;
	BOOLEAN force_menu;
	UINTN selected;
	bool saving; /* @saved: the booted entry becomes LoaderEntryLastBooted */
};

/* A variable's string, or "" when it is not set or unusable. */
static void read_var(const char *name, char *buf, UINTN cap)
{
	if (EFI_ERROR(loader_var_get(name, buf, cap)))
		buf[0] = '\0';
}

/* loader.conf is optional: without it, systemd-boot's defaults. */
static EFI_STATUS read_loader_conf(struct manager *m, EFI_FILE_HANDLE root)
{
	struct efi_file f;
	struct diag d;
	EFI_STATUS st;

	loader_conf_defaults(&m->conf);
	if (file_missing(root, LOADER_CONF_PATH))
		return EFI_SUCCESS;
	st = file_open(root, LOADER_CONF_PATH, &f);
	if (EFI_ERROR(st))
		return EFI_SUCCESS; /* said; the defaults stay */
	if (f.size > LOADER_CONF_MAX_BYTES) {
		con_error(EFI_BAD_BUFFER_SIZE, LOADER_CONF_PATH,
			  "file is %llu bytes, more than %u: ignored", (unsigned long long)f.size,
			  (unsigned)LOADER_CONF_MAX_BYTES);
		goto done;
	}
	st = BS->AllocatePool(EfiLoaderData, f.size + 1, (void **)&m->conf_text);
	if (EFI_ERROR(st)) {
		file_close(&f);
		return con_error(st, LOADER_CONF_PATH, "no memory for the file");
	}
	if (EFI_ERROR(file_read(&f, 0, m->conf_text, f.size)))
		goto done;
	if (loader_conf_parse(m->conf_text, f.size, &m->conf, &d)) {
		con_error(EFI_LOAD_ERROR, LOADER_CONF_PATH, "%s; ignored", d.msg);
		loader_conf_defaults(&m->conf);
		goto done;
	}
	for (size_t i = 0; i < m->conf.n_warnings && i < LOADER_CONF_MAX_WARNINGS; i++)
		con_print("chainload: warning: " LOADER_CONF_PATH ": line %u: %s\n",
			  m->conf.warnings[i].line, m->conf.warnings[i].msg);
done:
	file_close(&f);
	return EFI_SUCCESS;
}

/* A kernel's command line, or an `efi` image's load options, from the entry. */
static int apply_entry(struct boot_args *a, const struct config *cfg, struct diag *d)
{
	return cfg->linux_path ? args_apply_config(a, cfg, d) : args_apply_efi_entry(a, cfg, d);
}

/* The line `e` shows for an entry: its options, then for a kernel chainload's own words. */
static EFI_STATUS make_cmdline(struct manager *m, struct boot_entry *e, char **ret)
{
	struct boot_args a = *m->args;
	struct diag d;
	EFI_STATUS st;

	*ret = NULL;
	if (!e->cfg)
		return EFI_SUCCESS;
	st = BS->AllocatePool(EfiLoaderData, CMDLINE_MAX, (void **)&a.cmdline);
	if (EFI_ERROR(st))
		return con_error(st, e->file, "no memory for the command line");
	a.cmdline_cap = CMDLINE_MAX;
	if (apply_entry(&a, e->cfg, &d))
		a.cmdline[0] = '\0'; /* booting it says what is wrong */
	*ret = a.cmdline;
	return EFI_SUCCESS;
}

static BOOLEAN firmware_setup_offered(void)
{
	UINT64 supported = 0;
	UINTN size = sizeof(supported);
	EFI_GUID global = EFI_GLOBAL_VARIABLE;

	if (EFI_ERROR(RT->GetVariable(L"OsIndicationsSupported", &global, NULL, &size, &supported)))
		return FALSE;
	return (supported & EFI_OS_INDICATIONS_BOOT_TO_FW_UI) != 0;
}

/* The entries in bootctl's order, their titles, the automatic entries after them. */
static EFI_STATUS gather(struct manager *m)
{
	EFI_STATUS st;
	EFI_HANDLE xbootldr = xbootldr_find(m->volume);

	st = entries_scan(m->volume, m->args->verbose, &m->set);
	if (!EFI_ERROR(st) && xbootldr)
		st = entries_scan(xbootldr, m->args->verbose, &m->set);
	if (EFI_ERROR(st))
		return st;
	for (UINTN i = 0; i < m->set.n; i++)
		m->order[i] = &m->set.v[i]->m;
	m->n = m->set.n;
	menu_sort(m->order, m->n);
	if (m->n && m->conf.auto_firmware && firmware_setup_offered()) {
		m->firmware.id = "auto-reboot-to-firmware-setup";
		m->firmware.title = "Reboot Into Firmware Interface";
		m->firmware.automatic = true;
		m->order[m->n++] = &m->firmware;
	}
	menu_titles(m->order, m->n);
	for (UINTN i = 0; i < m->n; i++) {
		if (m->order[i]->automatic)
			continue;
		st = make_cmdline(m, (struct boot_entry *)m->order[i], &m->cmdlines[i]);
		if (EFI_ERROR(st))
			return st;
	}
	return EFI_SUCCESS;
}

/* A timeout variable's value, if set and well-formed. */
static BOOLEAN read_timeout(const char *name, struct loader_timeout *ret)
{
	char text[32];

	read_var(name, text, sizeof(text));
	return text[0] && loader_timeout_parse(text, ret) && ret->kind != LOADER_TIMEOUT_UNSET;
}

/*
 * The OS's requests, in systemd-boot's precedence: the one-shot timeout
 * (which also forces the menu) over LoaderConfigTimeout over loader.conf;
 * the one-shot entry over LoaderEntryDefault over loader.conf's default.
 * One-shot variables are deleted as they are read, so they hold for one
 * boot whatever happens next.
 */
static void read_requests(struct manager *m)
{
	struct menu_defaults defs;
	struct loader_timeout t;

	m->timeout = m->conf.timeout;
	if (read_timeout("LoaderConfigTimeout", &t))
		m->timeout = t;
	if (read_timeout("LoaderConfigTimeoutOneShot", &t)) {
		m->timeout = t;
		m->force_menu = TRUE;
	}
	loader_var_delete("LoaderConfigTimeoutOneShot");
	read_var("LoaderEntryOneShot", m->oneshot, sizeof(m->oneshot));
	loader_var_delete("LoaderEntryOneShot");
	read_var("LoaderEntryDefault", m->default_var, sizeof(m->default_var));
	read_var("LoaderEntryLastBooted", m->last_booted, sizeof(m->last_booted));
	defs.oneshot = m->oneshot[0] ? m->oneshot : NULL;
	defs.efivar_default = m->default_var[0] ? m->default_var : NULL;
	defs.config_default = m->conf.default_saved ? "@saved" : m->conf.default_pattern;
	defs.last_booted = m->last_booted[0] ? m->last_booted : NULL;
	m->selected = menu_choose_default(m->order, m->n, &defs, &m->saving);
}

/* LoaderEntries and LoaderFeatures, for the OS to see what the menu held. */
static void publish(struct manager *m)
{
	UINT16 *ids;
	UINTN units, cap = 0;

	for (UINTN i = 0; i < m->n; i++)
		cap += DIR_NAME_MAX;
	if (EFI_ERROR(BS->AllocatePool(EfiLoaderData, cap * sizeof(UINT16) + 2, (void **)&ids)))
		return;
	units = menu_loader_entries(m->order, m->n, ids, cap + 1);
	bli_menu(ids, units, FEATURES);
	BS->FreePool(ids);
}

/* Reboots into the firmware's setup (OsIndications); returns only if it cannot. */
static EFI_STATUS reboot_to_firmware(void)
{
	EFI_GUID global = EFI_GLOBAL_VARIABLE;
	UINT64 ind = 0;
	UINTN size = sizeof(ind);
	EFI_STATUS st;

	RT->GetVariable(L"OsIndications", &global, NULL, &size, &ind);
	ind |= EFI_OS_INDICATIONS_BOOT_TO_FW_UI;
	st = RT->SetVariable(L"OsIndications", &global,
			     EFI_VARIABLE_NON_VOLATILE | EFI_VARIABLE_BOOTSERVICE_ACCESS |
				     EFI_VARIABLE_RUNTIME_ACCESS,
			     sizeof(ind), &ind);
	if (EFI_ERROR(st))
		return con_error(st, "OsIndications", "cannot ask for the firmware's setup");
	RT->ResetSystem(EfiResetCold, EFI_SUCCESS, 0, NULL);
	return con_error(EFI_DEVICE_ERROR, "ResetSystem", "the firmware did not reset");
}

/* Boots entry i, with `cmdline` instead of its own when not NULL. */
static EFI_STATUS boot_entry(struct manager *m, UINTN i, const char *cmdline)
{
	struct boot_entry *e = (struct boot_entry *)m->order[i];
	char count_path[sizeof(ENTRIES_DIR) + DIR_NAME_MAX];
	struct boot_args a = *m->args;
	struct diag d;
	BOOLEAN counted;

	if (m->order[i]->automatic)
		return reboot_to_firmware();
	fmt_format(count_path, sizeof(count_path), "%s\\%s", ENTRIES_DIR, e->file);
	if (!e->cfg)
		return con_error(EFI_LOAD_ERROR, count_path, "%s", e->error);
	a.use_config = true;
	a.volume = e->volume;
	if (apply_entry(&a, e->cfg, &d))
		return con_error(efi_status_of(CL_E_CONFIG), e->file, "%s", d.msg);
	if (cmdline) {
		a.cmdline_len = fmt_format(a.cmdline, a.cmdline_cap, "%s", cmdline);
		if (a.cmdline_len + 1 > a.cmdline_cap)
			return con_error(EFI_BAD_BUFFER_SIZE, e->file,
					 "the edited line is too long");
	}
	counted = entries_count_try(e, count_path, sizeof(count_path));
	bli_chosen(e->id, counted ? count_path : NULL);
	if (m->saving && strcmp(m->last_booted, e->id)) {
		loader_var_set("LoaderEntryLastBooted", e->id, LOADER_VAR_NV);
		fmt_format(m->last_booted, sizeof(m->last_booted), "%s", e->id);
	}
	if (e->cfg->efi_path)
		return start_image(m->image, e->volume, e->cfg->efi_path, a.cmdline);
	return launch(m->image, &a);
}

/* Whether the menu shows before the default boots (the timeout's kind). */
static BOOLEAN menu_wanted(const struct manager *m)
{
	switch (m->timeout.kind) {
	case LOADER_TIMEOUT_MENU_DISABLED:
		return FALSE;
	case LOADER_TIMEOUT_MENU_FORCE:
		return TRUE;
	default:
		break;
	}
	if (m->force_menu || m->timeout.seconds)
		return TRUE;
	/* Timeout 0: a key held down at this moment still opens the menu. */
	return menu_key_pressed(MENU_KEY_POLL_MS);
}

/* The user's changes in the menu, kept as systemd-boot keeps them. */
static void save_settings(struct manager *m, const struct menu_result *r)
{
	char text[32];

	if (r->default_changed) {
		if (r->default_index < m->n)
			loader_var_set("LoaderEntryDefault", m->order[r->default_index]->id,
				       LOADER_VAR_NV);
		else
			loader_var_delete("LoaderEntryDefault");
	}
	if (!r->timeout_changed)
		return;
	if (loader_timeout_format(&r->timeout, text, sizeof(text)))
		loader_var_set("LoaderConfigTimeout", text, LOADER_VAR_NV);
	else
		loader_var_delete("LoaderConfigTimeout");
}

/* The menu, or the default, until an entry boots or the user leaves. */
static EFI_STATUS run(struct manager *m)
{
	struct menu_row rows[ENTRIES_MAX + 1];
	BOOLEAN show = menu_wanted(m), editor, mode_set = FALSE;
	char mode_warning[160];
	struct menu_result r;
	struct menu_view v;
	EFI_STATUS st;

	editor = m->conf.editor && secureboot_vars_state(FALSE) != SECURE_BOOT_ENABLED;
	for (UINTN i = 0; i < m->n; i++) {
		rows[i].title = m->order[i]->shown;
		rows[i].cmdline = m->cmdlines[i];
		rows[i].broken = m->order[i]->broken;
	}
	SetMem(&v, sizeof(v), 0);
	v.rows = rows;
	v.n = m->n;
	v.selected = m->selected;
	v.timeout = m->timeout;
	v.editor = editor;
	v.default_index = m->n;
	for (UINTN i = 0; i < m->n && m->default_var[0]; i++)
		if (entry_id_matches(m->order[i]->id, m->default_var)) {
			v.default_index = i;
			break;
		}
	for (;;) {
		if (!show) {
			st = boot_entry(m, m->selected, NULL);
		} else {
			if (!mode_set) {
				console_mode_apply(&m->conf, m->args->verbose, mode_warning,
						   sizeof(mode_warning));
				v.error = mode_warning;
			}
			mode_set = TRUE;
			st = menu_run(&v, &r);
			if (EFI_ERROR(st))
				return st;
			save_settings(m, &r);
			if (r.choice == MENU_CHOSE_QUIT)
				return EFI_ABORTED;
			st = boot_entry(m, r.index, r.edited ? r.cmdline : NULL);
			v.selected = r.index;
		}
		/* Back here: the entry did not boot.  Its error goes under the menu. */
		if (m->timeout.kind == LOADER_TIMEOUT_MENU_DISABLED)
			return st;
		v.error = con_last_error();
		v.timeout.kind = LOADER_TIMEOUT_MENU_FORCE;
		show = TRUE;
	}
}

static void manager_free(struct manager *m)
{
	for (UINTN i = 0; i < m->n; i++)
		if (m->cmdlines[i])
			BS->FreePool(m->cmdlines[i]);
	entries_free(&m->set);
	if (m->conf_text)
		BS->FreePool(m->conf_text);
	BS->FreePool(m);
}

EFI_STATUS boot_manager(EFI_HANDLE image, struct boot_args *args)
{
	EFI_FILE_HANDLE root;
	struct manager *m;
	EFI_STATUS st;

	st = BS->AllocatePool(EfiLoaderData, sizeof(*m), (void **)&m);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no memory for the boot menu");
	SetMem(m, sizeof(*m), 0);
	m->image = image;
	m->volume = image_volume(image);
	m->args = args;
	st = file_open_volume(m->volume, &root);
	if (EFI_ERROR(st))
		goto out;
	st = read_loader_conf(m, root);
	root->Close(root);
	if (EFI_ERROR(st))
		goto out;
	st = gather(m);
	if (EFI_ERROR(st))
		goto out;
	if (!m->n) {
		st = con_error(EFI_NOT_FOUND, ENTRIES_DIR,
			       "no boot entries, no KERNEL given and no " CONFIG_DEFAULT_NAME
			       " beside chainload (try --help)");
		goto out;
	}
	read_requests(m);
	publish(m);
	st = run(m);
out:
	manager_free(m);
	return st;
}
