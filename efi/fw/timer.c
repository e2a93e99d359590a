/* SPDX-License-Identifier: MIT */
#include "fw/timer.h"

#include <efilib.h>

#include "fw/cpu.h"

/* 1 ms against the firmware's timer is good to a fraction of a percent. */
#define CALIBRATION_US 1000

UINT64 timer_tsc_per_us(void)
{
	static BOOLEAN calibrated;
	static UINT64 ticks_per_us;
	UINT64 before;

	if (calibrated)
		return ticks_per_us;
	before = cpu_rdtsc();
	BS->Stall(CALIBRATION_US);
	ticks_per_us = (cpu_rdtsc() - before) / CALIBRATION_US;
	calibrated = TRUE;
	return ticks_per_us;
}

static UINT64 start_tsc;

void timer_note_start(void)
{
	start_tsc = cpu_rdtsc();
}

UINT64 timer_start_tsc(void)
{
	return start_tsc;
}

void timer_start(struct phase_timer *t, BOOLEAN enabled)
{
	t->ticks_per_us = enabled ? timer_tsc_per_us() : 0;
	t->last = cpu_rdtsc();
}

UINT64 timer_lap_us(struct phase_timer *t)
{
	UINT64 now = cpu_rdtsc();
	UINT64 us = t->ticks_per_us ? (now - t->last) / t->ticks_per_us : 0;

	t->last = now;
	return us;
}
