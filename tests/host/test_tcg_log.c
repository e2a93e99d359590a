/* SPDX-License-Identifier: MIT */
/*
 * The TPM event-log walker (core/tcg_log.c) over hand-built crypto-agile
 * logs: the Spec ID event, event lengths, and every way a length can lie.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tcg_log.h"

#define ALG_SHA1 0x0004

struct buf {
	uint8_t b[4096];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->b));
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void put32(struct buf *b, uint32_t v)
{
	uint8_t le[4] = { v, v >> 8, v >> 16, v >> 24 };

	put(b, le, 4);
}

static void put16(struct buf *b, uint16_t v)
{
	uint8_t le[2] = { v, v >> 8 };

	put(b, le, 2);
}

static void put_fill(struct buf *b, uint8_t v, size_t n)
{
	while (n--)
		put(b, &v, 1);
}

/* The Spec ID event declaring SHA-1 and SHA-256, with `vendor` info bytes. */
static void put_spec(struct buf *b, uint32_t n_algs, uint8_t vendor)
{
	static const char sig[16] = "Spec ID Event03";

	put32(b, 0); /* PCR */
	put32(b, TCG_EV_NO_ACTION);
	put_fill(b, 0, 20); /* SHA-1 digest */
	put32(b, 28 + 4 * n_algs + 1 + vendor);
	put(b, sig, sizeof(sig));
	put32(b, 0);	   /* platform class */
	put_fill(b, 0, 3); /* version minor, major, errata */
	put_fill(b, 2, 1); /* uintnSize */
	put32(b, n_algs);
	for (uint32_t i = 0; i < n_algs; i++) {
		put16(b, i % 2 ? TCG_ALG_SHA256 : ALG_SHA1);
		put16(b, i % 2 ? 32 : 20);
	}
	put_fill(b, vendor, 1);
	put_fill(b, 0xee, vendor);
}

/* A TCG_PCR_EVENT2 with both digests and `data` event bytes. */
static size_t put_event(struct buf *b, uint32_t pcr, uint32_t type, uint32_t data)
{
	size_t start = b->n;

	put32(b, pcr);
	put32(b, type);
	put32(b, 2);
	put16(b, ALG_SHA1);
	put_fill(b, 0x11, 20);
	put16(b, TCG_ALG_SHA256);
	put_fill(b, 0x22, 32);
	put32(b, data);
	put_fill(b, 0x33, data);
	return b->n - start;
}

static void test_spec(void **state)
{
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };

	(void)state;
	put_spec(&b, 2, 3);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	assert_int_equal(algs.n, 2);
	assert_int_equal(algs.a[0].alg, ALG_SHA1);
	assert_int_equal(algs.a[0].size, 20);
	assert_int_equal(algs.a[1].alg, TCG_ALG_SHA256);
	assert_int_equal(algs.a[1].size, 32);
	assert_int_equal(algs.first_size, b.n);
	/* Every shorter view of the same bytes is refused. */
	for (size_t n = 0; n < b.n; n++)
		assert_false(tcg_log_parse_spec(b.b, n, &algs, NULL));
}

static void test_spec_rejects(void **state)
{
	struct tcg_log_algs algs;
	struct diag d;
	struct buf b;

	(void)state;
	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[4] = 1; /* type not EV_NO_ACTION */
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));
	assert_non_null(strstr(d.msg, "EV_NO_ACTION"));

	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[32 + 14] = '4'; /* "Spec ID Event04" */
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));
	assert_non_null(strstr(d.msg, "Spec ID Event03"));

	b.n = 0;
	put_spec(&b, 0, 0);
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));
	assert_non_null(strstr(d.msg, "0 algorithms"));

	b.n = 0;
	put_spec(&b, TCG_LOG_MAX_ALGS + 1, 0);
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));

	/* numberOfAlgorithms larger than the event's data holds. */
	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[32 + 24] = 9;
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));
	assert_non_null(strstr(d.msg, "do not fit"));

	/* Event data size beyond the buffer. */
	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[28] = 0xff;
	assert_false(tcg_log_parse_spec(b.b, b.n, &algs, &d));
}

