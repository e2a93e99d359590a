/* SPDX-License-Identifier: MIT */
#include "trust/tcg2.h"

#include <efilib.h>

#include "fw/console.h"
#include "tcg_log.h"

static EFI_GUID tcg2_guid = TCG2_PROTOCOL_GUID;

EFI_STATUS tcg2_locate(EFI_TCG2_PROTOCOL **ret)
{
	struct tcg2_capability cap;
	EFI_TCG2_PROTOCOL *tcg2;
	EFI_STATUS st;

	*ret = NULL;
	if (EFI_ERROR(BS->LocateProtocol(&tcg2_guid, NULL, (void **)&tcg2)) || !tcg2)
		return EFI_SUCCESS;
	SetMem(&cap, sizeof(cap), 0);
	cap.size = sizeof(cap);
	st = tcg2->get_capability(tcg2, &cap);
	if (EFI_ERROR(st))
		return con_error(st, "TPM",
				 "the firmware's TCG2 protocol cannot say whether "
				 "a TPM is present");
	/* edk2 installs the protocol on a machine whose TPM is absent or disabled. */
	if (cap.tpm_present)
		*ret = tcg2;
	return EFI_SUCCESS;
}

/* The log's newest entry and first byte; FALSE when there is none. */
static BOOLEAN newest_event(EFI_TCG2_PROTOCOL *tcg2, EFI_PHYSICAL_ADDRESS *ret_first,
			    EFI_PHYSICAL_ADDRESS *ret_last)
{
	BOOLEAN truncated = FALSE;

	*ret_first = *ret_last = 0;
	if (EFI_ERROR(tcg2->get_event_log(tcg2, TCG2_EVENT_LOG_FORMAT_TCG_2, ret_first, ret_last,
					  &truncated)))
		return FALSE;
	return *ret_first && *ret_last >= *ret_first;
}

EFI_PHYSICAL_ADDRESS tcg2_log_mark(void)
{
	EFI_PHYSICAL_ADDRESS first, last;
	EFI_TCG2_PROTOCOL *tcg2;

	if (EFI_ERROR(tcg2_locate(&tcg2)) || !tcg2 || !newest_event(tcg2, &first, &last))
		return 0;
	return last;
}

BOOLEAN tcg2_image_event_since(EFI_PHYSICAL_ADDRESS mark)
{
	EFI_PHYSICAL_ADDRESS first, last;
	EFI_TCG2_PROTOCOL *tcg2;

	if (EFI_ERROR(tcg2_locate(&tcg2)) || !tcg2 || !newest_event(tcg2, &first, &last))
		return FALSE;
	/* The newest event may run up to TCG_LOG_MAX_EVENT past its start. */
	return tcg_log_image_since((const UINT8 *)(UINTN)first, last - first + TCG_LOG_MAX_EVENT,
				   first, last, mark);
}
