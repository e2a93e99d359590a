/* SPDX-License-Identifier: MIT */
/*
 * The TPM event-log walker (core/tcg_log.c) over arbitrary bytes: the input
 * is a whole log as GetEventLog would return it.  ASan catches any read
 * outside it; the checks tie the three functions together: every event
 * fits in what is left, walking event by event and asking for the size of
 * N events at once agree, and one event more than the walk found fails.
 * The image-since-mark walk reads only inside the log and, without a mark,
 * never claims an image was measured.
 */
#include "fuzz.h"
#include "tcg_log.h"

/* Smallest TCG_PCR_EVENT2: header, one digest id, size field. */
#define LOG_AT	  0x1000ull
#define MIN_EVENT (12 + 2 + 4)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcg_log_algs algs;
	size_t off, ev, total, newest = 0;
	uint64_t n = 0;
	uint32_t pcr, type;

	if (!tcg_log_parse_spec(data, size, &algs, NULL))
		return 0;
	CHECK(algs.n >= 1 && algs.n <= TCG_LOG_MAX_ALGS, "%zu algorithms", algs.n);
	CHECK(algs.first_size >= 32 && algs.first_size <= size, "first event %zu of %zu",
	      algs.first_size, size);
	for (off = algs.first_size;
	     tcg_log_event_size(data + off, size - off, &algs, &ev, &pcr, &type, NULL); off += ev) {
		CHECK(ev >= MIN_EVENT && ev <= size - off, "event of %zu at %zu of %zu", ev, off,
		      size);
		CHECK(ev <= TCG_LOG_MAX_EVENT, "event of %zu", ev);
		newest = off;
		n++;
	}
	CHECK(tcg_log_events_size(data + algs.first_size, size - algs.first_size, n, &algs, &total,
				  NULL),
	      "%llu events walked, not counted", (unsigned long long)n);
	CHECK(total == off - algs.first_size, "%zu bytes counted, %zu walked", total,
	      off - algs.first_size);
	CHECK(!tcg_log_events_size(data + algs.first_size, size - algs.first_size, n + 1, &algs,
				   &total, NULL),
	      "one event more than the walk found");
	CHECK(!tcg_log_image_since(data, size, LOG_AT, LOG_AT + newest, 0),
	      "an image measured since no mark");
	(void)tcg_log_image_since(data, size, LOG_AT, LOG_AT + newest, LOG_AT);
	return 0;
}
