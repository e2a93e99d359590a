/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: a medium whose file changes between two reads.  A
 * boot-service driver, loaded by startup.nsh before the loader.  From its
 * load on, a file opened through a Simple File System (file-wrap.h) whose
 * name ends in ".changing" reads back changed on every Read that starts at
 * offset 0 after the first such Read of that open file: the k-th one
 * (k >= 2) has byte (k - 2) mod 512 inverted, so no two reads from the start
 * agree.  Each change prints one line.  Every other file reads as it is.
 * Test-only: built as build/test-images/efi/drivers/file-changes.efi, never
 * part of chainload.
 */
#include <efi.h>
#include <efilib.h>

#include "file-wrap.h"

static const CHAR16 suffix[] = L".changing";

/* Whether `name` ends in ".changing" (FAT names: ASCII case does not matter). */
static BOOLEAN changing(const CHAR16 *name)
{
	UINTN n = StrLen(name), m = sizeof(suffix) / sizeof(suffix[0]) - 1;

	if (n < m)
		return FALSE;
	for (UINTN i = 0; i < m; i++) {
		CHAR16 c = name[n - m + i];

		if (c >= L'A' && c <= L'Z')
			c += L'a' - L'A';
		if (c != suffix[i])
			return FALSE;
	}
	return TRUE;
}

static void changed_read(struct wrapped_file *f, UINT64 pos, UINT8 *buf, UINTN len)
{
	UINTN at;
	UINT8 was;

	if (pos != 0 || f->reads_from_start < 2 || !changing(f->name))
		return;
	at = (f->reads_from_start - 2) % 512;
	if (at >= len)
		return;
	was = buf[at];
	buf[at] = (UINT8)~was;
	Print(L"file-changes: %s: read %ld from offset 0 changed: byte %ld is 0x%02x, not 0x%02x\n",
	      f->name, (UINT64)f->reads_from_start, (UINT64)at, buf[at], was);
}

static const struct file_wrap_hooks file_hooks = { .read = changed_read };

/* gnu-efi's crt0 calls this with the System V convention. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	UINTN volumes;
	EFI_STATUS st;

	InitializeLib(image, systab);
	st = file_wrap_install("file-changes", &file_hooks, &volumes);
	if (EFI_ERROR(st))
		return st;
	Print(L"file-changes: %ld file systems wrapped; a *%s file changes after its first read "
	      L"from offset 0\n",
	      (UINT64)volumes, suffix);
	return EFI_SUCCESS;
}
