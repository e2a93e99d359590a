/* SPDX-License-Identifier: MIT */
/*
 * Wrapped files for the driver fixtures (file-wrap.h).  A wrapper is our
 * own EFI_FILE_PROTOCOL (revision 1: no Ex functions) in pool memory, with
 * the firmware's file behind it; closing or deleting the file frees it.
 * The firmware's files are never changed, only the OpenVolume pointer of
 * each Simple File System instance (edk2's FAT driver keeps one per
 * volume, and finds its volume from `This`, which it still gets).
 */
#include "file-wrap.h"

#include <efilib.h>

#define MAX_VOLUMES 16

static const struct file_wrap_hooks *hooks;
static struct {
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_VOLUME_OPEN open_volume; /* the firmware's */
} volumes[MAX_VOLUMES];
static UINTN n_volumes;

/* In each wrapper itself: the return address must be its caller's. */
#define SEEN(name)                                                        \
	do {                                                              \
		if (hooks->call)                                          \
			hooks->call((name), __builtin_return_address(0)); \
	} while (0)

static struct wrapped_file *wrapped(EFI_FILE_PROTOCOL *h)
{
	return (struct wrapped_file *)h;
}

static EFI_STATUS wrap(EFI_FILE_PROTOCOL *real, const CHAR16 *name, EFI_FILE_PROTOCOL **ret);

static EFI_STATUS EFIAPI w_open(EFI_FILE_PROTOCOL *h, EFI_FILE_PROTOCOL **ret, CHAR16 *name,
				UINT64 mode, UINT64 attrs)
{
	EFI_FILE_PROTOCOL *real;
	EFI_STATUS st;

	SEEN("Open");
	st = wrapped(h)->real->Open(wrapped(h)->real, &real, name, mode, attrs);
	if (EFI_ERROR(st))
		return st;
	return wrap(real, name, ret);
}

/* A wrapper whose file the firmware closed (`st` its answer) is freed. */
static EFI_STATUS unwrapped(EFI_FILE_PROTOCOL *h, EFI_STATUS st)
{
	BS->FreePool(h);
	return st;
}

static EFI_STATUS EFIAPI w_close(EFI_FILE_PROTOCOL *h)
{
	SEEN("Close");
	return unwrapped(h, wrapped(h)->real->Close(wrapped(h)->real));
}

/* Delete closes the handle, whether it deleted the file or not. */
static EFI_STATUS EFIAPI w_delete(EFI_FILE_PROTOCOL *h)
{
	SEEN("Delete");
	return unwrapped(h, wrapped(h)->real->Delete(wrapped(h)->real));
}

static EFI_STATUS EFIAPI w_read(EFI_FILE_PROTOCOL *h, UINTN *size, VOID *buf)
{
	struct wrapped_file *f = wrapped(h);
	UINT64 pos;
	EFI_STATUS st;

	SEEN("Read");
	/* A directory cannot tell its position: then it is unknown. */
	if (EFI_ERROR(f->real->GetPosition(f->real, &pos)))
		pos = FILE_WRAP_POS_UNKNOWN;
	if (pos == 0)
		f->reads_from_start++;
	st = f->real->Read(f->real, size, buf);
	if (!EFI_ERROR(st) && hooks->read)
		hooks->read(f, pos, buf, *size);
	return st;
}

static EFI_STATUS EFIAPI w_write(EFI_FILE_PROTOCOL *h, UINTN *size, VOID *buf)
{
	SEEN("Write");
	return wrapped(h)->real->Write(wrapped(h)->real, size, buf);
}

static EFI_STATUS EFIAPI w_get_position(EFI_FILE_PROTOCOL *h, UINT64 *pos)
{
	SEEN("GetPosition");
	return wrapped(h)->real->GetPosition(wrapped(h)->real, pos);
}

static EFI_STATUS EFIAPI w_set_position(EFI_FILE_PROTOCOL *h, UINT64 pos)
{
	SEEN("SetPosition");
	return wrapped(h)->real->SetPosition(wrapped(h)->real, pos);
}

static EFI_STATUS EFIAPI w_get_info(EFI_FILE_PROTOCOL *h, EFI_GUID *type, UINTN *size, VOID *buf)
{
	SEEN("GetInfo");
	return wrapped(h)->real->GetInfo(wrapped(h)->real, type, size, buf);
}

static EFI_STATUS EFIAPI w_set_info(EFI_FILE_PROTOCOL *h, EFI_GUID *type, UINTN size, VOID *buf)
{
	SEEN("SetInfo");
	return wrapped(h)->real->SetInfo(wrapped(h)->real, type, size, buf);
}

static EFI_STATUS EFIAPI w_flush(EFI_FILE_PROTOCOL *h)
{
	SEEN("Flush");
	return wrapped(h)->real->Flush(wrapped(h)->real);
}

/* *ret: a new wrapper around `real`; without memory `real` is closed. */
static EFI_STATUS wrap(EFI_FILE_PROTOCOL *real, const CHAR16 *name, EFI_FILE_PROTOCOL **ret)
{
	struct wrapped_file *f;
	EFI_STATUS st;
	UINTN i;

	st = BS->AllocatePool(EfiBootServicesData, sizeof(*f), (void **)&f);
	if (EFI_ERROR(st)) {
		real->Close(real);
		return st;
	}
	SetMem(f, sizeof(*f), 0);
	f->proto.Revision = EFI_FILE_PROTOCOL_REVISION;
	f->proto.Open = w_open;
	f->proto.Close = w_close;
	f->proto.Delete = w_delete;
	f->proto.Read = w_read;
	f->proto.Write = w_write;
	f->proto.GetPosition = w_get_position;
	f->proto.SetPosition = w_set_position;
	f->proto.GetInfo = w_get_info;
	f->proto.SetInfo = w_set_info;
	f->proto.Flush = w_flush;
	f->real = real;
	for (i = 0; name && name[i] && i < FILE_WRAP_NAME_MAX - 1; i++)
		f->name[i] = name[i];
	f->name[i] = 0;
	*ret = &f->proto;
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI w_open_volume(EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs,
				       EFI_FILE_PROTOCOL **ret_root)
{
	EFI_FILE_PROTOCOL *real;
	EFI_STATUS st;

	SEEN("OpenVolume");
	for (UINTN i = 0; i < n_volumes; i++) {
		if (volumes[i].fs != fs)
			continue;
		st = volumes[i].open_volume(fs, &real);
		if (EFI_ERROR(st))
			return st;
		return wrap(real, L"\\", ret_root);
	}
	return EFI_UNSUPPORTED; /* not reached: only patched instances point here */
}

EFI_STATUS file_wrap_install(const char *who, const struct file_wrap_hooks *h, UINTN *ret_volumes)
{
	EFI_HANDLE *handles;
	UINTN n;
	EFI_STATUS st;

	hooks = h;
	st = BS->LocateHandleBuffer(ByProtocol, &FileSystemProtocol, NULL, &n, &handles);
	if (EFI_ERROR(st)) {
		Print(L"%a: no file system to wrap (%r)\n", who, st);
		return st;
	}
	for (UINTN i = 0; i < n && n_volumes < MAX_VOLUMES; i++) {
		EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;

		if (EFI_ERROR(BS->HandleProtocol(handles[i], &FileSystemProtocol, (void **)&fs)))
			continue;
		volumes[n_volumes].fs = fs;
		volumes[n_volumes].open_volume = fs->OpenVolume;
		fs->OpenVolume = w_open_volume;
		n_volumes++;
	}
	BS->FreePool(handles);
	*ret_volumes = n_volumes;
	return EFI_SUCCESS;
}
