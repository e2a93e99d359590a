/* SPDX-License-Identifier: MIT */
/*
 * Hands the firmware's TPM event log to Linux, as its EFI stub would: Linux
 * finds its copy of the log only through the LINUX_EFI_TPM_EVENT_LOG
 * configuration table the stub installs, and chainload starts the kernel
 * without the stub.  Without it /sys/kernel/security/tpm0/
 * binary_bios_measurements is missing and nothing in the OS can check
 * the PCRs against events.
 *
 * The table (include/linux/efi.h, struct linux_efi_tpm_eventlog): u32 size
 * of the log, u32 final_events_preboot_size, u8 log format, then the log.
 * final_events_preboot_size counts the bytes of the firmware's final-events
 * table that are already in the copy, so Linux appends only the events
 * logged after it (those of ExitBootServices).
 */
#ifndef CHAINLOAD_TPM_EVENTLOG_H
#define CHAINLOAD_TPM_EVENTLOG_H

#include <efi.h>

#include "trust/tcg2.h"

/*
 * Copies the log now (after chainload's own measurements: they must be in
 * the copy) and installs the table.  *ret_table is the pool buffer to pass
 * to tpm_eventlog_withdraw() if the launch fails.  Prints its own error.
 */
EFI_STATUS tpm_eventlog_handoff(EFI_TCG2_PROTOCOL *tcg2, BOOLEAN verbose, void **ret_table);

/* Uninstalls and frees the table (launch failed: no kernel will read it). */
void tpm_eventlog_withdraw(void *table);

#endif /* CHAINLOAD_TPM_EVENTLOG_H */
