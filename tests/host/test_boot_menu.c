/* SPDX-License-Identifier: MIT */
/*
 * The boot menu's list (core/boot_menu.c): bootctl's order (systemd's own
 * test-bootspec vectors among the cases), systemd-boot's shown titles, the
 * default's precedence and the LoaderEntries encoding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "boot_menu.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void sort_ids(struct menu_entry *e, size_t n, const char *const *want)
{
	struct menu_entry *v[16];

	for (size_t i = 0; i < n; i++)
		v[i] = &e[i];
	menu_sort(v, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i]->id, want[i]);
}

/* systemd's test-bootspec.c bootspec_sort: sort-key, machine-id, version, then id. */
static void test_sort_systemd(void **state)
{
	struct menu_entry e[] = {
		{ .id = "a-10.conf",
		  .title = "A",
		  .version = "10",
		  .machine_id = "dd235d00696545768f6f693bfd23b15f" },
		{ .id = "a-5.conf",
		  .title = "A",
		  .version = "5",
		  .machine_id = "dd235d00696545768f6f693bfd23b15f" },
		{ .id = "b.conf",
		  .title = "B",
		  .version = "3",
		  .sort_key = "zzz",
		  .machine_id = "b75451ad92f94feeab50b0b442768dbd" },
		{ .id = "c.conf",
		  .title = "C",
		  .version = "5",
		  .sort_key = "zzz",
		  .machine_id = "309de666fd5044268a9a26541ac93176" },
		{ .id = "cx.conf",
		  .title = "C",
		  .version = "10",
		  .sort_key = "zzz",
		  .machine_id = "309de666fd5044268a9a26541ac93176" },
		{ .id = "d.conf",
		  .title = "D",
		  .version = "10",
		  .sort_key = "ddd",
		  .machine_id = "309de666fd5044268a9a26541ac93176" },
	};
	static const char *const want[] = { "d.conf", "cx.conf",   "c.conf",
					    "b.conf", "a-10.conf", "a-5.conf" };

	(void)state;
	sort_ids(e, N(e), want);
}

/* Exhausted entries last, automatic ones after them; equal ones keep their order. */
static void test_sort_rules(void **state)
{
	struct menu_entry e[] = {
		{ .id = "auto-reboot-to-firmware-setup", .automatic = true },
		{ .id = "z.conf", .counted = true, .left = 0 },
		{ .id = "y.conf", .counted = true, .left = 1 },
		{ .id = "b.conf", .sort_key = "k", .version = "1" },
		{ .id = "a.conf", .sort_key = "k", .version = "1" },
		{ .id = "m2.conf", .sort_key = "k", .machine_id = "2", .version = "9" },
		{ .id = "m0.conf", .sort_key = "k", .version = "0" },
		{ .id = "6.10.conf" },
		{ .id = "6.9.conf" },
	};
	static const char *const want[] = {
		"b.conf",  "a.conf",	"m0.conf",
		"m2.conf", "6.10.conf", "6.9.conf",
		"y.conf",  "z.conf",	"auto-reboot-to-firmware-setup"
	};

	(void)state;
	sort_ids(e, N(e), want);
}

static void test_titles(void **state)
{
	struct menu_entry e[] = {
		{ .id = "a.conf", .title = "Debian", .version = "6.1" },
		{ .id = "b.conf", .title = "Debian", .version = "6.2" },
		{ .id = "c.conf",
		  .title = "Debian",
		  .version = "6.2",
		  .machine_id = "0123456789ab" },
		{ .id = "d.conf",
		  .title = "Debian",
		  .version = "6.2",
		  .machine_id = "0123456789ab" },
		{ .id = "e.conf" },
		{ .id = "f.conf", .title = "Fedora" },
	};
	struct menu_entry *v[N(e)];

	(void)state;
	for (size_t i = 0; i < N(e); i++)
		v[i] = &e[i];
	menu_titles(v, N(e));
	assert_string_equal(e[0].shown, "Debian (6.1)");
	assert_string_equal(e[1].shown, "Debian (6.2)");
	assert_string_equal(e[2].shown, "Debian (6.2) (01234567) (c.conf)");
	assert_string_equal(e[3].shown, "Debian (6.2) (01234567) (d.conf)");
	assert_string_equal(e[4].shown, "e.conf");
	assert_string_equal(e[5].shown, "Fedora");
}

