#!/bin/bash
# The removable-media path: `make install ESP=DIR REMOVABLE=1` into a
# scratch tree, checked file by file (a second install keeps an edited
# chainload.conf; another system's BOOTX64.EFI or BOOTIA32.EFI is refused
# without FORCE=1); then the installed \EFI\BOOT\BOOTX64.EFI boots the test
# kernel with no shell and no arguments, from the chainload.conf beside it,
# and the installed \EFI\BOOT\BOOTIA32.EFI does the same on 32-bit OVMF.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# make install ...: output into $SCRATCH/install.out, status into install_status.
install_into() {
	set +e
	make -s -C "$ROOT" install "$@" >"$SCRATCH/install.out" 2>&1
	install_status=$?
	set -e
}

expect_file_same() {
	expect "${1#"$SCRATCH"/} is ${2#"$ROOT"/}" cmp -s "$1" "$2"
}

# make install failed and left the other loader alone, installing nothing:
#   install_refused ESP NAME
# shellcheck disable=SC2317 # called through expect
install_refused() {
	[ "$install_status" -ne 0 ] && [ "$(cat "$1/EFI/BOOT/$2")" = 'another loader' ] &&
		[ ! -e "$1/EFI/chainload" ]
}

ensure_built
require_file "$TESTKERN" "make test-images"
esp=$SCRATCH/esp
rm -rf "$esp"
mkdir -p "$esp"

install_into ESP="$esp" REMOVABLE=1
expect_eq "make install status" "$install_status" 0
expect_file_same "$esp/EFI/chainload/chainload.efi" "$ROOT/build/chainload.efi"
expect_file_same "$esp/EFI/BOOT/BOOTX64.EFI" "$ROOT/build/chainload.efi"
expect_file_same "$esp/EFI/chainload/chainload-ia32.efi" "$ROOT/build/chainload-ia32.efi"
expect_file_same "$esp/EFI/BOOT/BOOTIA32.EFI" "$ROOT/build/chainload-ia32.efi"
expect_file_same "$esp/EFI/chainload/chainload.conf" "$ROOT/docs/chainload.conf.example"
expect_file_same "$esp/EFI/BOOT/chainload.conf" "$ROOT/docs/chainload.conf.example"

# An edited config survives a second install.
echo '# edited by the user' >>"$esp/EFI/BOOT/chainload.conf"
cp "$esp/EFI/BOOT/chainload.conf" "$SCRATCH/edited.conf"
install_into ESP="$esp" REMOVABLE=1
expect_eq "second make install status" "$install_status" 0
expect_file_same "$esp/EFI/BOOT/chainload.conf" "$SCRATCH/edited.conf"
expect "the second install says it kept the config" \
	grep -qx "make install: keeping $esp/EFI/BOOT/chainload.conf" "$SCRATCH/install.out"

# Another loader at the removable path stays unless FORCE=1.
other=$SCRATCH/other-esp
rm -rf "$other"
mkdir -p "$other/EFI/BOOT"
echo 'another loader' >"$other/EFI/BOOT/BOOTX64.EFI"
install_into ESP="$other" REMOVABLE=1
expect "make install refuses to replace another BOOTX64.EFI and installs nothing" \
	install_refused "$other" BOOTX64.EFI
install_into ESP="$other" REMOVABLE=1 FORCE=1
expect_eq "make install FORCE=1 status" "$install_status" 0
expect_file_same "$other/EFI/BOOT/BOOTX64.EFI" "$ROOT/build/chainload.efi"
other32=$SCRATCH/other-esp-ia32
rm -rf "$other32"
mkdir -p "$other32/EFI/BOOT"
echo 'another loader' >"$other32/EFI/BOOT/BOOTIA32.EFI"
install_into ESP="$other32" REMOVABLE=1
expect "make install refuses to replace another BOOTIA32.EFI and installs nothing" \
	install_refused "$other32" BOOTIA32.EFI
install_into
expect "make install without ESP= fails" [ "$install_status" -ne 0 ]
expect "make install without ESP= says how to call it" grep -q 'ESP=' "$SCRATCH/install.out"

# run-ovmf.sh --esp-only: the image it would boot, and nothing else.
set +e
"$ROOT/run-ovmf.sh" --no-build --mode removable --kernel "$TESTKERN" \
	--esp-only "$SCRATCH/esp-only.img" >"$SCRATCH/esp-only.out" 2>&1
status=$?
set -e
listing=$(MTOOLS_SKIP_CHECK=1 mdir -b -/ -i "$SCRATCH/esp-only.img@@1M" :: 2>/dev/null |
	grep -v '/$' | tr '[:lower:]' '[:upper:]' | sort || true)
want=$(printf '%s\n' ::/BOOT/VMLINUZ ::/EFI/BOOT/BOOTX64.EFI ::/EFI/BOOT/CHAINLOAD.CONF \
	::/STARTUP.NSH | sort)
expect "run-ovmf.sh --esp-only succeeded (status $status)" [ "$status" -eq 0 ]
expect "--esp-only wrote the removable-mode image (got: $(echo "$listing" | paste -sd' '))" \
	[ "$listing" = "$want" ]

# The installed binary from the removable path; run-ovmf writes the
# chainload.conf beside it (linux, initrd and options lines).
random_file "$SCRATCH/initrd.img" 33333
boot removable --mode removable --timeout 120 --efi "$esp/EFI/BOOT/BOOTX64.EFI" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=removable tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
expect "the boot manager started the disk's removable-media path" log_has -E \
	'^BdsDxe: starting Boot[0-9A-F]{4} ".*" from PciRoot\(0x0\)/Pci\(0x2,0x0\)$'
expect "no shell, no error, no warning" \
	! log_has -e 'UEFI Interactive Shell' -e 'chainload: error' -e 'chainload: warning'

# 32-bit firmware picks \EFI\BOOT\BOOTIA32.EFI (SMM takes 30 MiB: 2 GiB).
boot removable-ia32 --arch ia32 --memory 2048 --mode removable --timeout 120 \
	--efi "$esp/EFI/BOOT/BOOTIA32.EFI" --kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" \
	--tk-words --cmdline "console=ttyS0 chainload.test=removable-ia32 \
tk.load=$TK_LOAD_RELOC_IA32 $TK_MACHINE tk.entry=32 tk.efi_bits=32"
expect_boot_pass
expect_tk_all_ok
expect "the 32-bit boot manager started the disk's removable-media path" log_has -E \
	'^BdsDxe: starting Boot[0-9A-F]{4} ".*" from PciRoot\(0x0\)/Pci\(0x2,0x0\)$'
expect "no shell, no error, no warning" \
	! log_has -e 'UEFI Interactive Shell' -e 'chainload: error' -e 'chainload: warning'
finish
