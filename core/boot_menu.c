/* SPDX-License-Identifier: MIT */
#include "boot_menu.h"

#include <string.h>

#include "entry_name.h"
#include "fmt.h"
#include "utf8.h"
#include "version.h"

#define SAVED		 "@saved"
#define MACHINE_ID_SHOWN 8

static bool exhausted(const struct menu_entry *e)
{
	return e->counted && !e->left;
}

/* strcmp with NULL (absent) before any string. */
static int cmp_absent_first(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

int menu_compare(const struct menu_entry *a, const struct menu_entry *b)
{
	int r;

	if (a->automatic != b->automatic)
		return a->automatic ? 1 : -1;
	if (exhausted(a) != exhausted(b))
		return exhausted(a) ? 1 : -1;
	if (!a->sort_key != !b->sort_key)
		return a->sort_key ? -1 : 1;
	if (a->sort_key) {
		r = strcmp(a->sort_key, b->sort_key);
		if (r)
			return r;
		r = cmp_absent_first(a->machine_id, b->machine_id);
		if (r)
			return r;
		r = version_compare(b->version, a->version);
		if (r)
			return r;
	}
	return version_compare(b->id, a->id);
}

/* Insertion sort: stable, no memory, and menus are short. */
void menu_sort(struct menu_entry **v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct menu_entry *e = v[i];
		size_t j = i;

		for (; j && menu_compare(v[j - 1], e) > 0; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
}

/* Whether another entry shows the same title as v[i]. */
static bool shown_twice(struct menu_entry *const *v, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (j != i && !strcmp(v[j]->shown, v[i]->shown))
			return true;
	return false;
}

/* Cuts s back to a character boundary when fmt_format filled it to the brim. */
static void end_on_boundary(char *s)
{
	size_t n = strlen(s);

	if (n + 1 < MENU_SHOWN_MAX)
		return;
	while (n && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
		n--;
	/* n - 1 is a lead byte (or ASCII): keep it only if its sequence is whole. */
	if (n && (unsigned char)s[n - 1] >= 0xc0)
		n--;
	s[n] = '\0';
}

/* One round of systemd-boot's: " (WHAT)" after each title still shown twice. */
static void disambiguate(struct menu_entry *const *v, size_t n, int round)
{
	bool twice[MENU_MAX_ENTRIES];

	for (size_t i = 0; i < n; i++)
		twice[i] = shown_twice(v, n, i);
	for (size_t i = 0; i < n; i++) {
		struct menu_entry *e = v[i];
		char base[MENU_SHOWN_MAX], mid[MACHINE_ID_SHOWN + 1];

		if (!twice[i])
			continue;
		memcpy(base, e->shown, sizeof(base));
		if (round == 0 && e->version)
			fmt_format(e->shown, sizeof(e->shown), "%s (%s)", base, e->version);
		else if (round == 1 && e->machine_id) {
			fmt_format(mid, sizeof(mid), "%s", e->machine_id);
			fmt_format(e->shown, sizeof(e->shown), "%s (%s)", base, mid);
		} else if (round == 2)
			fmt_format(e->shown, sizeof(e->shown), "%s (%s)", base, e->id);
		end_on_boundary(e->shown);
	}
}

void menu_titles(struct menu_entry *const *v, size_t n)
{
	if (n > MENU_MAX_ENTRIES)
		n = MENU_MAX_ENTRIES;
	for (size_t i = 0; i < n; i++) {
		fmt_format(v[i]->shown, sizeof(v[i]->shown), "%s",
			   v[i]->title ? v[i]->title : v[i]->id);
		end_on_boundary(v[i]->shown);
	}
	for (int round = 0; round < 3; round++)
		disambiguate(v, n, round);
}

static bool is_saved(const char *pattern)
{
	for (size_t i = 0; i <= sizeof(SAVED) - 1; i++) {
		char c = pattern[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != SAVED[i])
			return false;
	}
	return true;
}

static bool can_boot(const struct menu_entry *e)
{
	return !e->broken && !e->automatic;
}

/* The first entry that can boot and `pattern` names; n when none. */
static size_t find(struct menu_entry *const *v, size_t n, const char *pattern, bool any_tries)
{
	if (!pattern)
		return n;
	for (size_t i = 0; i < n; i++)
		if (can_boot(v[i]) && (any_tries || !exhausted(v[i])) &&
		    entry_id_matches(v[i]->id, pattern))
			return i;
	return n;
}

/* A default pattern: "@saved" stands for the last booted entry. */
static size_t find_default(struct menu_entry *const *v, size_t n, const char *pattern,
			   const char *last_booted)
{
	if (pattern && is_saved(pattern))
		pattern = last_booted;
	return find(v, n, pattern, false);
}

size_t menu_choose_default(struct menu_entry *const *v, size_t n, const struct menu_defaults *d,
			   bool *ret_saving)
{
	size_t i;

	*ret_saving = d->efivar_default ? is_saved(d->efivar_default)
					: d->config_default && is_saved(d->config_default);
	i = find(v, n, d->oneshot, true);
	if (i == n)
		i = find_default(v, n, d->efivar_default, d->last_booted);
	if (i == n)
		i = find_default(v, n, d->config_default, d->last_booted);
	if (i == n)
		i = find(v, n, "*", false);
	if (i == n)
		i = find(v, n, "*", true);
	return i;
}

size_t menu_loader_entries(struct menu_entry *const *v, size_t n, uint16_t *out, size_t cap)
{
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		size_t units = utf8_to_ucs2(v[i]->id, out + used, cap - used);

		if (!units || units == UTF8_TOO_LONG)
			return 0;
		used += units;
	}
	return used;
}
