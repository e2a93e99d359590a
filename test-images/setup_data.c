/* SPDX-License-Identifier: MIT */
/*
 * The setup_data chain (boot.rst, "setup_data"): a singly linked list of
 * {next, type, len, data[len]} nodes from hdr.setup_data.  It is walked once
 * before the checks run, with a bound and a loop check, reading a node only
 * after the page-table walk has shown it identity-mapped.  What chainload
 * may put there: at most one SETUP_E820_EXT (the e820 entries past the zero
 * page's 128) and at most one SETUP_RNG_SEED.
 */
#include "check.h"

#define SETUP_HEADER_BYTES 16
#define RNG_SEED_MIN_BYTES 32 /* 256 bits, a full seed for Linux */

static struct {
	unsigned int count; /* nodes read */
	uint64_t addr[TK_SETUP_DATA_MAX];
	const struct setup_data *node[TK_SETUP_DATA_MAX];
	bool broken; /* walk stopped early, see why */
	char why_text[160];
	struct tk_buf why;
} sd;

static const char *type_name(uint32_t type)
{
	switch (type) {
	case SETUP_E820_EXT:
		return "E820_EXT";
	case SETUP_RNG_SEED:
		return "RNG_SEED";
	default:
		return NULL;
	}
}

/* The only node of @type, or NULL (also when there are several). */
static const struct setup_data *only(uint32_t type, unsigned int *n)
{
	const struct setup_data *found = NULL;
	unsigned int i;

	*n = 0;
	for (i = 0; i < sd.count; i++) {
		if (sd.node[i]->type == type) {
			found = sd.node[i];
			(*n)++;
		}
	}
	return *n == 1 ? found : NULL;
}

static void stop(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void stop(const char *fmt, ...)
{
	va_list ap;

	sd.broken = true;
	va_start(ap, fmt);
	tk_vbprintf(&sd.why, fmt, ap);
	va_end(ap);
}

void setup_data_walk(void)
{
	uint64_t addr = tk.bp->hdr.setup_data;
	struct pgwalk_fault f;
	unsigned int i;

	tk_buf_init(&sd.why, sd.why_text, sizeof(sd.why_text));
	for (; addr; addr = sd.node[sd.count - 1]->next) {
		const struct setup_data *node = (const struct setup_data *)addr;

		if (sd.count == TK_SETUP_DATA_MAX) {
			stop("more than %u nodes (a loop?)", TK_SETUP_DATA_MAX);
			return;
		}
		for (i = 0; i < sd.count; i++) {
			if (sd.addr[i] == addr) {
				stop("node 0x%lx comes twice: a loop", addr);
				return;
			}
		}
		if (!pgwalk_identity(addr, SETUP_HEADER_BYTES, &f)) {
			stop("node %u header at 0x%lx not identity-mapped", sd.count, addr);
			return;
		}
		if (!pgwalk_identity(addr + SETUP_HEADER_BYTES, node->len, &f)) {
			stop("node %u at 0x%lx: data byte 0x%lx of %u not identity-mapped",
			     sd.count, addr, f.va, node->len);
			return;
		}
		sd.addr[sd.count] = addr;
		sd.node[sd.count++] = node;
	}
}

/* The SETUP_E820_EXT entries, if exactly one well-formed node has them. */
const struct boot_e820_entry *setup_data_e820_ext(unsigned int *count)
{
	const struct setup_data *ext;
	unsigned int n;

	*count = 0;
	ext = only(SETUP_E820_EXT, &n);
	if (!ext || !ext->len || ext->len % sizeof(struct boot_e820_entry))
		return NULL;
	*count = ext->len / sizeof(struct boot_e820_entry);
	return (const struct boot_e820_entry *)ext->data;
}

void check_setup_data(struct check *c)
{
	const struct setup_data *ext;
	unsigned int i, n;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	tk_printf("tk: setup_data: %u node%s", sd.count, sd.count == 1 ? "" : "s");
	for (i = 0; i < sd.count; i++) {
		const char *name = type_name(sd.node[i]->type);

		if (name)
			tk_printf(" %s/%u", name, sd.node[i]->len);
		else
			tk_printf(" type%u/%u", sd.node[i]->type, sd.node[i]->len);
	}
	tk_printf("\n");
	if (sd.broken)
		fail(c, "%s", sd.why_text);
	for (i = 0; i < sd.count; i++) {
		const struct setup_data *node = sd.node[i];

		if (!type_name(node->type))
			fail(c, "node %u: type %u is not one chainload passes", i, node->type);
		outside_kernel(c, "node", sd.addr[i], SETUP_HEADER_BYTES + node->len);
	}
	ext = only(SETUP_E820_EXT, &n);
	if (n > 1)
		fail(c, "%u E820_EXT nodes", n);
	else if (ext && !setup_data_e820_ext(&n))
		fail(c, "E820_EXT of %u bytes is not a non-zero multiple of %u", ext->len,
		     (unsigned int)sizeof(struct boot_e820_entry));
	only(SETUP_RNG_SEED, &n);
	if (n > 1)
		fail(c, "%u RNG_SEED nodes", n);
}

/*
 * tk.expect_rng=1 (the machine has an RNG): one RNG_SEED node of at least
 * 32 bytes, not all zero.  tk.expect_rng=0: none.  The word is required.
 */
void check_rng_seed(struct check *c)
{
	const struct setup_data *seed;
	uint64_t want;
	unsigned int n, i, nonzero = 0;
	bool expect;

	seed = only(SETUP_RNG_SEED, &n);
	expect = word_dec_required(c, "tk.expect_rng=", &want);
	if (!seed) {
		tk_printf("tk: rng_seed: none\n");
		if (expect && want)
			fail(c, "no RNG_SEED node, tk.expect_rng=%lu", want);
		return;
	}
	for (i = 0; i < seed->len; i++)
		nonzero += seed->data[i] != 0;
	tk_printf("tk: rng_seed: %u bytes, %u non-zero\n", seed->len, nonzero);
	if (!expect)
		return;
	if (!want)
		fail(c, "an RNG_SEED node, tk.expect_rng=0");
	else if (seed->len < RNG_SEED_MIN_BYTES)
		fail(c, "%u bytes, fewer than %u", seed->len, RNG_SEED_MIN_BYTES);
	else if (!nonzero)
		fail(c, "all %u bytes are zero", seed->len);
}
