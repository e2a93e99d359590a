/* SPDX-License-Identifier: MIT */
/*
 * The firmware's TPM 2.0 event log in the crypto-agile format (TCG PC Client
 * Platform Firmware Profile, section 10.2), as EFI_TCG2_PROTOCOL.GetEventLog
 * returns it for EFI_TCG2_EVENT_LOG_FORMAT_TCG_2:
 *
 *   first event  TCG_PCClientPCREvent: pcr u32, type u32 (EV_NO_ACTION),
 *                SHA-1 digest[20], size u32, data = TCG_EfiSpecIDEvent
 *                ("Spec ID Event03", then the algorithms and digest sizes
 *                every later event uses)
 *   then         TCG_PCR_EVENT2: pcr u32, type u32, count u32,
 *                count x { alg u16, digest[size of alg] }, size u32, data
 *
 * An event's length depends on the digest sizes the first event declares,
 * so walking the log needs them.  chainload walks it to hand Linux a copy
 * (efi/handoff/tpm_eventlog.c) and to read the newest event's PCR and type.  The
 * log lives in firmware memory: every length is checked against `max`.
 */
#ifndef CHAINLOAD_TCG_LOG_H
#define CHAINLOAD_TCG_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Event types chainload logs or looks for (PC Client PFP, section 10.4.1). */
#define TCG_EV_NO_ACTION		     0x00000003u
#define TCG_EV_EVENT_TAG		     0x00000006u
#define TCG_EV_EFI_BOOT_SERVICES_APPLICATION 0x80000003u

/* TPM_ALG_ID of SHA-256 (TPM 2.0 Part 2, table 9). */
#define TCG_ALG_SHA256 0x000bu

/* More algorithms than any TPM has banks; the log is refused beyond. */
#define TCG_LOG_MAX_ALGS 16

/* No event of ours or of edk2's comes near this; larger means garbage. */
#define TCG_LOG_MAX_EVENT (1u << 20)

struct tcg_log_algs {
	size_t n;
	struct {
		uint16_t alg;
		uint16_t size;
	} a[TCG_LOG_MAX_ALGS];
	size_t first_size; /* bytes of the first (Spec ID) event */
};

/*
 * Parses the Spec ID event at the start of the log (`max` readable bytes
 * from `log`).  False, with the reason in *diag, when it is not one.
 */
bool tcg_log_parse_spec(const uint8_t *log, size_t max, struct tcg_log_algs *ret,
			struct diag *diag);

/*
 * The length of the TCG_PCR_EVENT2 at `ev` (`max` readable bytes), with its
 * PCR and type.  False when it does not fit in `max`, names an algorithm the
 * Spec ID event did not, or exceeds TCG_LOG_MAX_EVENT.
 */
bool tcg_log_event_size(const uint8_t *ev, size_t max, const struct tcg_log_algs *algs,
			size_t *ret_size, uint32_t *ret_pcr, uint32_t *ret_type, struct diag *diag);

/*
 * Bytes of `count` consecutive events at `ev` (`max` readable): what the
 * EFI_TCG2_FINAL_EVENTS_TABLE's events take up.
 */
bool tcg_log_events_size(const uint8_t *ev, size_t max, uint64_t count,
			 const struct tcg_log_algs *algs, size_t *ret_size, struct diag *diag);

/*
 * Whether an image was measured into PCR 4 (EV_EFI_BOOT_SERVICES_APPLICATION:
 * what the firmware's LoadImage and shim's Verify log) after a mark.  The
 * log is `size` readable bytes at `log`; as GetEventLog describes it, it
 * starts at address `first` and its newest event is now at `last`.  `mark`
 * is where the newest event was before the verifier ran (0: the log could
 * not be read then).  False whenever the log cannot tell, no mark included:
 * the caller then measures the image itself, since measuring it twice is
 * better than not at all.
 */
bool tcg_log_image_since(const uint8_t *log, size_t size, uint64_t first, uint64_t last,
			 uint64_t mark);

#endif /* CHAINLOAD_TCG_LOG_H */
