/* SPDX-License-Identifier: MIT */
#include "fw/timer.h"

#include <efilib.h>

#include "fw/cpu.h"

void timer_start(struct phase_timer *t, BOOLEAN enabled)
{
	t->ticks_per_us = 0;
	if (enabled) {
		UINT64 before = cpu_rdtsc();

		BS->Stall(1000);
		t->ticks_per_us = (cpu_rdtsc() - before) / 1000;
	}
	t->last = cpu_rdtsc();
}

UINT64 timer_lap_us(struct phase_timer *t)
{
	UINT64 now = cpu_rdtsc();
	UINT64 us = t->ticks_per_us ? (now - t->last) / t->ticks_per_us : 0;

	t->last = now;
	return us;
}
