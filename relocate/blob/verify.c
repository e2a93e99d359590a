/* SPDX-License-Identifier: MIT */
/*
 * After the copy: runs in the control page after ExitBootServices, called
 * by stub.S once every page is in place.  With STUB_F_VERIFY it recomputes
 * each segment's digest (hash64, or SHA-256 with STUB_F_SHA256) at its
 * final address and compares it with the one taken before the exit.  Every
 * segment that differs is reported on COM1, then the machine halts rather
 * than run a kernel that is not the one we read.  With STUB_F_VERBOSE it
 * also reports the verification and the stub's own times.
 *
 * Freestanding and position independent: no library calls, no absolute
 * addresses; COM1 is assumed set up by the firmware (we only poll and write).
 */
#include <stdint.h>

#include "digest.h"
#include "stub_args.h"

#define COM1	      0x3f8
#define LSR_THR_EMPTY 0x20

void stub_after_copy(const struct stub_args *args, uint64_t tsc_entry);

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void serial_putc(char c)
{
	/* Bounded wait: a missing UART must not hang the boot. */
	for (unsigned i = 0; i < 100000 && !(inb(COM1 + 5) & LSR_THR_EMPTY); i++)
		;
	outb(COM1, (uint8_t)c);
}

static void serial_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

static void serial_hex(const uint8_t *bytes, unsigned n)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		serial_putc(digits[bytes[i] >> 4]);
		serial_putc(digits[bytes[i] & 15]);
	}
}

static void serial_dec(uint64_t v)
{
	char buf[21];
	unsigned n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		serial_putc(buf[--n]);
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static int digests_differ(const uint8_t *a, const uint8_t *b)
{
	uint8_t diff = 0;

	for (unsigned i = 0; i < DIGEST_MAX_SIZE; i++)
		diff |= a[i] ^ b[i];
	return diff != 0;
}

static __attribute__((noreturn)) void halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void report_mismatch(const struct stub_segment *seg, const uint8_t *got, unsigned size)
{
	serial_puts("\nchainload: verify: ");
	serial_puts(seg->name);
	serial_puts(" at 0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		serial_putc("0123456789abcdef"[(seg->dest >> shift) & 15]);
	serial_puts(" (");
	serial_dec(seg->size);
	serial_puts(" bytes) does not match what was read\nchainload: verify: expected ");
	serial_hex(seg->digest, size);
	serial_puts("\nchainload: verify: found    ");
	serial_hex(got, size);
	serial_puts("\n");
}

static void serial_us(const char *what, uint64_t from, uint64_t to, uint64_t tsc_per_us)
{
	serial_puts(what);
	serial_dec((to - from) / tsc_per_us);
	serial_puts(" us");
}

/* Every segment, every mismatch reported; returns (the bytes checked) only if all match. */
static uint64_t verify_segments(const struct stub_args *args, enum digest_kind kind)
{
	uint64_t bytes = 0, bad = 0;

	for (uint64_t i = 0; i < args->nsegs; i++) {
		const struct stub_segment *seg = &args->segs[i];
		uint8_t got[DIGEST_MAX_SIZE];
		struct digest d;

		digest_init(&d, kind);
		digest_update(&d, (const void *)(uintptr_t)seg->dest, seg->size);
		digest_final(&d, got);
		if (digests_differ(got, seg->digest)) {
			report_mismatch(seg, got, digest_size(kind));
			bad++;
		}
		bytes += seg->size;
	}
	if (bad) {
		serial_puts("chainload: verify: halted, the kernel was not started\n");
		halt();
	}
	return bytes;
}

void stub_after_copy(const struct stub_args *args, uint64_t tsc_entry)
{
	enum digest_kind kind = args->flags & STUB_F_SHA256 ? DIGEST_SHA256 : DIGEST_HASH64;
	uint64_t copied = rdtsc(), verified, bytes = 0;

	if (args->flags & STUB_F_VERIFY)
		bytes = verify_segments(args, kind);
	verified = rdtsc();
	if (!(args->flags & STUB_F_VERBOSE))
		return;
	if (args->flags & STUB_F_VERIFY) {
		serial_puts("chainload: verify: ");
		serial_dec(args->nsegs);
		serial_puts(" segments, ");
		serial_dec(bytes);
		serial_puts(kind == DIGEST_SHA256 ? " bytes match their SHA-256"
						  : " bytes match their hash64");
		serial_puts(" at their final addresses\n");
	}
	if (!args->tsc_per_us)
		return;
	/* Exit: the final memory map, e820 and ExitBootServices. */
	serial_us("chainload: stub: exit ", args->tsc_exit, tsc_entry, args->tsc_per_us);
	serial_us(", copy ", tsc_entry, copied, args->tsc_per_us);
	serial_us(", verify ", copied, verified, args->tsc_per_us);
	serial_us("; ", args->tsc_start, rdtsc(), args->tsc_per_us);
	serial_puts(" from chainload's start to the kernel's entry\n");
}
