#!/bin/bash
# Debian's kernel booted with `noefi` (in 6.1: no EFI runtime services;
# efivarfs must show nothing) must still find ACPI, through
# boot_params.acpi_rsdp_addr. To see that the kernel really takes that field
# (and does not read the EFI configuration table, which would give the same
# address), the test-only build chainload-acpi10.efi passes the ACPI 1.0
# RSDP: the kernel must log exactly that one (revision 0, 20 bytes), where on
# its own it would pick the 2.0 RSDP. Framebuffer, RNG seed, memory map and
# Secure Boot state do not need runtime services and are checked as always,
# except that with noefi the kernel logs no EFI memory map even with
# efi=debug, so the e820 table cannot be compared with it here
# (chainload.expect_efi_map=0; the other Debian boots and the test kernel
# compare it).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ACPI10_EFI=$ROOT/build/test/chainload-acpi10.efi

[ "${CHAINLOAD_NO_BUILD:-0}" = 1 ] || make -C "$ROOT" -s "$ACPI10_EFI"
ensure_built
require_file "$ACPI10_EFI" "make build/test/chainload-acpi10.efi"
debian_prepare
boot_debian_checked noefi "noefi efi=debug log_buf_len=1M chainload.expect_efivars=0 \
chainload.expect_cpus=1 chainload.expect_mem_mib=1024 chainload.expect_sb=disabled \
chainload.expect_rng=1 chainload.expect_fb=$FB_DEFAULT chainload.expect_rsdp=acpi10 \
chainload.expect_efi_map=0" \
	--efi "$ACPI10_EFI" --loader-args -v \
	--qemu-arg -device --qemu-arg virtio-rng-pci
ok=0
log_text | grep -aq '^chainload: ACPI 1.0 RSDP at 0x' || ok=1
record $ok "the acpi10 build passed the ACPI 1.0 RSDP"
ok=0
log_text | grep -aqE 'ACPI: RSDP 0x[0-9A-F]+ 000014 \(v00 ' || ok=1
record $ok "the kernel used an ACPI 1.0 RSDP (revision 0, 20 bytes)"
expect_handoff_matches_machine "$FB_DEFAULT" acpi10
finish
