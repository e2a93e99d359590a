/* SPDX-License-Identifier: MIT */
/* Phase timings for --verbose, from the TSC calibrated against Stall(). */
#ifndef CHAINLOAD_TIMER_H
#define CHAINLOAD_TIMER_H

#include <efi.h>

struct phase_timer {
	UINT64 ticks_per_us;	/* 0: not calibrated, laps read 0 */
	UINT64 last;
};

/* Calibrates (costs 1 ms of Stall) only when `enabled`. */
void timer_start(struct phase_timer *t, BOOLEAN enabled);

/* Microseconds since the previous lap (or the start). */
UINT64 timer_lap_us(struct phase_timer *t);

#endif /* CHAINLOAD_TIMER_H */
