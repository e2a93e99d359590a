#!/bin/bash
# Bad options on firmware boot entries: one Boot#### per case, registered in
# a first QEMU run, all in BootOrder before the firmware's own entries. In
# the second run the boot manager starts them one after another: each must
# print its one-line error, return an error status to the boot manager
# (which says "failed to start" and goes on to the next), and at the end the
# boot manager reaches the shell, whose startup.nsh powers off.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# UTF-16LE of $1, with a NUL terminator.
utf16() {
	printf '%s' "$1" | iconv -f UTF-8 -t UTF-16LE
	printf '\0\0'
}

ensure_built
d=$SCRATCH
rm -f "$d"/opts*.bin
printf '\001\000\002\000\003\000' >"$d/opts0.bin"		# control characters
printf 'x\000y' >"$d/opts1.bin"					# odd byte count
printf '\\boot\\vmlinuz root=/dev/sda2\000' >"$d/opts2.bin"	# efibootmgr without -u
{ utf16 '\boot\vmlinuz'; utf16 'quiet'; } >"$d/opts3.bin"	# several -u arguments
{ printf '\376\377'; printf '\\boot\\vmlinuz' | iconv -f UTF-8 -t UTF-16BE; } >"$d/opts4.bin"
printf '\116\254\010\201\021\237\131\115\205\016\342\032\122\054\131\263' >"$d/opts5.bin"
printf '\000\330A\000' >"$d/opts6.bin"				# unpaired surrogate
utf16 '"\boot\vmlinuz' >"$d/opts7.bin"				# unterminated quote
utf16 '--bogus \boot\vmlinuz' >"$d/opts8.bin"			# text, but a bad option
utf16 '--config \loader\nope.conf' >"$d/opts9.bin"		# a config that is not there
# The longest options, 4096 characters and their NUL (with a BOM too), are
# parsed (their first word is then refused); 4097 characters are not.
pad4096() { printf "%s %0$((4095 - ${#1}))d" "$1" 0; }
utf16 "$(pad4096 --long-4096)" >"$d/opts10.bin"
{ printf '\377\376'; utf16 "$(pad4096 --bom-4096)"; } >"$d/opts11.bin"
utf16 "$(pad4096 --long-4097)0" >"$d/opts12.bin"

prefix='chainload: error: load options:'
expected=(
	"$prefix character 0x0001 at position 0 is not text (EFI_INVALID_PARAMETER)"
	"$prefix 3 bytes, an odd count: not UTF-16 text (EFI_INVALID_PARAMETER)"
	"$prefix 8-bit text, not UTF-16 (create the entry with efibootmgr --unicode) (EFI_INVALID_PARAMETER)"
	"$prefix text goes on after a NUL at character 13 (binary data, or several efibootmgr --unicode arguments) (EFI_INVALID_PARAMETER)"
	"$prefix byte-swapped byte-order mark: big-endian UTF-16 is not supported (EFI_INVALID_PARAMETER)"
	"$prefix 8 characters and none of them ASCII: binary data, not options (EFI_INVALID_PARAMETER)"
	"$prefix unpaired UTF-16 high surrogate at unit 0 (EFI_INVALID_PARAMETER)"
	"$prefix unterminated double quote (EFI_INVALID_PARAMETER)"
	'chainload: error: arguments: unknown option --bogus (try --help) (EFI_INVALID_PARAMETER)'
	'chainload: error: \loader\nope.conf: cannot open file (EFI_NOT_FOUND)'
	'chainload: error: arguments: unknown option --long-4096 (try --help) (EFI_INVALID_PARAMETER)'
	'chainload: error: arguments: unknown option --bom-4096 (try --help) (EFI_INVALID_PARAMETER)'
	"$prefix 4097 characters, longer than 4096 (EFI_INVALID_PARAMETER)"
)
args=()
for i in "${!expected[@]}"; do
	args+=(--entry-opts "$d/opts$i.bin")
done

boot bad-load-options --mode entry --timeout 180 --expect-exit 0 "${args[@]}"
expect_boot_pass
# Exactly these errors, in BootOrder order: nothing else failed, nothing crashed.
got=$(log_text | grep -a '^chainload: ' || true)
want=$(printf '%s\n' "${expected[@]}")
expect "the chainload lines are the ${#expected[@]} expected errors, in order" [ "$got" = "$want" ]
[ "$got" = "$want" ] || diff <(echo "$want") <(echo "$got") | sed 's/^/    /' || true
for i in "${!expected[@]}"; do
	expect_line "${expected[$i]}"
	expect "entry $i returned an error status to the boot manager" log_has -E \
		"^BdsDxe: failed to start Boot[0-9A-F]{4} \"chainload $i\" from .*: (Invalid Parameter|Not Found)$"
done
expect_line "CHAINLOAD-RUN: loader returned to the boot manager, which started the shell"
finish
