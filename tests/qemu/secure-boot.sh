#!/bin/bash
# Secure Boot without a bypass: Debian's Secure Boot OVMF with the snakeoil
# keys enrolled (db holds the snakeoil certificate), chainload signed with
# that key and booted from the removable-media path with a chainload.conf
# (the firmware has no shell while Secure Boot is on).
#
# The firmware verifies (chainload is \EFI\BOOT\BOOTX64.EFI; LoadImage):
#   signed         kernel signed with the snakeoil key: boots, and Linux
#                  reports Secure Boot enabled. A TPM is attached: the
#                  firmware's LoadImage measured the kernel, so chainload must
#                  not measure it again (one PCR 4 event with its PE hash).
#   unsigned       the same kernel without a signature: refused.
#   tampered       the signed kernel with one byte changed after signing:
#                  refused.
# shim verifies (Debian's shim, signed for db, is BOOTX64.EFI; chainload is
# its second stage grubx64.efi, so shim checks chainload's .sbat too):
#   shim-debian    Debian's kernel with Debian's own signature, which only
#                  shim trusts (its vendor certificate): boots.
#   shim-unsigned  the unsigned kernel: refused by SHIM_LOCK.
# The firmware verifies an `efi` boot entry (LoadImage, as for any image):
#   efi-entries    no chainload.conf, so chainload is the boot menu of two
#                  `efi` entries, the kernel's own EFI stub unsigned and
#                  signed. The unsigned one, first and so the default, is
#                  refused and its error stands under the menu; `2` picks
#                  the signed one, which boots with the entry's options as
#                  its load options (its initrd= too) and Secure Boot on.
# A refused kernel never runs: chainload returns its error to the boot
# manager, which says so ("failed to start"), then has nothing left to boot
# and waits for a key; QEMU is stopped once that line (or a kernel's first
# line) is on COM1.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tpm.bash
. "$(dirname "$0")/tpm.bash"

OVMF_SB_CODE=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd
OVMF_SB_VARS=/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd
SNAKEOIL_KEY=/usr/share/ovmf/PkKek-1-snakeoil.key
SNAKEOIL_CERT=/usr/share/ovmf/PkKek-1-snakeoil.pem
# SMM guards the variable store: without it the firmware's Secure Boot
# settings are not tamper-proof and this OVMF build does not start. SMM takes
# ~30 MiB, hence 2 GiB of RAM.
SB_MACHINE=(--ovmf-code "$OVMF_SB_CODE" --ovmf-vars "$OVMF_SB_VARS" --memory 2048
	--qemu-arg -machine --qemu-arg smm=on
	--qemu-arg -global --qemu-arg "driver=cfi.pflash01,property=secure,value=on")
SHIM=/usr/lib/shim/shimx64.efi

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	rm -f "$SCRATCH/snakeoil.key"
	tpm_stop
}
trap cleanup EXIT

# sbsign cannot take the passphrase ("snakeoil") on its command line: it
# gets the key decrypted, readable by us only, removed on exit.
sign() {
	sbsign --key "$SCRATCH/snakeoil.key" --cert "$SNAKEOIL_CERT" --output "$2" "$1" 2>&1 |
		grep -v '^warning: data remaining' || true
	sbverify --cert "$SNAKEOIL_CERT" "$2" >/dev/null || abort "sbsign failed on $1"
}

