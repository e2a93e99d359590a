/* SPDX-License-Identifier: MIT */
/*
 * EFI_TCG2_PROTOCOL (TCG EFI Protocol Specification, family 2.0, section 6),
 * which gnu-efi does not declare: the TPM 2.0 measurement interface of the
 * firmware.  Only what chainload calls is typed; the rest are placeholders
 * that keep the function table's layout.
 */
#ifndef CHAINLOAD_TCG2_H
#define CHAINLOAD_TCG2_H

#include <efi.h>

#define TCG2_PROTOCOL_GUID                                             \
	{                                                              \
		0x607f766c, 0x7455, 0x42be,                            \
		{                                                      \
			0x93, 0x0b, 0xe4, 0xd7, 0x6d, 0xb2, 0x72, 0x0f \
		}                                                      \
	}

/* Configuration table: events logged after the first GetEventLog call. */
#define TCG2_FINAL_EVENTS_TABLE_GUID                                   \
	{                                                              \
		0x1e2ed096, 0x30e2, 0x4254,                            \
		{                                                      \
			0xbd, 0x89, 0x86, 0x3b, 0xbe, 0xf8, 0x23, 0x25 \
		}                                                      \
	}

#define TCG2_EVENT_LOG_FORMAT_TCG_2 0x00000002u /* crypto agile */
#define TCG2_EVENT_HEADER_VERSION   1
/* HashLogExtendEvent flag: DataToHash is a PE/COFF image, hash it as one. */
#define TCG2_PE_COFF_IMAGE 0x0000000000000010ull

/* Natural alignment, unlike the event structures (the specification's layout). */
struct tcg2_capability {
	UINT8 size;
	UINT8 structure_version[2];
	UINT8 protocol_version[2];
	UINT32 hash_algorithm_bitmap;
	UINT32 supported_event_logs;
	BOOLEAN tpm_present;
	UINT16 max_command_size;
	UINT16 max_response_size;
	UINT32 manufacturer_id;
	UINT32 number_of_pcr_banks;
	UINT32 active_pcr_banks;
};
_Static_assert(sizeof(struct tcg2_capability) == 36, "EFI_TCG2_BOOT_SERVICE_CAPABILITY");
_Static_assert(__builtin_offsetof(struct tcg2_capability, tpm_present) == 16, "TPMPresentFlag");

/* EFI_TCG2_EVENT: packed, `size` counts every byte including itself. */
struct tcg2_event {
	UINT32 size;
	UINT32 header_size;    /* of the header alone: 14 */
	UINT16 header_version; /* TCG2_EVENT_HEADER_VERSION */
	UINT32 pcr_index;
	UINT32 event_type;
	UINT8 event[];
} __attribute__((packed));
_Static_assert(sizeof(struct tcg2_event) == 18, "EFI_TCG2_EVENT");

struct tcg2_protocol;
typedef struct tcg2_protocol EFI_TCG2_PROTOCOL;

struct tcg2_protocol {
	EFI_STATUS(EFIAPI *get_capability)
	(EFI_TCG2_PROTOCOL *self, struct tcg2_capability *ret_cap);
	EFI_STATUS(EFIAPI *get_event_log)
	(EFI_TCG2_PROTOCOL *self, UINT32 format, EFI_PHYSICAL_ADDRESS *ret_location,
	 EFI_PHYSICAL_ADDRESS *ret_last_entry, BOOLEAN *ret_truncated);
	EFI_STATUS(EFIAPI *hash_log_extend_event)
	(EFI_TCG2_PROTOCOL *self, UINT64 flags, EFI_PHYSICAL_ADDRESS data, UINT64 len,
	 struct tcg2_event *event);
	void *submit_command;
	void *get_active_pcr_banks;
	void *set_active_pcr_banks;
	void *get_result_of_set_active_pcr_banks;
};

/*
 * The firmware's TPM 2.0 protocol in *ret, or NULL when there is no TPM
 * (no protocol, or one that says no TPM is present).  Fails only when the
 * protocol is there but cannot tell whether a TPM is.
 */
EFI_STATUS tcg2_locate(EFI_TCG2_PROTOCOL **ret);

/*
 * Where the newest event of the firmware's log starts (a mark for
 * tcg2_image_event_since); 0 without a TPM or a readable log.
 */
EFI_PHYSICAL_ADDRESS tcg2_log_mark(void);

/*
 * Whether an image was measured into PCR 4 (EV_EFI_BOOT_SERVICES_APPLICATION)
 * since `mark`: what the firmware's LoadImage and shim's Verify log.  FALSE
 * when the log cannot tell, as with a mark of 0 (core/tcg_log.c decides).
 */
BOOLEAN tcg2_image_event_since(EFI_PHYSICAL_ADDRESS mark);

#endif /* CHAINLOAD_TCG2_H */
