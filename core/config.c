/* SPDX-License-Identifier: MIT */
/*
 * Boot Loader Specification Type #1 entries (config.h): what each key
 * means, over the line reader that loader.conf shares (conf_lines.c).
 */
#include "config.h"

#include <string.h>

/* The keys that may appear once: a second line is an error naming the first. */
enum single_key {
	KEY_TITLE,
	KEY_VERSION,
	KEY_SORT_KEY,
	KEY_MACHINE_ID,
	KEY_ARCHITECTURE,
	KEY_LINUX,
	KEY_EFI,
	SINGLE_KEY_COUNT
};

static const char *const single_key_names[SINGLE_KEY_COUNT] = {
	"title", "version", "sort-key", "machine-id", "architecture", "linux", "efi",
};

struct parser {
	struct config *c;
	struct diag *diag;
	unsigned line;
	unsigned first_line[SINGLE_KEY_COUNT]; /* 0: not seen yet */
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char **single_field(struct config *c, enum single_key k)
{
	switch (k) {
	case KEY_TITLE:
		return &c->title;
	case KEY_VERSION:
		return &c->version;
	case KEY_SORT_KEY:
		return &c->sort_key;
	case KEY_MACHINE_ID:
		return &c->machine_id;
	case KEY_ARCHITECTURE:
		return &c->architecture;
	case KEY_LINUX:
		return &c->linux_path;
	default:
		return &c->efi_path;
	}
}

static int set_once(struct parser *p, enum single_key k, const char *value)
{
	const char *key = single_key_names[k];

	if (p->first_line[k])
		return diag_set(p->diag, CL_E_CONFIG,
				"line %u: second `%s` line (the first is line %u)", p->line, key,
				p->first_line[k]);
	/* An entry boots a kernel or an EFI image, never both. */
	if (k == KEY_LINUX && p->first_line[KEY_EFI])
		return diag_set(p->diag, CL_E_CONFIG,
				"line %u: `linux` in an entry whose `efi` line is line %u: one of "
				"the two, not both",
				p->line, p->first_line[KEY_EFI]);
	if (k == KEY_EFI && p->first_line[KEY_LINUX])
		return diag_set(p->diag, CL_E_CONFIG,
				"line %u: `efi` in an entry whose `linux` line is line %u: one of "
				"the two, not both",
				p->line, p->first_line[KEY_LINUX]);
	*single_field(p->c, k) = value;
	p->first_line[k] = p->line;
	if (k == KEY_ARCHITECTURE)
		p->c->architecture_line = p->line;
	return CL_OK;
}

/*
 * `options` and `chainload-options` values are split at blanks in place
 * into words[*n], at most `max`; each word ends in a NUL.
 */
static int add_words(struct parser *p, const char *key, char *value, const char **words, size_t *n,
		     size_t max)
{
	char *s = value;

	while (*s) {
		if (*n == max)
			return diag_set(p->diag, CL_E_CONFIG, "line %u: more than %u `%s` words",
					p->line, (unsigned)max, key);
		words[(*n)++] = s;
		while (*s && !is_blank(*s))
			s++;
		if (!*s)
			break;
		*s++ = '\0';
		while (is_blank(*s))
			s++;
	}
	return CL_OK;
}

/* chainload's options only: what is not one would end them and name a kernel. */
static int add_loader_words(struct parser *p, const char *key, char *value)
{
	struct config *c = p->c;
	size_t first = c->n_loader_words;
	int rc;

	rc = add_words(p, key, value, c->loader_words, &c->n_loader_words, CONFIG_MAX_LOADER_WORDS);
	for (size_t i = first; !rc && i < c->n_loader_words; i++) {
		const char *w = c->loader_words[i];

		if (w[0] != '-' || !w[1] || !strcmp(w, "--"))
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: `%s` takes chainload's options, and %s is not "
					"one (the kernel's go on `options` lines)",
					p->line, key, w);
		if (!strcmp(w, "-c") || !strncmp(w, "--config", 8))
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: `%s` cannot name another config", p->line, key);
		if (!strcmp(w, "-i") || !strncmp(w, "--initrd", 8))
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: `%s`: initrds go on `initrd` lines", p->line,
					key);
	}
	return rc;
}

static int handle(struct parser *p, const char *key, char *value)
{
	struct config *c = p->c;

	if (!*value)
		return diag_set(p->diag, CL_E_CONFIG, "line %u: `%s` needs a value", p->line, key);
	for (int k = 0; k < SINGLE_KEY_COUNT; k++)
		if (!strcmp(key, single_key_names[k]))
			return set_once(p, (enum single_key)k, value);
	if (!strcmp(key, "initrd")) {
		if (c->n_initrds == CONFIG_MAX_INITRDS)
			return diag_set(p->diag, CL_E_CONFIG,
					"line %u: more than %d `initrd` lines", p->line,
					CONFIG_MAX_INITRDS);
		c->initrds[c->n_initrds++] = value;
		return CL_OK;
	}
	if (!strcmp(key, "options"))
		return add_words(p, key, value, c->words, &c->n_words, CONFIG_MAX_WORDS);
	if (!strcmp(key, "chainload-options"))
		return add_loader_words(p, key, value);
	/* Device trees describe ARM and RISC-V boards; x86 firmware has ACPI. */
	if (!strcmp(key, "devicetree") || !strcmp(key, "devicetree-overlay"))
		conf_warn(c->warnings, &c->n_warnings, p->line, "`%s` ignored on x86", key);
	else
		conf_warn(c->warnings, &c->n_warnings, p->line, "unknown key `%s`, ignored", key);
	return CL_OK;
}

int config_parse(char *text, size_t size, struct config *ret, struct diag *diag)
{
	struct parser p = { .c = ret, .diag = diag };
	struct conf_reader r;
	char *key, *value;
	int rc;

	memset(ret, 0, sizeof(*ret));
	rc = conf_lines_begin(&r, text, size, CONFIG_MAX_BYTES, diag);
	while (!rc) {
		rc = conf_lines_next(&r, &key, &value, diag);
		if (rc || !key)
			break;
		p.line = r.line;
		rc = handle(&p, key, value);
	}
	if (rc)
		return rc;
	if (!ret->linux_path && !ret->efi_path)
		return diag_set(diag, CL_E_CONFIG, "no `linux` or `efi` line: nothing to boot");
	return CL_OK;
}

bool config_arch_is_ours(const struct config *c)
{
	const char *a = c->architecture;

	return !a || ((a[0] == 'x' || a[0] == 'X') && !strcmp(a + 1, "64"));
}

int config_path_beside(const char *image_path, char *out, size_t cap, struct diag *diag)
{
	const char *name = CONFIG_DEFAULT_NAME;
	size_t dir = 0, n = strlen(name);

	for (size_t i = 0; image_path[i]; i++)
		if (image_path[i] == '\\' || image_path[i] == '/')
			dir = i + 1;
	if (dir + n + 1 > cap)
		return diag_set(diag, CL_E_TOO_MANY, "path longer than %zu bytes",
				cap ? cap - 1 : 0);
	/* A name without a directory stays relative: a PXE boot file's, beside it. */
	memcpy(out, image_path, dir);
	memcpy(out + dir, name, n + 1);
	return CL_OK;
}
