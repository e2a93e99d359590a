/* SPDX-License-Identifier: MIT */
#include "tcg_log.h"

#include <string.h>

#include "le.h"

/* TCG_PCClientPCREvent: pcr, type, SHA-1 digest, data size. */
#define LEGACY_HEADER 32
/* TCG_EfiSpecIDEvent up to digestSizes[]: signature[16], platformClass,
 * version bytes, uintnSize, numberOfAlgorithms. */
#define SPEC_FIXED     28
#define SPEC_SIGNATURE "Spec ID Event03"

bool tcg_log_parse_spec(const uint8_t *log, size_t max, struct tcg_log_algs *ret, struct diag *diag)
{
	uint32_t data_size, n;
	const uint8_t *spec;
	size_t need;

	if (max < LEGACY_HEADER)
		return diag_false(diag, "log of %zu bytes has no first event", max);
	if (le32(log + 4) != TCG_EV_NO_ACTION)
		return diag_false(diag, "first event has type 0x%x, not EV_NO_ACTION",
				  le32(log + 4));
	data_size = le32(log + 28);
	if (data_size > max - LEGACY_HEADER || data_size < SPEC_FIXED + 1)
		return diag_false(diag, "first event's %u data bytes do not fit", data_size);
	spec = log + LEGACY_HEADER;
	if (strncmp((const char *)spec, SPEC_SIGNATURE, sizeof(SPEC_SIGNATURE)))
		return diag_false(diag, "first event is not a \"" SPEC_SIGNATURE "\"");
	n = le32(spec + 24);
	if (n == 0 || n > TCG_LOG_MAX_ALGS)
		return diag_false(diag, "Spec ID event lists %u algorithms", n);
	/* The digest sizes, then the vendorInfoSize byte. */
	need = SPEC_FIXED + (size_t)n * 4 + 1;
	if (need > data_size)
		return diag_false(diag, "Spec ID event's %u algorithms do not fit", n);
	ret->n = n;
	for (uint32_t i = 0; i < n; i++) {
		ret->a[i].alg = le16(spec + SPEC_FIXED + i * 4);
		ret->a[i].size = le16(spec + SPEC_FIXED + i * 4 + 2);
	}
	ret->first_size = LEGACY_HEADER + (size_t)data_size;
	return true;
}

/* Digest size of `alg` per the Spec ID event; 0 when it is not listed. */
static size_t digest_size(const struct tcg_log_algs *algs, uint16_t alg)
{
	for (size_t i = 0; i < algs->n; i++)
		if (algs->a[i].alg == alg)
			return algs->a[i].size;
	return 0;
}

bool tcg_log_event_size(const uint8_t *ev, size_t max, const struct tcg_log_algs *algs,
			size_t *ret_size, uint32_t *ret_pcr, uint32_t *ret_type, struct diag *diag)
{
	size_t off = 12, size;
	uint32_t count, data_size;

	if (max > TCG_LOG_MAX_EVENT)
		max = TCG_LOG_MAX_EVENT;
	if (max < off)
		return diag_false(diag, "event header does not fit");
	count = le32(ev + 8);
	if (count == 0 || count > algs->n)
		return diag_false(diag, "event carries %u digests, the log declares %zu", count,
				  algs->n);
	for (uint32_t i = 0; i < count; i++) {
		if (max - off < 2)
			return diag_false(diag, "digest %u does not fit", i);
		size = digest_size(algs, le16(ev + off));
		if (!size)
			return diag_false(diag, "digest %u has undeclared algorithm 0x%x", i,
					  le16(ev + off));
		off += 2;
		if (max - off < size)
			return diag_false(diag, "digest %u does not fit", i);
		off += size;
	}
	if (max - off < 4)
		return diag_false(diag, "event data size does not fit");
	data_size = le32(ev + off);
	off += 4;
	if (data_size > max - off)
		return diag_false(diag, "event's %u data bytes do not fit", data_size);
	*ret_size = off + data_size;
	if (ret_pcr)
		*ret_pcr = le32(ev);
	if (ret_type)
		*ret_type = le32(ev + 4);
	return true;
}

bool tcg_log_events_size(const uint8_t *ev, size_t max, uint64_t count,
			 const struct tcg_log_algs *algs, size_t *ret_size, struct diag *diag)
{
	size_t off = 0, size;

	for (uint64_t i = 0; i < count; i++) {
		if (!tcg_log_event_size(ev + off, max - off, algs, &size, NULL, NULL, diag))
			return false;
		off += size;
	}
	*ret_size = off;
	return true;
}

bool tcg_log_image_since(const uint8_t *log, size_t size, uint64_t first, uint64_t last,
			 uint64_t mark)
{
	struct tcg_log_algs algs;
	uint32_t pcr, type;
	size_t at, ev;

	/*
	 * No mark: the firmware's own PCR 4 events (chainload.efi's, for one)
	 * cannot be told from the verifier's, so the log cannot tell.
	 */
	if (!mark || mark < first || mark >= last || last - first >= size)
		return false;
	if (!tcg_log_parse_spec(log, size, &algs, NULL))
		return false;
	/* From the event after the mark (or after the Spec ID event) to the newest. */
	at = algs.first_size;
	if (mark != first) {
		if (!tcg_log_event_size(log + (mark - first), size - (mark - first), &algs, &ev,
					NULL, NULL, NULL))
			return false;
		at = mark - first + ev;
	}
	/* Verifiers log more than the image (shim: PCR 7 authorities), so walk. */
	for (; at <= last - first; at += ev) {
		if (!tcg_log_event_size(log + at, size - at, &algs, &ev, &pcr, &type, NULL))
			return false;
		if (pcr == 4 && type == TCG_EV_EFI_BOOT_SERVICES_APPLICATION)
			return true;
	}
	return false;
}
