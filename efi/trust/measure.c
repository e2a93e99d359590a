/* SPDX-License-Identifier: MIT */
#include "trust/measure.h"

#include <efilib.h>
#include <string.h>

#include "fw/console.h"
#include "pe.h"
#include "tcg_log.h"
#include "handoff/tpm_eventlog.h"

#define PCR_BOOT_APPS 4 /* boot manager code and the images it loads */
#define PCR_LINUX     9 /* what the Linux EFI stub measures */

/* Tagged events of the Linux EFI stub (drivers/firmware/efi/libstub). */
#define TAG_INITRD     0x8F3B22ECu
#define TAG_LOAD_OPTS  0x8F3B22EDu
#define TEXT_INITRD    "Linux initrd"
#define TEXT_LOAD_OPTS "LOADED_IMAGE::LoadOptions"

/* UEFI_IMAGE_LOAD_EVENT (PC Client PFP, section 10.2.3), then a device path. */
struct image_load_event {
	UINT64 location; /* where the measured bytes are */
	UINT64 length;
	UINT64 link_address; /* PE ImageBase; 0 when not a PE image */
	UINT64 devpath_length;
	UINT8 devpath[];
};
_Static_assert(sizeof(struct image_load_event) == 32, "UEFI_IMAGE_LOAD_EVENT");

/* TCG_PCClientTaggedEvent: id, data size, data. */
struct tagged_event {
	UINT32 id;
	UINT32 size;
	UINT8 data[];
} __attribute__((packed));
_Static_assert(sizeof(struct tagged_event) == 8, "TCG_PCClientTaggedEvent");

EFI_STATUS measure_init(struct measure *m, BOOLEAN verbose, BOOLEAN dry_run)
{
	EFI_STATUS st;

	SetMem(m, sizeof(*m), 0);
	m->verbose = verbose;
	m->dry_run = dry_run;
	st = tcg2_locate(&m->tcg2);
	if (EFI_ERROR(st) || !verbose)
		return st;
	if (!m->tcg2)
		con_print("chainload: TPM 2.0 absent: nothing is measured\n");
	else if (dry_run)
		con_print("chainload: TPM 2.0 present, but a dry run measures nothing\n");
	else
		con_print("chainload: TPM 2.0 present: measuring the kernel, initrd and "
			  "command line\n");
	return st;
}

/* "measured", or what a dry run says instead. */
static const char *measured(const struct measure *m)
{
	return m->dry_run ? "would measure" : "measured";
}

/*
 * Extends `pcr` with the hash of [data, data + len) and logs `ev_data`
 * (`ev_len` bytes) as an event of `type`.
 */
static EFI_STATUS extend(struct measure *m, UINT64 flags, UINT32 pcr, UINT32 type, const void *data,
			 UINT64 len, const void *ev_data, UINTN ev_len)
{
	struct tcg2_event *ev;
	EFI_STATUS st;

	if (m->dry_run)
		return EFI_SUCCESS;
	st = BS->AllocatePool(EfiLoaderData, sizeof(*ev) + ev_len, (void **)&ev);
	if (EFI_ERROR(st))
		return st;
	ev->size = sizeof(*ev) + ev_len;
	ev->header_size = sizeof(*ev) - sizeof(ev->size);
	ev->header_version = TCG2_EVENT_HEADER_VERSION;
	ev->pcr_index = pcr;
	ev->event_type = type;
	CopyMem(ev->event, (void *)ev_data, ev_len);
	st = m->tcg2->hash_log_extend_event(m->tcg2, flags, (EFI_PHYSICAL_ADDRESS)(UINTN)data, len,
					    ev);
	BS->FreePool(ev);
	return st;
}

EFI_STATUS measure_kernel(struct measure *m, EFI_HANDLE volume, const struct efi_file *f,
			  const void *buf, UINTN size)
{
	struct image_load_event *ev;
	struct pe_header hdr;
	EFI_DEVICE_PATH *dp;
	UINTN dp_len;
	BOOLEAN pe;
	EFI_STATUS st;

	if (!measure_active(m))
		return EFI_SUCCESS;
	/* Without a device path the event still names the bytes it measured. */
	dp = file_device_path(volume, f->path);
	dp_len = dp ? DevicePathSize(dp) : 0;
	st = BS->AllocatePool(EfiLoaderData, sizeof(*ev) + dp_len, (void **)&ev);
	if (EFI_ERROR(st)) {
		con_error(st, f->path, "no memory to measure the kernel");
		goto err_event;
	}
	/* An x86-64 kernel's EFI stub is PE32+; anything else is hashed whole. */
	pe = pe_parse(buf, size, &hdr) && hdr.magic == PE_OPT_MAGIC_PE32PLUS;
	ev->location = (UINT64)(UINTN)buf;
	ev->length = size;
	ev->link_address = pe ? hdr.image_base : 0;
	ev->devpath_length = dp_len;
	if (dp_len)
		CopyMem(ev->devpath, dp, dp_len);
	st = extend(m, pe ? TCG2_PE_COFF_IMAGE : 0, PCR_BOOT_APPS,
		    TCG_EV_EFI_BOOT_SERVICES_APPLICATION, buf, size, ev, sizeof(*ev) + dp_len);
	if (EFI_ERROR(st)) {
		con_error(st, f->path, "measuring the kernel into PCR %u failed", PCR_BOOT_APPS);
		goto err_extend;
	}
	if (m->verbose)
		con_print("chainload: %s %s into PCR %u: %llu bytes, "
			  "EV_EFI_BOOT_SERVICES_APPLICATION (%s)\n",
			  measured(m), f->path, PCR_BOOT_APPS, (unsigned long long)size,
			  pe ? "PE image hash" : "no PE header: whole file");
	BS->FreePool(ev);
	if (dp)
		BS->FreePool(dp);
	return EFI_SUCCESS;

err_extend:
	BS->FreePool(ev);
err_event:
	if (dp)
		BS->FreePool(dp);
	return st;
}

