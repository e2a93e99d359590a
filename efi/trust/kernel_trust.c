/* SPDX-License-Identifier: MIT */
/*
 * Who verifies the kernel, in order:
 *   shim's SHIM_LOCK protocol, when shim started us: it trusts what the
 *     firmware's db trusts plus the Machine Owner Keys, minus dbx and
 *     MokListX, which the firmware alone does not;
 *   otherwise the firmware: LoadImage of the very buffer we will boot runs
 *     its image verification (db, dbx) without starting anything.
 * Any answer but "trusted" refuses the kernel.  Either may measure the image
 * into PCR 4 on the way (edk2's LoadImage and shim's Verify both do): the
 * TPM event log says whether one did, so that it is measured exactly once.
 */
#include "trust/kernel_trust.h"

#include <efilib.h>

#include "fw/console.h"
#include "fw/efi_status.h"
#include "handoff/firmware_info.h"
#include "secureboot.h"
#include "trust/shim.h"
#include "trust/tcg2.h"

static EFI_GUID shim_lock_guid = SHIM_GUID;

BOOLEAN kernel_trust_required(void)
{
	struct secureboot_vars v;

	secureboot_vars_read(&v);
	return secureboot_verification_required(&v);
}

/*
 * The verifier's refusals keep their status; any other failure of `call`
 * means the kernel could not be verified, which refuses it just the same.
 */
static EFI_STATUS refuse(const struct efi_file *f, EFI_STATUS st, const char *verifier,
			 const char *call)
{
	if (st == EFI_SECURITY_VIOLATION || st == EFI_ACCESS_DENIED)
		return con_error(st, f->path,
				 "Secure Boot: %s does not trust the kernel's "
				 "signature",
				 verifier);
	return con_error(EFI_SECURITY_VIOLATION, f->path,
			 "Secure Boot: %s cannot verify the "
			 "kernel: %s returned %s",
			 verifier, call, efi_status_name(st));
}

static EFI_STATUS verify_with_shim(struct shim_lock *shim, const struct efi_file *f,
				   const void *buf, UINTN size)
{
	EFI_STATUS st;

	if (size > 0xffffffffu)
		return con_error(EFI_SECURITY_VIOLATION, f->path,
				 "Secure Boot: kernel too large "
				 "for shim to verify");
	st = shim->verify((void *)buf, (UINT32)size);
	return EFI_ERROR(st) ? refuse(f, st, "shim", "Verify") : EFI_SUCCESS;
}

static EFI_STATUS verify_with_firmware(EFI_HANDLE image, EFI_HANDLE volume,
				       const struct efi_file *f, const void *buf, UINTN size)
{
	EFI_DEVICE_PATH *dp = file_device_path(volume, f->path);
	EFI_HANDLE loaded = NULL;
	EFI_STATUS st;

	/* The verifier's policy depends on where the image comes from. */
	if (!dp)
		return con_error(EFI_SECURITY_VIOLATION, f->path,
				 "Secure Boot: no device path "
				 "to have the kernel verified with");
	st = BS->LoadImage(FALSE, image, dp, (void *)buf, size, &loaded);
	BS->FreePool(dp);
	/* SECURITY_VIOLATION: loaded but not allowed to start; the handle is real. */
	if ((!EFI_ERROR(st) || st == EFI_SECURITY_VIOLATION) && loaded)
		BS->UnloadImage(loaded);
	return EFI_ERROR(st) ? refuse(f, st, "the firmware", "LoadImage") : EFI_SUCCESS;
}

EFI_STATUS kernel_trust_verify(EFI_HANDLE image, EFI_HANDLE volume, const struct efi_file *f,
			       const void *buf, UINTN size, BOOLEAN *ret_measured)
{
	EFI_PHYSICAL_ADDRESS mark = tcg2_log_mark();
	struct shim_lock *shim;
	EFI_STATUS st;

	*ret_measured = FALSE;
	if (!EFI_ERROR(BS->LocateProtocol(&shim_lock_guid, NULL, (void **)&shim)) && shim)
		st = verify_with_shim(shim, f, buf, size);
	else
		st = verify_with_firmware(image, volume, f, buf, size);
	if (!EFI_ERROR(st))
		*ret_measured = tcg2_image_event_since(mark);
	return st;
}
