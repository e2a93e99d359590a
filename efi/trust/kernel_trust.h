/* SPDX-License-Identifier: MIT */
/*
 * Secure Boot for a kernel chainload places itself: the firmware's check
 * only covers images started with LoadImage, so when Secure Boot is
 * enforced chainload must have the kernel verified before it may boot it.
 * The whole file is read once into one buffer; that buffer is verified and
 * is also what the relocation stub copies to the kernel's destination.
 */
#ifndef CHAINLOAD_KERNEL_TRUST_H
#define CHAINLOAD_KERNEL_TRUST_H

#include <efi.h>

#include "fw/file.h"

/*
 * Whether the kernel must be verified: Secure Boot enforced, or its state
 * unreadable (fail closed).  No option can turn this off.
 */
BOOLEAN kernel_trust_required(void);

/*
 * Verifies the kernel file's bytes `buf` (`size` bytes, the whole file):
 * with shim's SHIM_LOCK protocol when shim is there, else with the
 * firmware's LoadImage.  Prints the one-line refusal itself (file and
 * reason) and returns EFI_SECURITY_VIOLATION or EFI_ACCESS_DENIED;
 * EFI_SUCCESS only when the kernel may run.  *ret_measured tells whether
 * the verifier (the firmware's LoadImage, or shim) measured the image into
 * PCR 4 while verifying it, so chainload must not measure it a second time.
 * `volume` is the device the file is on (the verifier's policy may depend
 * on where an image comes from).
 */
EFI_STATUS kernel_trust_verify(EFI_HANDLE image, EFI_HANDLE volume, const struct efi_file *f,
			       const void *buf, UINTN size, BOOLEAN *ret_measured);

#endif /* CHAINLOAD_KERNEL_TRUST_H */