/* A title longer than the field is cut, never inside a character. */
static void test_title_cut(void **state)
{
	char title[MENU_SHOWN_MAX + 8];
	struct menu_entry e = { .id = "x.conf", .title = title }, *v = &e;

	(void)state;
	memset(title, 'a', sizeof(title));
	memcpy(title + MENU_SHOWN_MAX - 3, "\xc3\xa9\xc3\xa9", 4);
	title[sizeof(title) - 1] = '\0';
	menu_titles(&v, 1);
	assert_int_equal(strlen(e.shown), MENU_SHOWN_MAX - 3);
	/* Cut after a whole character: the first é stays. */
	memset(title, 'a', sizeof(title));
	memcpy(title + MENU_SHOWN_MAX - 4, "\xc3\xa9\xc3\xa9", 4);
	title[sizeof(title) - 1] = '\0';
	menu_titles(&v, 1);
	assert_int_equal(strlen(e.shown), MENU_SHOWN_MAX - 2);
	assert_memory_equal(e.shown + MENU_SHOWN_MAX - 4, "\xc3\xa9", 2);
}

struct default_case {
	const char *oneshot, *efivar, *config, *last;
	size_t want;
	bool saving;
};

static void test_default(void **state)
{
	/* In menu order: 0 new (counted, 2 left), 1 old, 2 gone (exhausted), 3 bad, 4 auto. */
	struct menu_entry e[] = {
		{ .id = "new.conf", .counted = true, .left = 2 },
		{ .id = "old.conf" },
		{ .id = "gone.conf", .counted = true, .left = 0 },
		{ .id = "bad.conf", .broken = true },
		{ .id = "auto-reboot-to-firmware-setup", .automatic = true },
	};
	static const struct default_case cases[] = {
		{ NULL, NULL, NULL, NULL, 0, false },
		{ "old", "new.conf", "new*", NULL, 1, false }, /* one-shot first */
		{ "gone.conf", NULL, NULL, NULL, 2, false },   /* may name an exhausted one */
		{ "bad.conf", NULL, NULL, NULL, 0, false },    /* never a broken one */
		{ "nothing", "OLD.CONF", "new.conf", NULL, 1, false }, /* then LoaderEntryDefault */
		{ NULL, "gone.conf", "old.conf", NULL, 1, false },     /* defaults skip exhausted */
		{ NULL, NULL, "o*", NULL, 1, false },		       /* then loader.conf */
		{ NULL, NULL, "auto-*", NULL, 0, false },	       /* never an automatic one */
		{ NULL, "@saved", "new.conf", "old.conf", 1, true },
		{ NULL, NULL, "@SAVED", "old.conf", 1, true },
		{ NULL, NULL, "@saved", NULL, 0, true }, /* nothing saved yet */
		{ NULL, "new.conf", "@saved", "old.conf", 0, false },
	};
	struct menu_entry *v[N(e)];
	bool saving;

	(void)state;
	for (size_t i = 0; i < N(e); i++)
		v[i] = &e[i];
	for (size_t i = 0; i < N(cases); i++) {
		const struct default_case *c = &cases[i];
		struct menu_defaults d = { c->oneshot, c->efivar, c->config, c->last };
		size_t got = menu_choose_default(v, N(e), &d, &saving);

		if (got != c->want || saving != c->saving)
			fail_msg("case %zu: entry %zu saving %d, expected %zu %d", i, got, saving,
				 c->want, c->saving);
	}
}

/* Only exhausted entries: the first of them; nothing bootable: n. */
static void test_default_fallbacks(void **state)
{
	struct menu_entry e[] = {
		{ .id = "bad.conf", .broken = true },
		{ .id = "a.conf", .counted = true, .left = 0 },
	};
	struct menu_entry *v[] = { &e[0], &e[1] };
	struct menu_defaults d = { NULL, NULL, NULL, NULL };
	bool saving;

	(void)state;
	assert_int_equal(menu_choose_default(v, 2, &d, &saving), 1);
	assert_int_equal(menu_choose_default(v, 1, &d, &saving), 1);
}

static void test_loader_entries(void **state)
{
	struct menu_entry e[] = { { .id = "b.conf" }, { .id = "\xc3\xa9.conf" } };
	struct menu_entry *v[] = { &e[0], &e[1] };
	static const uint16_t want[] = { 'b',  '.', 'c', 'o', 'n', 'f', 0,
					 0xe9, '.', 'c', 'o', 'n', 'f', 0 };
	uint16_t out[32];
	struct menu_entry bad = { .id = "\xff" }, *vb = &bad;

	(void)state;
	assert_int_equal(menu_loader_entries(v, 2, out, N(out)), N(want));
	assert_memory_equal(out, want, sizeof(want));
	assert_int_equal(menu_loader_entries(v, 2, out, N(want) - 1), 0);
	assert_int_equal(menu_loader_entries(&vb, 1, out, N(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_systemd),   cmocka_unit_test(test_sort_rules),
		cmocka_unit_test(test_titles),	       cmocka_unit_test(test_title_cut),
		cmocka_unit_test(test_default),	       cmocka_unit_test(test_default_fallbacks),
		cmocka_unit_test(test_loader_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
