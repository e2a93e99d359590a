/* SPDX-License-Identifier: MIT */
#include "fw/file.h"

#include <efilib.h>

#include "fw/console.h"
#include "net/pxe.h"
#include "net/tftp_volume.h"
#include "netpath.h"
#include "units.h"
#include "utf8.h"

#define PATH_MAX_UNITS 512
/*
 * Bytes per Read call.  Bounded so a slow device cannot stall us without
 * limit; 16 MiB read fastest here (a 256 MiB file under OVMF: 1 MiB 1.16 s,
 * 4 MiB 1.02 s, 16 MiB 0.89 s, 64 MiB 0.92 s).  With a progress bar a
 * smaller file is read in sixteenths, but never less than 1 MiB at a time,
 * so the bar moves and the calls stay large.
 */
#define READ_CHUNK	  (16ull << 20)
#define READ_CHUNK_MIN	  (1ull << 20)
#define PROGRESS_SEGMENTS 16

EFI_STATUS file_open_root(EFI_HANDLE image, EFI_FILE_HANDLE *ret_root)
{
	EFI_LOADED_IMAGE *loaded;
	EFI_STATUS st;

	st = BS->HandleProtocol(image, &LoadedImageProtocol, (void **)&loaded);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "no loaded-image protocol");
	return file_open_volume(loaded->DeviceHandle, ret_root);
}

EFI_STATUS file_open_volume(EFI_HANDLE device, EFI_FILE_HANDLE *ret_root)
{
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	struct pxe_boot boot;
	EFI_STATUS st;

	st = BS->HandleProtocol(device, &FileSystemProtocol, (void **)&fs);
	/* Booted over PXE: the TFTP server is the volume. */
	if (EFI_ERROR(st) && !EFI_ERROR(pxe_boot_get(device, &boot))) {
		st = tftp_volume_open(&boot, ret_root);
		if (EFI_ERROR(st))
			return con_error(st, "chainload.efi", "no memory for its TFTP volume");
		return EFI_SUCCESS;
	}
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi",
				 "its volume has no file system, and it was not booted over PXE");
	st = fs->OpenVolume(fs, ret_root);
	if (EFI_ERROR(st))
		return con_error(st, "chainload.efi", "cannot open its volume");
	return EFI_SUCCESS;
}

EFI_STATUS file_path_ucs2(const char *path, CHAR16 *out, UINTN cap)
{
	UINTN n = utf8_to_ucs2(path, out, cap);

	if (!n)
		return EFI_INVALID_PARAMETER;
	if (n == UTF8_TOO_LONG)
		return EFI_BAD_BUFFER_SIZE;
	for (UINTN i = 0; i < n; i++)
		if (out[i] == L'/')
			out[i] = L'\\';
	return EFI_SUCCESS;
}

static EFI_STATUS read_info(struct efi_file *f)
{
	union {
		EFI_FILE_INFO info;
		UINT8 bytes[sizeof(EFI_FILE_INFO) + PATH_MAX_UNITS * sizeof(CHAR16)];
	} buf;
	UINTN size = sizeof(buf);
	EFI_STATUS st;

	st = f->handle->GetInfo(f->handle, &GenericFileInfo, &size, &buf);
	if (EFI_ERROR(st))
		return con_error(st, f->path, "cannot read file information");
	if (buf.info.Attribute & EFI_FILE_DIRECTORY)
		return con_error(EFI_INVALID_PARAMETER, f->path, "is a directory, not a file");
	if (!buf.info.FileSize)
		return con_error(EFI_LOAD_ERROR, f->path, "file is empty");
	f->size = buf.info.FileSize;
	return EFI_SUCCESS;
}

/* A path that is a URL: tftp:// through the PXE Base Code; http(s):// not yet. */
static EFI_STATUS open_url(EFI_FILE_HANDLE root, const struct netpath *np, struct efi_file *f)
{
	char why[256];
	EFI_STATUS st;

	if (np->scheme != NETPATH_TFTP) {
		con_error(EFI_UNSUPPORTED, f->path,
			  "http:// and https:// are not supported yet: use tftp://");
		return EFI_UNSUPPORTED;
	}
	st = tftp_open_url(root, np->ipv4, np->path, &f->handle, why, sizeof(why));
	if (EFI_ERROR(st))
		return con_error(st, f->path, "cannot open file%s", why);
	return EFI_SUCCESS;
}

