/* SPDX-License-Identifier: MIT */
/*
 * Version comparison (core/version.c) against the order bootctl sorts by:
 *  - systemd's own ordered example list (from its source's comment and its
 *    test of the same function, where the tool disagrees with an old copy
 *    of that list: "~1" is older than "", "123^1" newer than
 *    "123^patch1"): every pair, both ways, and each with itself;
 *  - pairs that each separator decides, and ignored bytes;
 *  - the real tool: a few hundred seeded random versions, each pair judged
 *    by `systemd-analyze compare-versions` of the systemd this machine
 *    runs (Debian's, the same code as its bootctl).  The tool must be
 *    there: without it the test fails, it does not skip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "rng.h"
#include "version.h"

/* Oldest first. */
static const char *const ordered[] = {
	"~1",	     "",	"ab",	   "abb",     "abc",	    "0001",
	"002",	     "12",	"122",	   "122.1",   "122.9",	    "123~rc1",
	"123~rc1-1", "123",	"123-a",   "123-a.1", "123-a1",	    "123-a1.1",
	"123-1",     "123-1.1", "123-3",   "123-3.1", "123^patch1", "123^post1",
	"123^1",     "123.a-1", "123.1-1", "123a-1",  "124",	    "124-1",
};

static void test_ordered_list(void **state)
{
	const size_t n = sizeof(ordered) / sizeof(ordered[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(version_compare(ordered[i], ordered[i]), 0);
		for (size_t j = i + 1; j < n; j++) {
			if (version_compare(ordered[i], ordered[j]) != -1 ||
			    version_compare(ordered[j], ordered[i]) != 1)
				fail_msg("\"%s\" must be older than \"%s\"", ordered[i],
					 ordered[j]);
		}
	}
}

struct pair {
	const char *older, *newer;
};

static const struct pair pairs[] = {
	{ "123.45-67.88", "123.45-67.89" },
	{ "123.45-67.89", "123.45-67.89a" },
	{ "123.45-67.ab", "123.45-67.89" },
	{ "123.45-67.9", "123.45-67.89" },
	{ "123.45-67", "123.45-67.89" },
	{ "123.45-66.89", "123.45-67.89" },
	{ "123.45-9.99", "123.45-67.89" },
	{ "123.42-99.99", "123.45-67.89" },
	{ "123-99.99", "123.45-67.89" },
	{ "123~rc1-99.99", "123.45-67.89" },
	{ "123~rc1-99.99", "123-45.67.89" },
	{ "123~rc1-99.99", "123~rc2-67.89" },
	{ "123~rc1-99.99", "123^aa2-67.89" },
	{ "123~rc1-99.99", "123aa2-67.89" },
	{ "123-99.99", "123^aa2-67.89" },
	{ "123-99.99", "123aa2-67.89" },
	{ "123^45-67.89", "123.45-67.89" },
	{ "123^aa1-99.99", "123^aa2-67.89" },
	{ "123^aa2-67.89", "123aa2-67.89" },
	{ "123.aa2-67.89", "123aa2-67.89" },
	{ "123.aa2-67.89", "123.ab2-67.89" },
	/* Kernel versions as kernel-install writes them. */
	{ "6.1.0-56-amd64", "6.1.0-57-amd64" },
	{ "6.1.0-9-amd64", "6.1.0-10-amd64" },
	{ "6.1.0", "6.1.0-rc7" }, /* not '~': more segments are newer */
	{ "5.19.17", "6.1" },
	{ "6.1~rc1", "6.1" },
	{ "A", "a" }, /* byte order: upper case first */
	{ "1.", "1.0" },
	{ "1", "1." },
};

static void test_pairs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct pair *p = &pairs[i];

		if (version_compare(p->older, p->newer) != -1 ||
		    version_compare(p->newer, p->older) != 1)
			fail_msg("\"%s\" must be older than \"%s\"", p->older, p->newer);
	}
}

static void test_equal(void **state)
{
	(void)state;
	assert_int_equal(version_compare("123_aa2-67.89", "123aa+2-67.89"), 0);
	assert_int_equal(version_compare("00123", "123"), 0);
	assert_int_equal(version_compare("1.0", "1.00"), 0);
	assert_int_equal(version_compare("_1", "1_"), 0);
	assert_int_equal(version_compare(NULL, ""), 0);
	assert_int_equal(version_compare(NULL, "1"), -1);
	assert_int_equal(version_compare("1", NULL), 1);
	assert_int_equal(version_compare("--", "-"), 0 - version_compare("-", "--"));
}

/* A random version over the characters that matter, plus one ignored. */
static void random_version(struct rng *r, char *out, size_t cap)
{
	static const char alphabet[] = "0012999aAbz~~--^^..._";
	size_t len = rng_below(r, cap - 1);

	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[rng_below(r, sizeof(alphabet) - 1)];
	out[len] = 0;
}

/* What systemd-analyze says of a against b: -1, 0 or 1. */
static int systemd_order(const char *a, const char *b)
{
	char cmd[160], line[160], op[4];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "systemd-analyze compare-versions -- '%s' '%s' 2>&1", a, b);
	f = popen(cmd, "r");
	if (!f)
		fail_msg("cannot run systemd-analyze");
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	pclose(f);
	/* "A < B", "A == B" or "A > B"; an empty version prints as ''. */
	if (sscanf(line, "%*s %3s", op) != 1 && sscanf(line, "'' %3s", op) != 1)
		fail_msg("systemd-analyze compare-versions '%s' '%s' said \"%s\"", a, b, line);
	if (!strcmp(op, "<"))
		return -1;
	if (!strcmp(op, "=="))
		return 0;
	if (!strcmp(op, ">"))
		return 1;
	fail_msg("systemd-analyze compare-versions '%s' '%s' said \"%s\"", a, b, line);
	return 2;
}

static void test_against_systemd(void **state)
{
	uint64_t seed = rng_seed_from_env();
	struct rng r = { seed };
	int agreed = 0;

	(void)state;
	printf("version: 300 random pairs against systemd-analyze, SEED=%#llx\n",
	       (unsigned long long)seed);
	for (int i = 0; i < 300; i++) {
		char a[12], b[12];
		int ours, theirs;

		random_version(&r, a, sizeof(a));
		/* Half the pairs share a prefix, where the interesting cases are. */
		if (i % 2) {
			memcpy(b, a, sizeof(b));
			b[rng_below(&r, strlen(a) + 1)] = 0;
			random_version(&r, b + strlen(b), sizeof(b) - strlen(b));
		} else {
			random_version(&r, b, sizeof(b));
		}
		ours = version_compare(a, b);
		theirs = systemd_order(a, b);
		if (ours != theirs)
			fail_msg(
				"'%s' against '%s': systemd says %d, version_compare %d (SEED=%#llx)",
				a, b, theirs, ours, (unsigned long long)seed);
		agreed++;
	}
	assert_int_equal(agreed, 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordered_list),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_against_systemd),
	};

	return cmocka_run_group_tests_name("version", tests, NULL, NULL);
}
