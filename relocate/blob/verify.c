/* SPDX-License-Identifier: MIT */
/*
 * Verify after copy: runs in the control page after ExitBootServices, called
 * by stub.S once every page is in place.  It recomputes the SHA-256 of each
 * segment at its final address and compares it with the digest taken before
 * the exit.  A mismatch means the copy (or something behind our back) broke
 * the image: it is reported on COM1 and the machine halts rather than run a
 * kernel that is not the one we read.
 *
 * Freestanding and position independent: no library calls, no absolute
 * addresses; COM1 is assumed set up by the firmware (we only poll and write).
 */
#include <stdint.h>

#include "sha256.h"
#include "stub_args.h"

#define COM1	      0x3f8
#define LSR_THR_EMPTY 0x20

void verify_segments(const struct stub_args *args);

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

	for (unsigned i = 0; i < SHA256_DIGEST_SIZE; i++)
		diff |= a[i] ^ b[i];
	return diff != 0;
}

static __attribute__((noreturn)) void halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void report_mismatch(const struct stub_segment *seg, const uint8_t *got)
{
	serial_puts("\nchainload: verify: ");
	serial_puts(seg->name);
	serial_puts(" at 0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		serial_putc("0123456789abcdef"[(seg->dest >> shift) & 15]);
	serial_puts(" (");
	serial_dec(seg->size);
	serial_puts(" bytes) does not match what was read\nchainload: verify: expected ");
	serial_hex(seg->sha256, SHA256_DIGEST_SIZE);
	serial_puts("\nchainload: verify: found    ");
	serial_hex(got, SHA256_DIGEST_SIZE);
	serial_puts("\nchainload: verify: halted, the kernel was not started\n");
}

void verify_segments(const struct stub_args *args)
{
	uint64_t start = rdtsc(), bytes = 0;

	for (uint64_t i = 0; i < args->nsegs; i++) {
		const struct stub_segment *seg = &args->segs[i];
		uint8_t digest[SHA256_DIGEST_SIZE];
		struct sha256 s;

		sha256_init(&s);
		sha256_update(&s, (const void *)(uintptr_t)seg->dest, seg->size);
		sha256_final(&s, digest);
		if (digests_differ(digest, seg->sha256)) {
			report_mismatch(seg, digest);
			halt();
		}
		bytes += seg->size;
	}
	if (args->flags & STUB_F_VERBOSE) {
		serial_puts("chainload: verify: ");
		serial_dec(args->nsegs);
		serial_puts(" segments, ");
		serial_dec(bytes);
		serial_puts(" bytes match their SHA-256 at their final addresses");
		if (args->tsc_per_us) {
			serial_puts(", ");
			serial_dec((rdtsc() - start) / args->tsc_per_us);
			serial_puts(" us");
		}
		serial_puts("\n");
	}
}