EFI_STATUS file_open(EFI_FILE_HANDLE root, const char *path, struct efi_file *ret)
{
	CHAR16 wpath[PATH_MAX_UNITS];
	struct efi_file f = { .path = path };
	struct netpath np;
	struct diag d;
	EFI_STATUS st;

	if (netpath_parse(path, &np, &d))
		return con_error(EFI_INVALID_PARAMETER, path, "%s", d.msg);
	if (np.scheme != NETPATH_VOLUME) {
		st = open_url(root, &np, &f);
		if (EFI_ERROR(st))
			return st;
	} else {
		st = file_path_ucs2(path, wpath, PATH_MAX_UNITS);
		if (EFI_ERROR(st))
			return con_error(st, path, "path is not valid UTF-8 or is too long");
		st = root->Open(root, &f.handle, wpath, EFI_FILE_MODE_READ, 0);
		if (EFI_ERROR(st))
			return con_error(st, path, "cannot open file%s", tftp_failure(root));
	}
	st = read_info(&f);
	if (EFI_ERROR(st)) {
		file_close(&f);
		return st;
	}
	progress_init(&f.progress, path, f.size);
	*ret = f;
	return EFI_SUCCESS;
}

BOOLEAN file_missing(EFI_FILE_HANDLE root, const char *path)
{
	CHAR16 wpath[PATH_MAX_UNITS];
	EFI_FILE_HANDLE h;
	struct netpath np;
	EFI_STATUS st;

	if (netpath_parse(path, &np, NULL) || np.scheme != NETPATH_VOLUME)
		return FALSE; /* file_open() fetches it, or says what is wrong */
	if (EFI_ERROR(file_path_ucs2(path, wpath, PATH_MAX_UNITS)))
		return FALSE; /* file_open() says what is wrong with it */
	st = root->Open(root, &h, wpath, EFI_FILE_MODE_READ, 0);
	if (!EFI_ERROR(st))
		h->Close(h);
	return st == EFI_NOT_FOUND;
}

EFI_STATUS file_read(struct efi_file *f, UINT64 offset, void *buf, UINT64 len)
{
	UINT64 chunk = READ_CHUNK;
	UINT8 *p = buf;
	EFI_STATUS st;

	if (f->progress.active && f->size / PROGRESS_SEGMENTS < chunk)
		chunk = align_up(f->size / PROGRESS_SEGMENTS + 1, READ_CHUNK_MIN);
	/* TFTP transfers a file whole, straight into `buf` when that is all of it. */
	if (tftp_is_file(f->handle))
		chunk = len;
	st = f->handle->SetPosition(f->handle, offset);
	if (EFI_ERROR(st)) {
		progress_end(&f->progress);
		return con_error(st, f->path, "cannot seek to byte %llu",
				 (unsigned long long)offset);
	}
	while (len) {
		UINTN n = len < chunk ? len : chunk;

		st = f->handle->Read(f->handle, &n, p);
		if (EFI_ERROR(st) || !n)
			progress_end(&f->progress);
		if (EFI_ERROR(st))
			return con_error(st, f->path, "read failed at byte %llu%s",
					 (unsigned long long)(offset + (p - (UINT8 *)buf)),
					 tftp_failure(f->handle));
		if (!n)
			return con_error(EFI_END_OF_FILE, f->path,
					 "file ended at byte %llu, shorter than it said",
					 (unsigned long long)(offset + (p - (UINT8 *)buf)));
		p += n;
		len -= n;
		progress_update(&f->progress, offset + (p - (UINT8 *)buf));
	}
	return EFI_SUCCESS;
}

EFI_DEVICE_PATH *file_device_path(EFI_HANDLE device, const char *path)
{
	CHAR16 wpath[PATH_MAX_UNITS + 1];

	/* A file-path node holds an absolute path; ours are relative to the root. */
	wpath[0] = L'\\';
	if (EFI_ERROR(file_path_ucs2(path + (*path == '/' || *path == '\\'), wpath + 1,
				     PATH_MAX_UNITS)))
		return NULL;
	return FileDevicePath(device, wpath);
}

void file_close(struct efi_file *f)
{
	progress_end(&f->progress);
	if (f->handle)
		f->handle->Close(f->handle);
	f->handle = NULL;
}