static void test_event_size(void **state)
{
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };
	size_t first, size, want;
	uint32_t pcr, type;

	(void)state;
	put_spec(&b, 2, 0);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	first = b.n;
	want = put_event(&b, 9, TCG_EV_EVENT_TAG, 21);
	assert_int_equal(want, 12 + 2 + 20 + 2 + 32 + 4 + 21);
	assert_true(tcg_log_event_size(b.b + first, b.n - first, &algs, &size, &pcr, &type, NULL));
	assert_int_equal(size, want);
	assert_int_equal(pcr, 9);
	assert_int_equal(type, TCG_EV_EVENT_TAG);
	for (size_t n = 0; n < want; n++)
		assert_false(tcg_log_event_size(b.b + first, n, &algs, &size, NULL, NULL, NULL));
}

static void test_event_rejects(void **state)
{
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };
	struct diag d;
	size_t first, size;

	(void)state;
	put_spec(&b, 2, 0);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	first = b.n;
	put_event(&b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 8);

	b.b[first + 8] = 0; /* no digests */
	assert_false(tcg_log_event_size(b.b + first, b.n - first, &algs, &size, NULL, NULL, &d));
	b.b[first + 8] = 3; /* more digests than algorithms */
	assert_false(tcg_log_event_size(b.b + first, b.n - first, &algs, &size, NULL, NULL, &d));
	assert_non_null(strstr(d.msg, "3 digests"));
	b.b[first + 8] = 2;
	b.b[first + 12] = 0x0c; /* SHA-384: not declared */
	assert_false(tcg_log_event_size(b.b + first, b.n - first, &algs, &size, NULL, NULL, &d));
	assert_non_null(strstr(d.msg, "undeclared algorithm 0xc"));
	b.b[first + 12] = ALG_SHA1;
	b.b[first + 12 + 2 + 20 + 2 + 32 + 3] = 0x80; /* data size 2 GiB */
	assert_false(tcg_log_event_size(b.b + first, b.n - first, &algs, &size, NULL, NULL, &d));
}

static void test_events_size(void **state)
{
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };
	size_t first, size, want = 0;

	(void)state;
	put_spec(&b, 2, 0);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	first = b.n;
	want += put_event(&b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 100);
	want += put_event(&b, 9, TCG_EV_EVENT_TAG, 21);
	want += put_event(&b, 9, TCG_EV_EVENT_TAG, 34);
	assert_true(tcg_log_events_size(b.b + first, b.n - first, 3, &algs, &size, NULL));
	assert_int_equal(size, want);
	assert_true(tcg_log_events_size(b.b + first, b.n - first, 0, &algs, &size, NULL));
	assert_int_equal(size, 0);
	/* A count the bytes cannot back ends at the buffer, not past it. */
	assert_false(tcg_log_events_size(b.b + first, b.n - first, 4, &algs, &size, NULL));
	assert_false(tcg_log_events_size(b.b + first, b.n - first, UINT64_MAX, &algs, &size, NULL));
}

/* ---- every rejection with its own message ---- */

/*
 * The walker refuses in one place per reason; a case that only asserts
 * "false" would still pass if an earlier check took over.  Each case below
 * names the message of the check it is about.
 */
static void expect_spec_refused(const struct buf *b, size_t max, const char *msg)
{
	struct tcg_log_algs algs;
	struct diag d = { "" };

	if (tcg_log_parse_spec(b->b, max, &algs, &d))
		fail_msg("accepted, expected \"%s\"", msg);
	assert_string_equal(d.msg, msg);
}

static void expect_event_refused(const uint8_t *ev, size_t max, const struct tcg_log_algs *algs,
				 const char *msg)
{
	struct diag d = { "" };
	size_t size;

	if (tcg_log_event_size(ev, max, algs, &size, NULL, NULL, &d))
		fail_msg("accepted (%zu bytes), expected \"%s\"", size, msg);
	assert_string_equal(d.msg, msg);
}