# The kernels and the signed loader.
prepare_images() {
	(umask 077 && openssl pkey -in "$SNAKEOIL_KEY" -passin pass:snakeoil \
		-out "$SCRATCH/snakeoil.key")
	cp "$DEBIAN_KERNEL" "$SCRATCH/vmlinuz-unsigned"
	# Debian's own signature (not trusted by this db) goes: unsigned means unsigned.
	sbattach --remove "$SCRATCH/vmlinuz-unsigned" 2>/dev/null || true
	sbverify --list "$SCRATCH/vmlinuz-unsigned" 2>&1 | grep -q 'No signature table' ||
		abort "could not strip the signature of $DEBIAN_KERNEL"
	sign "$SCRATCH/vmlinuz-unsigned" "$SCRATCH/vmlinuz-signed"
	# One byte in the middle (compressed kernel code), after signing.
	cp "$SCRATCH/vmlinuz-signed" "$SCRATCH/vmlinuz-tampered"
	local off byte
	off=$(($(stat -c %s "$SCRATCH/vmlinuz-tampered") / 2))
	byte=$(od -An -tu1 -j "$off" -N1 "$SCRATCH/vmlinuz-tampered" | tr -d ' ')
	# shellcheck disable=SC2059 # the octal escape is the point
	printf "\\$(printf %03o $((byte ^ 0xff)))" |
		dd of="$SCRATCH/vmlinuz-tampered" bs=1 seek="$off" conv=notrunc status=none
	sign "$ROOT/build/chainload.efi" "$SCRATCH/chainload-signed.efi"
	sign "$SHIM" "$SCRATCH/shim-signed.efi"
	DIRECT=(--mode removable --efi "$SCRATCH/chainload-signed.efi")
	VIA_SHIM=(--mode removable --efi "$SCRATCH/shim-signed.efi"
		--esp-file "$SCRATCH/chainload-signed.efi:/EFI/BOOT/grubx64.efi")
}

# The boot manager's word that the loader it started from the disk's
# removable-media path (chainload, or shim) returned: the positive sign
# that chainload came back instead of starting the kernel.
RETURNED_RE='^BdsDxe: failed to start Boot[0-9A-F]{4} "[^"]*" from PciRoot\(0x0\)/Pci\(0x2,0x0\): '

# After chainload's first error line, the boot manager reported that its
# loader returned.
# shellcheck disable=SC2317 # called through expect
returned_after_error() {
	log_text | sed -n '/^chainload: error:/,$p' | grep -aqE "$RETURNED_RE"
}

# Boot a kernel chainload must refuse, and check the one line it says:
# boot_refused NAME VERIFIER KERNEL LOADER-OPTIONS... (VERIFIER: "the
# firmware" or "shim"). QEMU is stopped once the boot manager reports the
# loader returned, or a kernel starts.
boot_refused() {
	local name=$1 verifier=$2 kernel=$3 line re
	shift 3
	boot "$name" "$@" "${SB_MACHINE[@]}" --timeout 180 --kernel "$kernel" \
		--initrd "$initramfs" --cmdline "$cmdline" --stop-on "$RETURNED_RE|Linux version"
	line=$(log_text | grep -a -m1 '^chainload: error:' || true)
	re="^chainload: error: /boot/vmlinuz: Secure Boot: $verifier does not trust the kernel's"
	re="$re signature \(EFI_(ACCESS_DENIED|SECURITY_VIOLATION)\)$"
	expect "$name kernel refused with one line (got: ${line:-nothing})" grep -qE "$re" <<<"$line"
	expect "$name: chainload returned to the boot manager after its error" returned_after_error
	expect "$name kernel never started" ! log_has 'Linux version'
}

command -v sbsign >/dev/null || abort "sbsign missing (tools/install-deps.sh installs sbsigntool)"
require_file "$OVMF_SB_CODE" "apt-get install ovmf"
require_file "$OVMF_SB_VARS" "apt-get install ovmf"
require_file "$SHIM" "apt-get install shim-unsigned"
ensure_built
debian_prepare
prepare_images
cmdline="console=ttyS0 panic=-1 chainload.test=$SCENARIO chainload.expect_sb=enabled"
initramfs=$SCRATCH/initramfs.gz
"$ROOT/tests/guest/make-initramfs.sh" "$initramfs" "$DEBIAN_PAYLOAD" "$cmdline" \
	"$ROOT/tests/guest/checks/80-secure-boot.sh" "$ROOT/tests/guest/checks/tpm-eventlog.sh"

tpm_start
boot signed "${DIRECT[@]}" "${SB_MACHINE[@]}" \
	--timeout 300 --kernel "$SCRATCH/vmlinuz-signed" --initrd "$initramfs" \
	--cmdline "$cmdline" "${TPM_QEMU_ARGS[@]}"
