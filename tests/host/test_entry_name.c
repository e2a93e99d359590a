/* SPDX-License-Identifier: MIT */
/*
 * BLS entry file names (core/entry_name.c): which names are entries, the
 * id of each, its boot counter and the name it is renamed to before a
 * boot (the series systemd-boot documents: foo+3 -> foo+2-1 -> foo+1-2 ->
 * foo+0-3, where it stays), and the patterns that name an id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "entry_name.h"

struct name_case {
	const char *file;
	bool entry;	/* entry_name_parse's answer */
	const char *id; /* NULL when not an entry */
	bool counted;
	uint32_t left, done;
	const char *next; /* the renamed name; NULL when not counted */
};

static const struct name_case cases[] = {
	{ "debian.conf", true, "debian.conf", false, 0, 0, NULL },
	{ "Debian-6.1.0-57-amd64.conf", true, "debian-6.1.0-57-amd64.conf", false, 0, 0, NULL },
	{ "X.CONF", true, "x.conf", false, 0, 0, NULL },
	{ "foo+3.conf", true, "foo.conf", true, 3, 0, "foo+2-1.conf" },
	{ "foo+2-1.conf", true, "foo.conf", true, 2, 1, "foo+1-2.conf" },
	{ "foo+1-2.conf", true, "foo.conf", true, 1, 2, "foo+0-3.conf" },
	{ "foo+0-3.conf", true, "foo.conf", true, 0, 3, "foo+0-4.conf" },
	{ "foo+4-0.conf", true, "foo.conf", true, 4, 0, "foo+3-1.conf" },
	{ "Foo+03-007.conf", true, "foo.conf", true, 3, 7, "Foo+2-8.conf" },
	{ "a+b+2.conf", true, "a+b.conf", true, 2, 0, "a+b+1-1.conf" },
	{ "k+2147483647-2147483647.conf", true, "k.conf", true, 0x7fffffff, 0x7fffffff,
	  "k+2147483646-2147483647.conf" },
	/* Not counters: part of the name. */
	{ "k+2147483648.conf", true, "k+2147483648.conf", false, 0, 0, NULL },
	{ "k+1-2147483648.conf", true, "k+1-2147483648.conf", false, 0, 0, NULL },
	{ "k+3x.conf", true, "k+3x.conf", false, 0, 0, NULL },
	{ "k+3-.conf", true, "k+3-.conf", false, 0, 0, NULL },
	{ "k+-1.conf", true, "k+-1.conf", false, 0, 0, NULL },
	{ "k+.conf", true, "k+.conf", false, 0, 0, NULL },
	{ "k+3.CONF", true, "k+3.conf", false, 0, 0, NULL },
	{ "k+3+x.conf", true, "k+3+x.conf", false, 0, 0, NULL },
	{ "+3.conf", true, ".conf", true, 3, 0, "+2-1.conf" },
	/* Not entries. */
	{ "", false, NULL, false, 0, 0, NULL },
	{ ".conf", false, NULL, false, 0, 0, NULL },
	{ ".hidden.conf", false, NULL, false, 0, 0, NULL },
	{ "auto-windows.conf", false, NULL, false, 0, 0, NULL },
	{ "debian.conf~", false, NULL, false, 0, 0, NULL },
	{ "debian.cfg", false, NULL, false, 0, 0, NULL },
	{ "conf", false, NULL, false, 0, 0, NULL },
};

static void test_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct name_case *c = &cases[i];
		struct entry_name n;
		char id[64], next[64];

		print_message("%s\n", c->file);
		assert_int_equal(entry_name_parse(c->file, &n), c->entry);
		if (!c->entry)
			continue;
		assert_int_equal(entry_name_id(c->file, &n, id, sizeof(id)), strlen(c->id));
		assert_string_equal(id, c->id);
		assert_int_equal(n.counted, c->counted);
		if (!c->counted) {
			assert_int_equal(entry_name_next(c->file, &n, next, sizeof(next)), 0);
			continue;
		}
		assert_int_equal(n.left, c->left);
		assert_int_equal(n.done, c->done);
		assert_int_equal(entry_name_next(c->file, &n, next, sizeof(next)), strlen(c->next));
		assert_string_equal(next, c->next);
	}
}

