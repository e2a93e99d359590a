/* SPDX-License-Identifier: MIT */
/*
 * Our own IDT for the 32 CPU exceptions, installed before any check reads
 * memory: an exception reports itself and leaves QEMU instead of becoming a
 * triple fault inside the loader's (possibly overwritten) IDT.
 */
#include "tk.h"
#include "x86.h"

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate size");

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct idt_gate idt[TK_NR_EXCEPTIONS] __attribute__((aligned(16)));

void idt_install(void)
{
	/* The gates use whatever CS we run on; the cpu check judges it. */
	uint16_t cs = read_cs();
	struct idt_pointer ptr;
	unsigned int i;

	for (i = 0; i < TK_NR_EXCEPTIONS; i++) {
		/* Addresses computed at run time: no pointers in initialised data. */
		uint64_t handler = (uint64_t)tk_isr_stubs + i * TK_ISR_STUB_SIZE;

		idt[i].offset_low = (uint16_t)handler;
		idt[i].selector = cs;
		idt[i].ist = 0;
		idt[i].type = GATE_INTERRUPT;
		idt[i].offset_mid = (uint16_t)(handler >> 16);
		idt[i].offset_high = (uint32_t)(handler >> 32);
		idt[i].reserved = 0;
	}
	ptr.limit = sizeof(idt) - 1;
	ptr.base = (uint64_t)idt;
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

_Noreturn void tk_exception(const struct tk_exception_frame *frame)
{
	tk_printf("tk: FAIL exception %lu rip=0x%lx\n", (unsigned long)frame->vector,
		  (unsigned long)frame->rip);
	tk_exit(TK_EXIT_EXCEPTION);
}
