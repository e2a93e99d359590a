/* SPDX-License-Identifier: MIT */
/*
 * Measured boot: what chainload hands the kernel goes into the TPM, with an
 * event in the firmware's log for each, before ExitBootServices.  The
 * events are those the Linux EFI stub and the firmware's LoadImage log, so
 * a PCR policy written for them applies (docs/secure-boot.md):
 *
 *   kernel        PCR 4, EV_EFI_BOOT_SERVICES_APPLICATION (0x80000003),
 *                 the file hashed as a PE/COFF image (Authenticode rules),
 *                 event data UEFI_IMAGE_LOAD_EVENT; a bzImage without a PE
 *                 header is hashed whole.  Skipped when the firmware's
 *                 LoadImage already measured it (Secure Boot verification).
 *   initrd        PCR 9, EV_EVENT_TAG (6), tagged event 0x8F3B22EC with
 *                 "Linux initrd\0": the concatenated initrd image, exactly
 *                 the bytes the kernel receives.  None without an initrd.
 *   command line  PCR 9, EV_EVENT_TAG (6), tagged event 0x8F3B22ED with
 *                 "LOADED_IMAGE::LoadOptions\0": the command line the kernel
 *                 receives, UTF-8, with its terminating NUL.
 *
 * Without a TPM nothing is measured.  With one, a measurement that fails
 * stops the launch: measured boot never skips silently.  A dry run measures
 * nothing (a rehearsal must not leave events in PCRs that cannot be reset)
 * but goes the same way, whole-kernel read included, and says what it would
 * measure.
 */
#ifndef CHAINLOAD_MEASURE_H
#define CHAINLOAD_MEASURE_H

#include <efi.h>

#include "fw/file.h"
#include "layout.h"
#include "trust/tcg2.h"

struct measure {
	EFI_TCG2_PROTOCOL *tcg2; /* NULL: no TPM, nothing to measure into */
	BOOLEAN verbose;	 /* list each measurement */
	BOOLEAN dry_run;	 /* say what would be measured, extend nothing */
	void *log_table;	 /* the log handed to Linux (tpm_eventlog.c) */
};

/* Finds the TPM.  Fails only when there is a TCG2 protocol that does not work. */
EFI_STATUS measure_init(struct measure *m, BOOLEAN verbose, BOOLEAN dry_run);

static inline BOOLEAN measure_active(const struct measure *m)
{
	return m->tcg2 != NULL;
}

/*
 * The kernel file's `size` bytes at `buf` into PCR 4.  `volume` is the
 * device the file is on: the event names the file by its device path.
 */
EFI_STATUS measure_kernel(struct measure *m, EFI_HANDLE volume, const struct efi_file *f,
			  const void *buf, UINTN size);

/*
 * The initrd image (segment `seg` of `l`, its first `initrd_size` bytes; no
 * event when 0) and the command line (`cmdline_len` bytes plus its NUL)
 * into PCR 9, then hands the event log to Linux.  The last step before
 * ExitBootServices that touches the TPM.
 */
EFI_STATUS measure_initrd_cmdline(struct measure *m, const struct layout *l, size_t seg,
				  UINT64 initrd_size, const char *cmdline, UINTN cmdline_len);

/* After a failed launch: takes back the log handed to Linux. */
void measure_release(struct measure *m);

#endif /* CHAINLOAD_MEASURE_H */
