/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stddef.h>

#include "version.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_separator(char c)
{
	return c == '~' || c == '-' || c == '^' || c == '.';
}

static int sign(long d)
{
	return (d > 0) - (d < 0);
}

/* Bytes of a and b compared as unsigned, over n bytes. */
static int bytes_compare(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return 0;
}

/*
 * The separator sep at *a and *b: when only one side has it, that side is
 * the older and *order says so (returns true); when both have it, both
 * step past it.
 */
static bool separator_decides(const char **a, const char **b, char sep, int *order)
{
	bool in_a = **a == sep, in_b = **b == sep;

	if (in_a != in_b) {
		*order = in_a ? -1 : 1;
		return true;
	}
	if (in_a) {
		(*a)++;
		(*b)++;
	}
	return false;
}

/* Compares the numeric segments at a and b (either may be empty); ends in *a_end, *b_end. */
static int numeric_compare(const char *a, const char *b, const char **a_end, const char **b_end)
{
	const char *ea = a, *eb = b;

	while (is_digit(*ea))
		ea++;
	while (is_digit(*eb))
		eb++;
	*a_end = ea;
	*b_end = eb;
	if ((ea == a) != (eb == b))
		return ea == a ? -1 : 1; /* a number is newer than no number */
	while (*a == '0')
		a++;
	while (*b == '0')
		b++;
	if (ea - a != eb - b)
		return sign((ea - a) - (eb - b)); /* more digits, larger value */
	return bytes_compare(a, b, (size_t)(ea - a));
}

static int alphabetic_compare(const char *a, const char *b, const char **a_end, const char **b_end)
{
	const char *ea = a, *eb = b;
	size_t shorter;
	int order;

	while (is_letter(*ea))
		ea++;
	while (is_letter(*eb))
		eb++;
	*a_end = ea;
	*b_end = eb;
	shorter = (size_t)(ea - a < eb - b ? ea - a : eb - b);
	order = bytes_compare(a, b, shorter);
	return order ? order : sign((ea - a) - (eb - b));
}

int version_compare(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	for (;;) {
		const char *a_end, *b_end;
		int order;

		while (*a && !is_digit(*a) && !is_letter(*a) && !is_separator(*a))
			a++;
		while (*b && !is_digit(*b) && !is_letter(*b) && !is_separator(*b))
			b++;
		/* '~' comes before the end test: 1~rc is older than 1. */
		if (separator_decides(&a, &b, '~', &order))
			return order;
		if (!*a || !*b)
			return *a ? 1 : *b ? -1 : 0;
		if (separator_decides(&a, &b, '-', &order) ||
		    separator_decides(&a, &b, '^', &order) ||
		    separator_decides(&a, &b, '.', &order))
			return order;
		if (is_digit(*a) || is_digit(*b))
			order = numeric_compare(a, b, &a_end, &b_end);
		else
			order = alphabetic_compare(a, b, &a_end, &b_end);
		if (order)
			return order;
		/*
		 * Equal segments.  Both may be empty (a separator follows, or the
		 * end): the next turn's separator or end test decides or steps.
		 */
		a = a_end;
		b = b_end;
	}
}
