#!/bin/bash
# chainload's ACPI 1.0 fallback, and Debian's kernel booted with `noefi` (in
# 6.1: no EFI runtime services; efivarfs must show nothing) finding ACPI
# through boot_params.acpi_rsdp_addr. The fixture
# test-images/efi/remove-acpi20.c runs from startup.nsh before chainload
# and removes the ACPI 2.0 entry from the EFI configuration table, so the
# release chainload.efi must fall back to the ACPI 1.0 RSDP:
#   - the test kernel reads acpi_rsdp_addr as handed over (it never fills it
#     in itself) and must find an RSDP of revision 0 there;
#   - Debian's kernel must log the configuration table without its ACPI 2.0
#     entry and use an ACPI 1.0 RSDP (revision 0, 20 bytes); without the
#     fixture it would use the 2.0 one (revision 2, 36 bytes).
# Framebuffer, RNG seed, memory map and Secure Boot state do not need
# runtime services and are checked as always.
# With noefi the kernel logs no EFI memory map even with efi=debug, so the
# e820 table cannot be compared with it here (chainload.expect_efi_map=0;
# the other Debian boots and the test kernel compare it).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

REMOVE_ACPI20=$ROOT/build/test-images/efi/remove-acpi20.efi

ensure_built
require_file "$REMOVE_ACPI20" "make test-images"
require_file "$TESTKERN" "make test-images"

# The fixture ran and the shell saw it succeed; the rest is the kernels' word.
expect_fixture_ran() {
	expect_line "CHAINLOAD-FIXTURE: remove-acpi20.efi lasterror 0x0"
}

boot testkern --timeout 120 --pre-efi "$REMOVE_ACPI20" --loader-args -v \
	--cmdline "console=ttyS0 chainload.test=acpi10 tk.load=$TK_LOAD_RELOC $TK_MACHINE tk.rsdp=acpi10"
expect_fixture_ran
expect_boot_pass
expect_tk_all_ok
expect "the test kernel got an ACPI 1.0 RSDP (revision 0) in acpi_rsdp_addr" \
	log_has -E '^tk: acpi_rsdp: 0x[0-9a-f]+ revision 0 '

debian_prepare
boot_debian_checked noefi "noefi efi=debug log_buf_len=1M chainload.expect_efivars=0 \
chainload.expect_cpus=1 chainload.expect_mem_mib=1024 chainload.expect_sb=disabled \
chainload.expect_rng=1 chainload.expect_fb=$FB_DEFAULT chainload.expect_rsdp=acpi10 \
chainload.expect_efi_map=0" \
	--pre-efi "$REMOVE_ACPI20" --loader-args -v \
	--qemu-arg -device --qemu-arg virtio-rng-pci
expect_fixture_ran
expect "the kernel saw an ACPI 1.0 entry in the configuration table" log_has -E 'efi: .*ACPI=0x'
expect "the kernel saw no ACPI 2.0 entry in the configuration table" ! log_has 'efi: .*ACPI 2\.0='
expect "the kernel used an ACPI 1.0 RSDP (revision 0, 20 bytes)" \
	log_has -E 'ACPI: RSDP 0x[0-9A-F]+ 000014 \(v00 '
expect_handoff_matches_machine "$FB_DEFAULT" acpi10
finish