/* A tagged event of the Linux stub's: `text` with its NUL is the event data. */
static EFI_STATUS extend_tagged(struct measure *m, const char *what, UINT32 id, const char *text,
				const void *data, UINT64 len)
{
	UINT8 buf[sizeof(struct tagged_event) + 32];
	struct tagged_event *t = (struct tagged_event *)buf;
	UINTN text_size = strlen(text) + 1;
	EFI_STATUS st;

	if (text_size > sizeof(buf) - sizeof(*t))
		return con_error(EFI_BAD_BUFFER_SIZE, what, "event text too long");
	t->id = id;
	t->size = text_size;
	CopyMem(t->data, (void *)text, text_size);
	st = extend(m, 0, PCR_LINUX, TCG_EV_EVENT_TAG, data, len, t, sizeof(*t) + text_size);
	if (EFI_ERROR(st))
		return con_error(st, what, "measuring into PCR %u failed", PCR_LINUX);
	if (m->verbose)
		con_print("chainload: %s %s into PCR %u: %llu bytes, tagged event 0x%08x "
			  "\"%s\"\n",
			  measured(m), what, PCR_LINUX, (unsigned long long)len, id, text);
	return EFI_SUCCESS;
}

/*
 * The staged initrd is one run of memory when it was read in place; split
 * across staging extents it is gathered into a pool buffer first, because
 * HashLogExtendEvent takes one buffer.
 */
static EFI_STATUS measure_initrd(struct measure *m, const struct layout *l, size_t seg, UINT64 size)
{
	UINT64 addr, n, off;
	UINT8 *copy;
	EFI_STATUS st;

	if (!layout_chunk(l, seg, 0, &addr, &n))
		return con_error(EFI_ABORTED, "initrd", "not staged");
	if (n >= size)
		return extend_tagged(m, "initrd", TAG_INITRD, TEXT_INITRD, (void *)(UINTN)addr,
				     size);
	st = BS->AllocatePool(EfiLoaderData, size, (void **)&copy);
	if (EFI_ERROR(st))
		return con_error(st, "initrd", "no memory to gather it for measurement");
	for (off = 0; off < size; off += n) {
		if (!layout_chunk(l, seg, off, &addr, &n)) {
			st = con_error(EFI_ABORTED, "initrd", "no staging page for byte %llu",
				       (unsigned long long)off);
			goto err_gather;
		}
		if (n > size - off)
			n = size - off;
		CopyMem(copy + off, (void *)(UINTN)addr, n);
	}
	st = extend_tagged(m, "initrd", TAG_INITRD, TEXT_INITRD, copy, size);
	if (EFI_ERROR(st))
		goto err_extend;
	BS->FreePool(copy);
	return EFI_SUCCESS;

err_extend:
err_gather:
	BS->FreePool(copy);
	return st;
}

EFI_STATUS measure_initrd_cmdline(struct measure *m, const struct layout *l, size_t seg,
				  UINT64 initrd_size, const char *cmdline, UINTN cmdline_len)
{
	EFI_STATUS st;

	if (!measure_active(m))
		return EFI_SUCCESS;
	if (initrd_size) {
		st = measure_initrd(m, l, seg, initrd_size);
		if (EFI_ERROR(st))
			return st;
	}
	/* With its NUL: never empty, and exactly what cmd_line_ptr points at. */
	st = extend_tagged(m, "command line", TAG_LOAD_OPTS, TEXT_LOAD_OPTS, cmdline,
			   cmdline_len + 1);
	if (EFI_ERROR(st))
		return st;
	if (m->dry_run)
		return EFI_SUCCESS;
	return tpm_eventlog_handoff(m->tcg2, m->verbose, &m->log_table);
}

void measure_release(struct measure *m)
{
	tpm_eventlog_withdraw(m->log_table);
	m->log_table = NULL;
}
