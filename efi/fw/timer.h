/* SPDX-License-Identifier: MIT */
/* The TSC as a clock: calibrated once against Stall(), phase timings for --verbose. */
#ifndef CHAINLOAD_TIMER_H
#define CHAINLOAD_TIMER_H

#include <efi.h>

/*
 * TSC ticks per microsecond.  The first call measures them against the
 * firmware's Stall() (1 ms); later calls return that measurement.  0 when
 * the TSC did not advance: then no time can be told.
 */
UINT64 timer_tsc_per_us(void);

/* chainload's start: noted first thing in efi_main, read by every later report. */
void timer_note_start(void);
UINT64 timer_start_tsc(void);

struct phase_timer {
	UINT64 ticks_per_us; /* 0: not calibrated, laps read 0 */
	UINT64 last;
};

/* Laps read 0 unless `enabled` (then the calibration above is used). */
void timer_start(struct phase_timer *t, BOOLEAN enabled);

/* Microseconds since the previous lap (or the start). */
UINT64 timer_lap_us(struct phase_timer *t);

#endif /* CHAINLOAD_TIMER_H */