static void test_spec_reject_messages(void **state)
{
	char msg[96];
	struct buf b;

	(void)state;
	b.n = 0;
	put_spec(&b, 2, 3); /* 28 + 8 + 1 + 3 = 40 data bytes */
	expect_spec_refused(&b, 0, "log of 0 bytes has no first event");
	expect_spec_refused(&b, 31, "log of 31 bytes has no first event");
	/* Every view from the legacy header to one byte short of the event. */
	for (size_t n = 32; n < b.n; n++)
		expect_spec_refused(&b, n, "first event's 40 data bytes do not fit");

	b.b[4] = 1;
	expect_spec_refused(&b, b.n, "first event has type 0x1, not EV_NO_ACTION");

	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[28] = 0xff;
	expect_spec_refused(&b, b.n, "first event's 255 data bytes do not fit");
	b.b[28] = 28; /* room for no vendorInfoSize byte */
	expect_spec_refused(&b, b.n, "first event's 28 data bytes do not fit");

	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[32 + 14] = '4';
	expect_spec_refused(&b, b.n, "first event is not a \"Spec ID Event03\"");

	b.n = 0;
	put_spec(&b, 0, 0);
	expect_spec_refused(&b, b.n, "Spec ID event lists 0 algorithms");

	b.n = 0;
	put_spec(&b, TCG_LOG_MAX_ALGS + 1, 0);
	snprintf(msg, sizeof(msg), "Spec ID event lists %u algorithms", TCG_LOG_MAX_ALGS + 1);
	expect_spec_refused(&b, b.n, msg);

	b.n = 0;
	put_spec(&b, 2, 0);
	b.b[32 + 24] = 3; /* one more than the data holds */
	expect_spec_refused(&b, b.n, "Spec ID event's 3 algorithms do not fit");
}

static void test_event_reject_messages(void **state)
{
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };
	const uint8_t *ev;
	size_t first, want, size;

	(void)state;
	put_spec(&b, 2, 0);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	first = b.n;
	want = put_event(&b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 8);
	ev = b.b + first;
	/* Every shorter view fails on the first field it cuts: header, SHA-1, SHA-256, size, data. */
	for (size_t n = 0; n < want; n++)
		expect_event_refused(ev, n, &algs,
				     n < 12			? "event header does not fit"
				     : n < 12 + 2 + 20		? "digest 0 does not fit"
				     : n < 12 + 2 + 20 + 2 + 32 ? "digest 1 does not fit"
				     : n < want - 8		? "event data size does not fit"
						    : "event's 8 data bytes do not fit");

	b.b[first + 8] = 0;
	expect_event_refused(ev, want, &algs, "event carries 0 digests, the log declares 2");
	b.b[first + 8] = 3;
	expect_event_refused(ev, want, &algs, "event carries 3 digests, the log declares 2");
	b.b[first + 8] = 2;
	b.b[first + 12] = 0x0c;
	expect_event_refused(ev, want, &algs, "digest 0 has undeclared algorithm 0xc");
	b.b[first + 12] = ALG_SHA1;
	b.b[first + 12 + 2 + 20] = 0x0c;
	expect_event_refused(ev, want, &algs, "digest 1 has undeclared algorithm 0xc");
	b.b[first + 12 + 2 + 20] = TCG_ALG_SHA256;
	b.b[first + 12 + 2 + 20 + 2 + 32 + 3] = 0x80;
	expect_event_refused(ev, want, &algs, "event's 2147483656 data bytes do not fit");
	b.b[first + 12 + 2 + 20 + 2 + 32 + 3] = 0;
	assert_true(tcg_log_event_size(ev, want, &algs, &size, NULL, NULL, NULL));
	assert_int_equal(size, want);

	/* A count the bytes cannot back: the walk ends at the buffer, on the header. */
	{
		struct diag d = { "" };

		assert_false(tcg_log_events_size(ev, want, 2, &algs, &size, &d));
		assert_string_equal(d.msg, "event header does not fit");
	}
}

/* Both digests, then the data size: the bytes before an event's data. */
#define EVENT_HEAD (12 + 2 + 20 + 2 + 32 + 4)

