/* SPDX-License-Identifier: MIT */
/*
 * What the checks share: the hand-off as gathered once before they run, the
 * verdict of one check, and the helpers that turn a doubtful pointer into a
 * FAIL line instead of a fault.  checks.c runs the checks in order; the
 * checks of one subject live in their own file (setup_data.c,
 * framebuffer.c, acpi.c).
 */
#ifndef TK_CHECK_H
#define TK_CHECK_H

#include "bootparam.h"
#include "tk.h"

struct check {
	bool failed;
	struct tk_buf detail;
	char text[256];
};

enum cmdline_status {
	CMDLINE_UNREAD, /* no usable zero page to find it in */
	CMDLINE_OK,
	CMDLINE_NULL,	      /* cmd_line_ptr is 0 */
	CMDLINE_UNMAPPED,     /* a byte before the NUL is not identity-mapped */
	CMDLINE_UNTERMINATED, /* no NUL within TK_CMDLINE_SIZE + 1 bytes */
};

/* What the loader handed over, gathered once before the checks run. */
struct handoff {
	uint64_t load; /* runtime address of payload offset 0 */
	uint64_t rsi;
	const struct boot_params *bp; /* set only if safe to read */
	struct pgwalk_fault bp_fault;
	uint64_t cmdline_addr;
	enum cmdline_status cmdline_status;
	const char *cmdline;  /* set only if CMDLINE_OK */
	uint64_t cmdline_len; /* bytes before the NUL, or scanned */
	struct pgwalk_fault cmdline_fault;
};

/*
 * Hidden: run() takes these functions' addresses, and for a symbol of
 * default visibility -fpie loads the address from the GOT, which a static
 * link fills with the absolute link-time address.
 */
#pragma GCC visibility push(hidden)

extern struct handoff tk;

/* Marks the check failed and appends " <detail>" to its line. */
void fail(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fail_fault(struct check *c, const char *what, const struct pgwalk_fault *f);

/* Is [addr, addr + len) identity-mapped? If not, say why under @what. */
bool mapped(struct check *c, const char *what, uint64_t addr, uint64_t len);

/* Nothing of the loader's may sit in [load, load + init_size). */
void outside_kernel(struct check *c, const char *what, uint64_t addr, uint64_t len);

/* The value of the last command-line word starting with @key. */
bool word(const char *key, const char **val, uint64_t *len);

/* A decimal tk.<key>= word: absent (false), or its value; bad syntax fails @c. */
bool word_dec(struct check *c, const char *key, uint64_t *ret);

/* A tk.<key>= word the scenario must give: absent fails @c. */
bool word_required(struct check *c, const char *key, const char **val, uint64_t *len);

/* A decimal tk.<key>= word the scenario must give: absent or bad fails @c. */
bool word_dec_required(struct check *c, const char *key, uint64_t *ret);

/* Does [start, end) overlap e820 RAM (zero page or extension)? */
bool e820_overlaps_ram(uint64_t start, uint64_t end);

/* setup_data.c: walks the chain once (gather), then judges it. */
#define TK_SETUP_DATA_MAX 32 /* nodes we follow before calling it a loop */
void setup_data_walk(void);
const struct boot_e820_entry *setup_data_e820_ext(unsigned int *count);
void check_setup_data(struct check *c);
void check_rng_seed(struct check *c);

/* framebuffer.c */
void check_screen_info(struct check *c);

/* efi.c: the firmware's tables efi_info points to */
struct efi_guid {
	uint32_t data1;
	uint16_t data2, data3;
	uint8_t data4[8];
};
extern const struct efi_guid EFI_ACPI_20_GUID, EFI_ACPI_10_GUID;

/*
 * The configuration table entry of @guid into *table (0: no such entry);
 * false, with @c failed, when the system table cannot be read.
 */
bool efi_config_table(struct check *c, const struct efi_guid *guid, uint64_t *table);
void check_e820_types(struct check *c);

/* acpi.c */
void check_acpi_rsdp(struct check *c);

#pragma GCC visibility pop

#endif /* TK_CHECK_H */
