/* SPDX-License-Identifier: MIT */
/* Fills the control page (layout in include/stub_args.h). */
#ifndef CHAINLOAD_CONTROL_H
#define CHAINLOAD_CONTROL_H

#include <stdint.h>

#include "stub_args.h"

/* The stub's bytes, from relocate/stub.S. */
extern const uint8_t relocate_stub_start[];
extern const uint8_t relocate_stub_end[];

struct control_request {
	uint64_t list_head;	/* from the layout's page list */
	uint64_t cr3;		/* identity map root */
	uint64_t boot_params;
	uint64_t entry;		/* kernel load address + STARTUP_64_OFFSET */
};

/*
 * Copies the stub into `page` (mapped at physical `page_addr`) and fills its
 * argument block and GDT.  Returns the physical address of the argument
 * block, which the stub takes in %rdi.
 */
uint64_t control_page_fill(void *page, uint64_t page_addr, const struct control_request *req);

#endif /* CHAINLOAD_CONTROL_H */