/* An event larger than TCG_LOG_MAX_EVENT is refused even when the bytes are there. */
static void test_event_larger_than_the_limit(void **state)
{
	static uint8_t ev[EVENT_HEAD + TCG_LOG_MAX_EVENT + 64];
	const size_t head = EVENT_HEAD, len = sizeof(ev);
	struct tcg_log_algs algs;
	struct buf b = { .n = 0 };
	uint32_t data = TCG_LOG_MAX_EVENT - head;
	size_t size;

	(void)state;
	put_spec(&b, 2, 0);
	assert_true(tcg_log_parse_spec(b.b, b.n, &algs, NULL));
	b.n = 0;
	put_event(&b, 9, TCG_EV_EVENT_TAG, 0);
	memcpy(ev, b.b, b.n);
	/* Exactly the limit: accepted. */
	memcpy(ev + head - 4, &data, 4);
	assert_true(tcg_log_event_size(ev, len, &algs, &size, NULL, NULL, NULL));
	assert_int_equal(size, TCG_LOG_MAX_EVENT);
	/* One byte more: refused, though the buffer holds it. */
	data++;
	memcpy(ev + head - 4, &data, 4);
	expect_event_refused(ev, len, &algs, "event's 1048505 data bytes do not fit");
}

/* Where the firmware keeps the log in these tests: any address but 0. */
#define LOG_AT 0x7f000000ull

/*
 * A log as the firmware holds it when chainload runs: its own measurement
 * of chainload.efi (PCR 4), an event for PCR 9; offsets in ret_at[].
 */
static void put_boot_log(struct buf *b, size_t ret_at[2])
{
	put_spec(b, 2, 0);
	ret_at[0] = b->n;
	put_event(b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 100);
	ret_at[1] = b->n;
	put_event(b, 9, TCG_EV_EVENT_TAG, 21);
}

static void test_image_since(void **state)
{
	struct buf b = { .n = 0 };
	size_t at[2], mark, kernel, last;

	(void)state;
	put_boot_log(&b, at);
	mark = at[1];
	/* The verifier logs PCR 7 first (shim), then the image. */
	put_event(&b, 7, 0x800000e0u, 40);
	kernel = b.n;
	put_event(&b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 64);
	last = kernel;
	assert_true(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + last, LOG_AT + mark));
	/* A mark at the Spec ID event: the walk starts after it. */
	assert_true(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + last, LOG_AT));
	/* Only events after the mark count: the firmware's own one does not. */
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + mark, LOG_AT + mark));
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + last, LOG_AT + last));
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + kernel - 1, LOG_AT + mark));
	/* A mark outside the log (it moved, or the mark is garbage). */
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + last, LOG_AT - 4096));
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + last, LOG_AT + last + 1));
	/* A newest event past the readable bytes. */
	assert_false(tcg_log_image_since(b.b, last, LOG_AT, LOG_AT + last, LOG_AT + mark));
}

/* No mark (the log was unreadable before the verifier): cannot tell, so not measured. */
static void test_image_since_no_mark(void **state)
{
	struct buf b = { .n = 0 };
	size_t at[2], kernel;

	(void)state;
	put_boot_log(&b, at);
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + at[1], 0));
	/* Even with the verifier's event there: it cannot be told from the firmware's. */
	kernel = b.n;
	put_event(&b, 4, TCG_EV_EFI_BOOT_SERVICES_APPLICATION, 64);
	assert_false(tcg_log_image_since(b.b, b.n, LOG_AT, LOG_AT + kernel, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_spec_rejects),
		cmocka_unit_test(test_event_size),
		cmocka_unit_test(test_event_rejects),
		cmocka_unit_test(test_events_size),
		cmocka_unit_test(test_spec_reject_messages),
		cmocka_unit_test(test_event_reject_messages),
		cmocka_unit_test(test_event_larger_than_the_limit),
		cmocka_unit_test(test_image_since),
		cmocka_unit_test(test_image_since_no_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
