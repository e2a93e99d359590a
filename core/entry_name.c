/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "entry_name.h"

#define SUFFIX_LEN (sizeof(ENTRY_SUFFIX) - 1)

/* ASCII only, as systemd lowercases ids: other bytes are kept as they are. */
static char lower(char c)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
			  lowers[] = "abcdefghijklmnopqrstuvwxyz";
	const char *at = c ? strchr(upper, c) : NULL;

	if (at)
		return lowers[at - upper];
	return c;
}

static bool ends_with_suffix_any_case(const char *s, size_t len)
{
	if (len < SUFFIX_LEN)
		return false;
	for (size_t i = 0; i < SUFFIX_LEN; i++)
		if (lower(s[len - SUFFIX_LEN + i]) != ENTRY_SUFFIX[i])
			return false;
	return true;
}

/* A decimal count at *p of at most ENTRY_COUNT_MAX; *p moves past it. */
static bool parse_count(const char **p, uint32_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > ENTRY_COUNT_MAX)
			return false;
	}
	*p = s;
	*out = (uint32_t)v;
	return true;
}

bool entry_name_parse(const char *file, struct entry_name *out)
{
	size_t len = strlen(file);
	const char *plus = NULL, *p;
	uint32_t left, done = 0;

	if (!len || file[0] == '.' || !strncmp(file, "auto-", 5) ||
	    !ends_with_suffix_any_case(file, len))
		return false;
	*out = (struct entry_name){ .name_len = len - SUFFIX_LEN };
	for (p = file; (p = strchr(p, '+')); p++)
		plus = p;
	if (!plus)
		return true;
	p = plus + 1;
	if (!parse_count(&p, &left))
		return true;
	if (*p == '-' && (p++, !parse_count(&p, &done)))
		return true;
	if (strcmp(p, ENTRY_SUFFIX))
		return true; /* more after the counter: part of the name */
	*out = (struct entry_name){
		.name_len = (size_t)(plus - file), .counted = true, .left = left, .done = done
	};
	return true;
}

size_t entry_name_id(const char *file, const struct entry_name *n, char *buf, size_t cap)
{
	size_t len = n->name_len + SUFFIX_LEN;

	if (len >= cap)
		return 0;
	for (size_t i = 0; i < n->name_len; i++)
		buf[i] = lower(file[i]);
	memcpy(buf + n->name_len, ENTRY_SUFFIX, SUFFIX_LEN + 1);
	return len;
}

/* Writes v in decimal at buf[at..cap); the new end, or 0 when it does not fit. */
static size_t put_count(char *buf, size_t at, size_t cap, uint32_t v)
{
	char digits[10];
	size_t k = 0;

	do
		digits[k++] = (char)('0' + v % 10);
	while ((v /= 10));
	if (at + k >= cap)
		return 0;
	while (k)
		buf[at++] = digits[--k];
	return at;
}

size_t entry_name_next(const char *file, const struct entry_name *n, char *buf, size_t cap)
{
	size_t at = n->name_len + 1;

	if (!n->counted || at >= cap)
		return 0;
	memcpy(buf, file, n->name_len);
	buf[n->name_len] = '+';
	at = put_count(buf, at, cap, n->left ? n->left - 1 : 0);
	if (!at || at + 1 >= cap)
		return 0;
	buf[at++] = '-';
	at = put_count(buf, at, cap, n->done < ENTRY_COUNT_MAX ? n->done + 1 : n->done);
	if (!at || at + SUFFIX_LEN >= cap)
		return 0;
	memcpy(buf + at, ENTRY_SUFFIX, SUFFIX_LEN + 1);
	return at + SUFFIX_LEN;
}

/*
 * The set whose body starts at p (just past its '[') against c: 1 when c
 * is in it, 0 when not, with *end past its ']'; -1 when no ']' closes it,
 * and the '[' is then an ordinary byte.  A ']' first is a member.
 */
static int set_match(const char *p, char c, const char **end)
{
	bool negated = *p == '!' || *p == '^', found = false;

	if (negated)
		p++;
	for (bool first = true; first || *p != ']'; first = false) {
		char lo, hi;

		if (*p == '\\' && p[1])
			p++;
		if (!*p)
			return -1;
		lo = hi = lower(*p++);
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1])
				p++;
			hi = lower(*p++);
		}
		found |= c >= lo && c <= hi;
	}
	*end = p + 1;
	return found != negated;
}

/* One byte of the pattern at *p against c (already lowercased); *p moves past it. */
static bool one_matches(const char **p, char c)
{
	const char *s = *p;

	if (*s == '?') {
		*p = s + 1;
		return true;
	}
	if (*s == '[') {
		int in = set_match(s + 1, c, p);

		if (in >= 0)
			return in;
	}
	if (*s == '\\' && s[1])
		s++;
	*p = s + 1;
	return lower(*s) == c;
}

/* Glob match of all of the pattern p against all of s[0..sn). */
static bool glob_matches(const char *p, const char *s, size_t sn)
{
	const char *star = NULL;
	size_t i = 0, star_i = 0;

	/* On a mismatch the last '*' takes one more byte, and the rest tries again. */
	for (;;) {
		if (*p == '*') {
			star = ++p;
			star_i = i;
			continue;
		}
		if (i < sn && *p) {
			const char *next = p;

			if (one_matches(&next, lower(s[i]))) {
				p = next;
				i++;
				continue;
			}
		} else if (i == sn && !*p) {
			return true;
		}
		if (!star || star_i >= sn)
			return false;
		p = star;
		i = ++star_i;
	}
}

bool entry_id_matches(const char *id, const char *pattern)
{
	size_t il = strlen(id);

	if (glob_matches(pattern, id, il))
		return true;
	/* Without ".conf": the pattern against the id's name. */
	return ends_with_suffix_any_case(id, il) && glob_matches(pattern, id, il - SUFFIX_LEN);
}
