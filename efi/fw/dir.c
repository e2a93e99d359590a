/* SPDX-License-Identifier: MIT */
#include "fw/dir.h"

#include <efilib.h>

#include "fw/file.h"
#include "utf16.h"

#define NAME_UNITS DIR_NAME_MAX

/* The FileName of EFI_FILE_INFO is a flexible array: room for one name. */
union file_info {
	EFI_FILE_INFO info;
	UINT8 bytes[sizeof(EFI_FILE_INFO) + NAME_UNITS * sizeof(CHAR16)];
};

EFI_STATUS dir_open(EFI_FILE_HANDLE root, const char *path, EFI_FILE_HANDLE *ret)
{
	CHAR16 p[NAME_UNITS];

	EFI_STATUS st = file_path_ucs2(path, p, NAME_UNITS);

	if (EFI_ERROR(st))
		return st;
	return root->Open(root, ret, p, EFI_FILE_MODE_READ, 0);
}

EFI_STATUS dir_next(EFI_FILE_HANDLE dir, struct dir_entry *ret)
{
	union file_info buf;
	struct diag d;
	size_t len;

	for (;;) {
		UINTN size = sizeof(buf);
		EFI_STATUS st = dir->Read(dir, &size, &buf);

		if (EFI_ERROR(st))
			return st;
		if (!size)
			return EFI_NOT_FOUND;
		if (utf16_to_utf8(buf.info.FileName, NAME_UNITS, ret->name, sizeof(ret->name), &len,
				  &d))
			continue;
		ret->is_dir = (buf.info.Attribute & EFI_FILE_DIRECTORY) != 0;
		ret->size = buf.info.FileSize;
		return EFI_SUCCESS;
	}
}

EFI_STATUS dir_rename(EFI_FILE_HANDLE dir, const char *from, const char *to)
{
	CHAR16 name[NAME_UNITS];
	union file_info buf;
	EFI_FILE_HANDLE f;
	UINTN size = sizeof(buf);
	EFI_STATUS st;

	st = file_path_ucs2(from, name, NAME_UNITS);
	if (EFI_ERROR(st))
		return st;
	st = dir->Open(dir, &f, name, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE, 0);
	if (EFI_ERROR(st))
		return st;
	st = f->GetInfo(f, &GenericFileInfo, &size, &buf);
	if (EFI_ERROR(st))
		goto out;
	st = file_path_ucs2(to, buf.info.FileName, NAME_UNITS);
	if (EFI_ERROR(st))
		goto out;
	buf.info.Size = SIZE_OF_EFI_FILE_INFO + (StrLen(buf.info.FileName) + 1) * sizeof(CHAR16);
	st = f->SetInfo(f, &GenericFileInfo, buf.info.Size, &buf);
	if (!EFI_ERROR(st))
		st = f->Flush(f);
out:
	f->Close(f);
	return st;
}