expect_boot_pass
expect_eq "guest cmdline" "$(guest_value cmdline)" "$cmdline"
expect_eq "guest Secure Boot state (dmesg, boot_params)" "$(guest_value secure_boot)" \
	"enabled (boot_params 3)"
expect_measured signed "$SCRATCH/vmlinuz-signed" "$initramfs" "$cmdline" 1
tpm_stop

boot_refused unsigned "the firmware" "$SCRATCH/vmlinuz-unsigned" "${DIRECT[@]}"
boot_refused tampered "the firmware" "$SCRATCH/vmlinuz-tampered" "${DIRECT[@]}"

tpm_start
boot shim-debian "${VIA_SHIM[@]}" "${SB_MACHINE[@]}" --timeout 300 \
	--kernel "$DEBIAN_KERNEL" --initrd "$initramfs" --cmdline "$cmdline" "${TPM_QEMU_ARGS[@]}"
expect_boot_pass
expect_eq "guest Secure Boot state (dmesg, boot_params)" "$(guest_value secure_boot)" \
	"enabled (boot_params 3)"
expect_measured shim-debian "$DEBIAN_KERNEL" "$initramfs" "$cmdline" 1
tpm_stop
boot_refused shim-unsigned shim "$SCRATCH/vmlinuz-unsigned" "${VIA_SHIM[@]}"

efi_cmdline="console=ttyS0 panic=-1 chainload.test=$SCENARIO-efi chainload.expect_sb=enabled"
efi_cmdline="$efi_cmdline initrd=\\boot\\initramfs-efi.gz"
"$ROOT/tests/guest/make-initramfs.sh" "$SCRATCH/initramfs-efi.gz" "$DEBIAN_PAYLOAD" "$efi_cmdline" \
	"$ROOT/tests/guest/checks/80-secure-boot.sh"
printf 'title Unsigned\nefi /EFI/linux/unsigned.efi\noptions %s\n' \
	"${efi_cmdline/$SCENARIO-efi/$SCENARIO-efi-unsigned}" >"$SCRATCH/unsigned.conf"
printf 'title Signed\nefi /EFI/linux/signed.efi\noptions %s\n' "$efi_cmdline" >"$SCRATCH/signed.conf"
printf 'timeout 0\n' >"$SCRATCH/loader.conf"
"$ROOT/tools/mkesp.sh" "$SCRATCH/efi-entries.img" \
	"$SCRATCH/chainload-signed.efi:/EFI/BOOT/BOOTX64.EFI" \
	"$SCRATCH/vmlinuz-unsigned:/EFI/linux/unsigned.efi" "$SCRATCH/vmlinuz-signed:/EFI/linux/signed.efi" \
	"$SCRATCH/initramfs-efi.gz:/boot/initramfs-efi.gz" "$SCRATCH/loader.conf:/loader/loader.conf" \
	"$SCRATCH/unsigned.conf:/loader/entries/unsigned.conf" \
	"$SCRATCH/signed.conf:/loader/entries/signed.conf" >/dev/null
cat >"$SCRATCH/keys-efi" <<'KEYS'
wait > Unsigned
send 2
wait > Signed
send \r
KEYS
boot efi-entries --disk "$SCRATCH/efi-entries.img" "${SB_MACHINE[@]}" --timeout 300 \
	--keys "$SCRATCH/keys-efi"
expect_boot_pass
expect_eq "efi-entries: guest cmdline (the signed entry's options)" "$(guest_value cmdline)" \
	"$efi_cmdline"
expect_eq "efi-entries: guest Secure Boot state (dmesg, boot_params)" \
	"$(guest_value secure_boot)" "enabled (boot_params 3)"
expect_eq "efi-entries: one kernel started" "$(log_text | grep -ac 'Linux version')" 1
re='^chainload: error: .*unsigned\.efi: the firmware would not load it '
re="$re\(EFI_(SECURITY_VIOLATION|ACCESS_DENIED)\)\$"
expect "efi-entries: the unsigned entry refused with one line" log_has -E "$re"
finish
