/* SPDX-License-Identifier: MIT */
#include "handoff/tpm_eventlog.h"

#include <efilib.h>

#include "fw/config_table.h"
#include "fw/console.h"
#include "le.h"
#include "tcg_log.h"

/* LINUX_EFI_TPM_EVENT_LOG_GUID (include/linux/efi.h). */
static EFI_GUID linux_log_guid = {
	0xb7799cb0, 0xeca2, 0x4943, { 0x96, 0x67, 0x1f, 0xae, 0x07, 0xb7, 0x47, 0xfa }
};
static EFI_GUID final_events_guid = TCG2_FINAL_EVENTS_TABLE_GUID;

struct linux_tpm_log {
	UINT32 size;
	UINT32 final_events_preboot_size;
	UINT8 version;
	UINT8 log[];
} __attribute__((packed));
_Static_assert(sizeof(struct linux_tpm_log) == 9, "struct linux_efi_tpm_eventlog");

/* EFI_TCG2_FINAL_EVENTS_TABLE: u64 version, u64 number of events, events. */
#define FINAL_EVENTS_HEADER 16
/* The final-events area edk2 reserves is 64 KiB; far more is garbage. */
#define FINAL_EVENTS_MAX (16u << 20)

/* Bytes of the final-events table's events, all of which the copy holds. */
static EFI_STATUS final_events_size(const struct tcg_log_algs *algs, UINT32 *ret)
{
	const UINT8 *table = config_table_find(&final_events_guid);
	struct diag d;
	size_t size;

	*ret = 0;
	if (!table || !le64(table + 8))
		return EFI_SUCCESS;
	if (!tcg_log_events_size(table + FINAL_EVENTS_HEADER, FINAL_EVENTS_MAX, le64(table + 8),
				 algs, &size, &d))
		return con_error(EFI_COMPROMISED_DATA, "TPM", "final events table: %s", d.msg);
	*ret = (UINT32)size;
	return EFI_SUCCESS;
}

/* The log's length: up to its newest event, plus that event. */
static EFI_STATUS log_size(EFI_PHYSICAL_ADDRESS first, EFI_PHYSICAL_ADDRESS last,
			   struct tcg_log_algs *algs, UINT32 *ret)
{
	const UINT8 *log = (const UINT8 *)(UINTN)first;
	UINT64 before = last - first;
	size_t size;
	struct diag d;

	if (!tcg_log_parse_spec(log, before + TCG_LOG_MAX_EVENT, algs, &d))
		return con_error(EFI_COMPROMISED_DATA, "TPM", "event log: %s", d.msg);
	if (last == first)
		size = algs->first_size;
	else if (!tcg_log_event_size(log + before, TCG_LOG_MAX_EVENT, algs, &size, NULL, NULL, &d))
		return con_error(EFI_COMPROMISED_DATA, "TPM", "event log, newest event: %s", d.msg);
	if (before > UINT32_MAX - sizeof(struct linux_tpm_log) - size)
		return con_error(EFI_BAD_BUFFER_SIZE, "TPM", "event log is larger than 4 GiB");
	*ret = (UINT32)(before + size);
	return EFI_SUCCESS;
}

EFI_STATUS tpm_eventlog_handoff(EFI_TCG2_PROTOCOL *tcg2, BOOLEAN verbose, void **ret_table)
{
	EFI_PHYSICAL_ADDRESS first = 0, last = 0;
	struct tcg_log_algs algs;
	BOOLEAN truncated = FALSE;
	struct linux_tpm_log *t;
	UINT32 size = 0, preboot = 0;
	EFI_STATUS st;

	*ret_table = NULL;
	st = tcg2->get_event_log(tcg2, TCG2_EVENT_LOG_FORMAT_TCG_2, &first, &last, &truncated);
	if (EFI_ERROR(st))
		return con_error(st, "TPM", "cannot read the firmware's event log");
	/* Our own events were just logged: an empty log is a broken one. */
	if (!first || !last || last < first)
		return con_error(EFI_NOT_FOUND, "TPM", "the firmware's event log is empty");
	st = log_size(first, last, &algs, &size);
	if (EFI_ERROR(st))
		return st;
	st = final_events_size(&algs, &preboot);
	if (EFI_ERROR(st))
		return st;
	st = BS->AllocatePool(EfiACPIReclaimMemory, sizeof(*t) + size, (void **)&t);
	if (EFI_ERROR(st))
		return con_error(st, "TPM", "no memory for a copy of the event log");
	t->size = size;
	t->final_events_preboot_size = preboot;
	t->version = TCG2_EVENT_LOG_FORMAT_TCG_2;
	CopyMem(t->log, (void *)(UINTN)first, size);
	st = BS->InstallConfigurationTable(&linux_log_guid, t);
	if (EFI_ERROR(st)) {
		BS->FreePool(t);
		return con_error(st, "TPM", "cannot hand the event log to Linux");
	}
	*ret_table = t;
	if (truncated)
		con_print("chainload: warning: the firmware's TPM event log is truncated; "
			  "the PCRs hold events it does not\n");
	if (verbose)
		con_print("chainload: TPM event log for Linux: %u bytes (%u bytes of final "
			  "events already in it)\n",
			  (unsigned)size, (unsigned)preboot);
	return EFI_SUCCESS;
}

void tpm_eventlog_withdraw(void *table)
{
	if (!table)
		return;
	BS->InstallConfigurationTable(&linux_log_guid, NULL);
	BS->FreePool(table);
}
