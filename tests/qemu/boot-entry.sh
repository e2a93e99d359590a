#!/bin/bash
# Boot-entry mode (run-ovmf.sh --mode entry): a first QEMU run registers a
# firmware boot entry (Boot####) from the UEFI shell whose options are
# chainload's words, as UTF-16; a second run on the same VARS and disk boots
# that entry straight from the boot manager, with no shell.
#   testkern  options with a byte-order mark and no NUL terminator; the test
#             kernel's report proves the command line and initrd arrived
#   debian    Debian's kernel; its userspace reads the Boot Loader Interface
#             variables back through efivarfs (tests/guest/checks/35-bli.sh)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# The boot manager started entry "chainload 0" and no shell ran before the kernel.
expect_started_by_firmware() {
	expect "the boot manager started the entry \"chainload 0\"" log_has -E \
		'^BdsDxe: starting Boot[0-9A-F]{4} "chainload 0" from .*\\EFI\\chainload\\chainload\.efi$'
	expect "no UEFI shell ran in the second run" ! log_has 'UEFI Interactive Shell'
}

# Both Boot Loader Interface times are decimal and init comes before exec:
# bli_times_ordered INIT EXEC.
# shellcheck disable=SC2317 # called through expect
bli_times_ordered() {
	[[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "$2" -gt "$1" ]
}

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/first.img" 4099
random_file "$SCRATCH/second.img" 777
boot testkern --mode entry --entry-bom --timeout 120 --kernel "$TESTKERN" \
	--initrd "$SCRATCH/first.img" --initrd "$SCRATCH/second.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=boot-entry tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
expect_started_by_firmware
expect "one summary line: kernel, 2 initrds, command-line length" log_has -E \
	'^chainload: \\boot\\vmlinuz .*, 2 initrds \(5 KiB\), command line [0-9]+ bytes$'

"$ROOT/tests/guest/fetch-debian-kernel.sh"
kernel=$ROOT/build/debian/vmlinuz
require_file "$kernel" "tests/guest/fetch-debian-kernel.sh"
part=5A1E0C2B-7D4F-4E6A-9B3C-2D1E0F9A8B7C
image='\EFI\chainload\chainload.efi'
cmdline="console=ttyS0 panic=-1 chainload.test=boot-entry-debian"
cmdline="$cmdline chainload.expect_bli_part=$part chainload.expect_bli_image=$image"
payload=$SCRATCH/payload.bin
random_file "$payload" $((64 * 1024 + 1))
"$ROOT/tests/guest/make-initramfs.sh" "$SCRATCH/initramfs.gz" "$payload" "$cmdline" \
	"$ROOT/tests/guest/checks/35-bli.sh"
boot debian --mode entry --timeout 300 --part-uuid "$part" --kernel "$kernel" \
	--initrd "$SCRATCH/initramfs.gz" --cmdline "$cmdline"
expect_boot_pass
expect_started_by_firmware
expect_eq "guest cmdline" "$(guest_value cmdline)" "$cmdline"
expect_eq "guest payload sha256" "$(guest_value payload_sha256)" \
	"$(sha256sum "$payload" | cut -d' ' -f1)"
expect_eq "LoaderDevicePartUUID" "$(guest_value bli_LoaderDevicePartUUID)" "$part"
expect_eq "LoaderImageIdentifier" "$(guest_value bli_LoaderImageIdentifier)" "$image"
info=$(guest_value bli_LoaderInfo)
expect "LoaderInfo is \"chainload VERSION\" (got \"$info\")" [ "${info#chainload ?}" != "$info" ]
init=$(guest_value bli_LoaderTimeInitUSec)
exec_t=$(guest_value bli_LoaderTimeExecUSec)
expect "LoaderTimeInitUSec < LoaderTimeExecUSec, both decimal (got $init, $exec_t)" \
	bli_times_ordered "$init" "$exec_t"
expect_line "CHAINLOAD-VERDICT: PASS"
finish
