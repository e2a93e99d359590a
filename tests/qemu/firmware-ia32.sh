#!/bin/bash
# 32-bit UEFI firmware (Debian's ovmf-ia32: OVMF32_CODE_4M.secboot.fd with
# SMM, a 64-bit CPU model) running chainload-ia32.efi from its UEFI shell.
# Its stub (relocate/blob/stub32.S) turns paging off if the firmware left it
# on, copies the page list with paging off, verifies, and enters every
# kernel at startup_32; efi_info is signed "EL32" with the 32-bit system
# table and the final memory map.
#   testkern  --force-copy -v: the test kernel judges the 32-bit entry's CPU
#             state (tk.entry=32), that efi_info says EL32 (tk.efi_bits=32)
#             and reads the firmware's IA32 system table through it (the
#             ACPI RSDP check), with every page moved by the stub first
#   debian    Debian's amd64 kernel (CONFIG_EFI_MIXED) to userspace with its
#             exact command line and payload, and working EFI runtime
#             services through the mixed-mode thunk: 30-efivars writes,
#             reads back and deletes a variable, 35-bli reads the Boot
#             Loader Interface variables chainload set; with a TPM
#             (swtpm), measured boot as on 64-bit firmware: the guest's event
#             log holds the kernel's PE hash in PCR 4 and the initrd and
#             command line in PCR 9, and replays to the TPM's own PCRs
#   debian-686  Debian's 686 kernel, native on this firmware: the same, its
#             runtime services called directly
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tpm.bash
. "$(dirname "$0")/tpm.bash"
trap tpm_stop EXIT

# SMM takes about 30 MiB, as in secure-boot. The Debian boots take about
# 20 s here: 150 s is ample under load, and a mutant that hangs one costs
# no more than that.
MEM=2048
IA32=(--arch ia32 --memory "$MEM")

ensure_built
require_file "$ROOT/build/chainload-ia32.efi" "make"
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
boot testkern "${IA32[@]}" --timeout 90 --loader-args "--force-copy -v" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=$SCENARIO tk.load=$TK_LOAD_RELOC_IA32 $TK_MACHINE \
tk.entry=32 tk.efi_bits=32"
expect_boot_pass
expect_tk_all_ok
expect_line "tk: entry: startup_32 at $TK_LOAD_RELOC_IA32"
expect_all_pages_copied "$TESTKERN" "$SCRATCH/initrd.img"

# This build's SMM and its ACPI NVS keep 35 MiB of the machine's RAM.
IA32_WORDS="efi=debug chainload.expect_mem_mib=$MEM chainload.expect_fw_kib=40960 \
chainload.expect_cpus=1 chainload.expect_sb=disabled chainload.expect_rng=0 \
chainload.expect_fb=$FB_DEFAULT"
debian_prepare
tpm_start
all_checks=("${GUEST_CHECKS[@]}")
GUEST_CHECKS+=("$ROOT/tests/guest/checks/tpm-eventlog.sh")
boot_debian_checked debian "$IA32_WORDS" "${IA32[@]}" --loader-args -v --timeout 150 \
	"${TPM_QEMU_ARGS[@]}"
GUEST_CHECKS=("${all_checks[@]}")
expect_measured debian "$DEBIAN_KERNEL" "$SCRATCH/initramfs-debian.gz" \
	"console=ttyS0 panic=-1 chainload.test=$SCENARIO-debian $IA32_WORDS" 1
expect_eq "guest EFI" "$(guest_value efi)" yes
expect "the kernel calls the firmware through its mixed-mode thunk" \
	! log_has 'No EFI runtime due to 32/64-bit mismatch'
expect_eq "guest machine" "$(guest_value machine)" x86_64

debian_prepare_flavour 686
boot_debian_checked debian-686 "$IA32_WORDS" "${IA32[@]}" --loader-args -v --timeout 150
expect_eq "guest EFI" "$(guest_value efi)" yes
expect_eq "guest machine" "$(guest_value machine)" i686
finish
