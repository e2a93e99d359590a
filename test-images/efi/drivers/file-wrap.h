/* SPDX-License-Identifier: MIT */
/*
 * Shared by the driver fixtures exit-fails.c and file-changes.c (linked into
 * both, no driver of its own): the OpenVolume of every Simple File System
 * instance is patched, so that the root directory it opens, and every file
 * opened from that root, is a wrapper of ours around the firmware's file.
 * Each call through a wrapper reaches the firmware's function unchanged;
 * the fixture sees it through its hooks first.  Test-only.
 */
#ifndef FIXTURE_FILE_WRAP_H
#define FIXTURE_FILE_WRAP_H

#include <efi.h>

#define FILE_WRAP_NAME_MAX    64
#define FILE_WRAP_POS_UNKNOWN (~0ull)

struct wrapped_file {
	EFI_FILE_PROTOCOL proto;	 /* first: the handle callers hold is &proto */
	EFI_FILE_PROTOCOL *real;	 /* the firmware's file */
	CHAR16 name[FILE_WRAP_NAME_MAX]; /* as passed to Open (cut short), "\" for a root */
	UINTN reads_from_start;		 /* Reads that began at offset 0 */
};

struct file_wrap_hooks {
	/* Before every call through a wrapper (OpenVolume too): the function's
	 * name and the caller's return address.  May be NULL. */
	void (*call)(const char *name, const void *caller);
	/* After a successful Read: where it began (FILE_WRAP_POS_UNKNOWN if the
	 * file could not say) and the bytes read, which it may change.  May be
	 * NULL. */
	void (*read)(struct wrapped_file *f, UINT64 pos, UINT8 *buf, UINTN len);
};

/*
 * Patches every Simple File System instance present now (at most 16); how
 * many in *ret_volumes.  `hooks` must live as long as the driver.  When
 * there is none, says so in one line starting with `who`.  Call it before
 * patching the boot services table: it uses them.
 */
EFI_STATUS file_wrap_install(const char *who, const struct file_wrap_hooks *hooks,
			     UINTN *ret_volumes);

#endif /* FIXTURE_FILE_WRAP_H */