/* The renamed name is an entry with the same id and the next counts, all the way down. */
static void test_series(void **state)
{
	char name[64] = "Debian-6.1+5.conf";
	uint32_t left = 5, done = 0;

	(void)state;
	for (int boot = 0; boot < 8; boot++) {
		struct entry_name n;
		char id[64], next[64];

		assert_true(entry_name_parse(name, &n));
		assert_true(n.counted);
		assert_int_equal(n.left, left);
		assert_int_equal(n.done, done);
		assert_int_not_equal(entry_name_id(name, &n, id, sizeof(id)), 0);
		assert_string_equal(id, "debian-6.1.conf");
		assert_int_not_equal(entry_name_next(name, &n, next, sizeof(next)), 0);
		strcpy(name, next);
		left = left ? left - 1 : 0;
		done++;
	}
	assert_string_equal(name, "Debian-6.1+0-8.conf");
}

/* Every buffer size: the exact fit works, one byte less gives 0. */
static void test_buffer_sizes(void **state)
{
	const char *file = "Foo+12-345.conf";
	struct entry_name n;
	char buf[32];

	(void)state;
	assert_true(entry_name_parse(file, &n));
	for (size_t cap = 0; cap <= sizeof(buf); cap++) {
		size_t id = entry_name_id(file, &n, buf, cap);
		size_t next = entry_name_next(file, &n, buf, cap);

		assert_int_equal(id, cap > strlen("foo.conf") ? strlen("foo.conf") : 0);
		assert_int_equal(next,
				 cap > strlen("Foo+11-346.conf") ? strlen("Foo+11-346.conf") : 0);
	}
}

struct match_case {
	const char *id, *pattern;
	bool matches;
};

static const struct match_case matches[] = {
	{ "debian.conf", "debian.conf", true },
	{ "debian.conf", "debian", true },
	{ "debian.conf", "DEBIAN.CONF", true },
	{ "debian.conf", "Debian", true },
	{ "debian.conf", "debia", false },
	{ "debian.conf", "debian.con", false },
	{ "debian.conf", "xdebian", false },
	{ "debian-6.1.0-57-amd64.conf", "debian-*", true },
	{ "debian-6.1.0-57-amd64.conf", "*-amd64", true },
	{ "debian-6.1.0-57-amd64.conf", "*-amd64.conf", true },
	{ "debian-6.1.0-57-amd64.conf", "*-arm64", false },
	{ "debian-6.1.0-57-amd64.conf", "debian-6.1.0-5?-amd64", true },
	{ "debian-6.1.0-57-amd64.conf", "debian-6.1.0-[0-9][0-9]-amd64", true },
	{ "debian-6.1.0-57-amd64.conf", "debian-6.1.0-[!5]7-amd64", false },
	{ "debian-6.1.0-57-amd64.conf", "debian-6.1.0-[^0-4]7-amd64", true },
	{ "debian-6.1.0-57-amd64.conf", "*", true },
	{ "debian-6.1.0-57-amd64.conf", "**", true },
	{ "debian-6.1.0-57-amd64.conf", "*6*7*", true },
	{ "debian-6.1.0-57-amd64.conf", "*8*", false },
	{ "a[b].conf", "a[b]", false }, /* the set [b] is one byte */
	{ "a[b].conf", "a\\[b\\]", true },
	{ "a[b.conf", "a[b", true },	   /* an unclosed '[' is itself */
	{ "a]b.conf", "a[]]b", true },	   /* ']' first in a set is a member */
	{ "a-b.conf", "a[x-]b", true },	   /* '-' last in a set is a member */
	{ "a]b.conf", "a[\\]]b", true },   /* an escaped ']' in a set */
	{ "a,b.conf", "a[+-\\-]b", true }, /* a range ending in an escaped '-' */
	{ "a.b.conf", "a[+-\\-]b", false },
	{ "a?.conf", "a\\?", true },
	{ "ab.conf", "a\\?", false },
	{ "x.conf", "", false },
	{ "x.conf", "?", true }, /* "?" against the id without ".conf" */
	{ "x.conf", "??", false },
	{ "x.conf", "x*", true },
	{ "x.conf", "*x", true },
	{ "x.conf", "x\\", false },
};

static void test_matches(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(matches) / sizeof(matches[0]); i++) {
		const struct match_case *m = &matches[i];

		if (entry_id_matches(m->id, m->pattern) != m->matches)
			fail_msg("\"%s\" %s \"%s\"", m->pattern,
				 m->matches ? "must name" : "must not name", m->id);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_buffer_sizes),
		cmocka_unit_test(test_matches),
	};

	return cmocka_run_group_tests_name("entry_name", tests, NULL, NULL);
}
