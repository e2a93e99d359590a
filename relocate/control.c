/* SPDX-License-Identifier: MIT */
#include "control.h"

#include <string.h>

uint64_t control_page_fill(void *pages, uint64_t addr, const struct control_request *req)
{
	struct stub_args *args = (struct stub_args *)((uint8_t *)pages + STUB_ARGS_OFFSET);
	uint64_t args_addr = addr + STUB_ARGS_OFFSET;

	memset(pages, 0, CONTROL_SIZE);
	memcpy(pages, control_blob_start, (size_t)(control_blob_end - control_blob_start));
	args->list_head = req->list_head;
	args->cr3 = req->cr3;
	args->boot_params = req->boot_params;
	args->entry = req->entry;
	args->stack_top = addr + STUB_STACK_TOP;
	args->gdt[0] = 0;
	args->gdt[LEAVE_CS / 8] = GDT_CODE32;
	args->gdt[BOOT_CS / 8] = GDT_CODE64;
	args->gdt[BOOT_DS / 8] = GDT_DATA;
	args->gdtr.limit = sizeof(args->gdt) - 1;
	args->gdtr.base = args_addr + SA_GDT;
	args->idtr.limit = 0; /* a null IDT: any exception now is fatal */
	args->idtr.base = 0;
	args->flags = req->flags;
	args->tsc_per_us = req->tsc_per_us;
	args->tsc_start = req->tsc_start;
	args->nsegs = req->nsegs;
	memcpy(args->segs, req->segs, req->nsegs * sizeof(args->segs[0]));
	return args_addr;
}
