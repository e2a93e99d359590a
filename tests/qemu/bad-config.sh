#!/bin/bash
# Bad config files and config-mode misuse, all in one UEFI shell session:
# each case must print its one-line error (file, line where there is one,
# problem, EFI status name) and return an error status to the shell, which
# goes on to the next line. Each case's line is judged between its own
# markers, so one case's message cannot stand in for another's (cases 14
# and 15 print the same line). --help and --version return EFI_SUCCESS.
# `memmap` before and after shows that the failed launches left no loader
# pages behind.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH
printf 'title no kernel here\noptions quiet\n' >"$d/nolinux.conf"
printf 'title twice\nlinux /boot/vmlinuz\nlinux /boot/other\n' >"$d/twice.conf"
printf 'linux /boot/vmlinuz\ninitrd\n' >"$d/noval.conf"
printf 'linux /boot/vmlinuz\narchitecture aa64\n' >"$d/arm.conf"
printf 'linux /boot/vm\000linuz\n' >"$d/binary.conf"
printf 'title D\351bian\nlinux /boot/vmlinuz\n' >"$d/latin1.conf"
printf 'linux /boot/missing\n' >"$d/missing.conf"
{ echo 'linux /boot/vmlinuz'; head -c 70000 /dev/zero | tr '\0' '#'; } >"$d/big.conf"
big_size=$(stat -c %s "$d/big.conf")
: >"$d/empty.conf"

loader='\EFI\chainload\chainload.efi'
cases=(
	"$loader --config \\nope.conf"
	"$loader --config \\bad\\nolinux.conf"
	"$loader -c \\bad\\twice.conf"
	"$loader --config=\\bad\\noval.conf"
	"$loader --config \\bad\\arm.conf"
	"$loader --config \\bad\\binary.conf"
	"$loader --config \\bad\\latin1.conf"
	"$loader --config \\bad\\missing.conf"
	"$loader --config \\bad\\big.conf"
	"$loader --config \\bad\\empty.conf"
	"$loader --config \\bad"
	"$loader --config \\bad\\twice.conf \\boot\\vmlinuz quiet"
	"$loader --config \\bad\\twice.conf --config \\bad\\arm.conf"
	"$loader --config"
	"$loader"
	"$loader -v"
)
# shellcheck disable=SC2016 # backquotes are message text, not shell
expected=(
	'chainload: error: \nope.conf: cannot open file (EFI_NOT_FOUND)'
	'chainload: error: \bad\nolinux.conf: no `linux` or `efi` line: nothing to boot (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\twice.conf: line 3: second `linux` line (the first is line 2) (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\noval.conf: line 2: `initrd` needs a value (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\arm.conf: line 2: entry is for architecture `aa64`, not x64 (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\binary.conf: line 1: control character 0x00 at column 15: not a text file (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\latin1.conf: line 1: byte 0xe9 at column 8 is not UTF-8 text (EFI_INVALID_PARAMETER)'
	'chainload: error: /boot/missing: cannot open file (EFI_NOT_FOUND)'
	"chainload: error: \\bad\\big.conf: file is $big_size bytes, more than the 65536 allowed (EFI_BAD_BUFFER_SIZE)"
	'chainload: error: \bad\empty.conf: file is empty (EFI_LOAD_ERROR)'
	'chainload: error: \bad: is a directory, not a file (EFI_INVALID_PARAMETER)'
	'chainload: error: arguments: KERNEL \boot\vmlinuz given together with --config \bad\twice.conf, whose `linux` line names the kernel (EFI_INVALID_PARAMETER)'
	'chainload: error: arguments: more than one --config (\bad\twice.conf and \bad\arm.conf) (EFI_INVALID_PARAMETER)'
	'chainload: error: arguments: --config needs a FILE (EFI_INVALID_PARAMETER)'
	'chainload: error: \loader\entries: no boot entries, no KERNEL given and no chainload.conf beside chainload (try --help) (EFI_NOT_FOUND)'
	'chainload: error: \loader\entries: no boot entries, no KERNEL given and no chainload.conf beside chainload (try --help) (EFI_NOT_FOUND)'
)

{
	echo '@echo -off'
	echo 'fs0:'
	nsh_memmap_begin
	nsh_cases "${cases[@]}"
	printf '%s\n' "$loader --version"
	echo 'echo VERSION returned %lasterror%'
	printf '%s\n' "$loader --help"
	echo 'echo HELP returned %lasterror%'
	nsh_memmap_report
	echo 'reset -s'
} | write_crlf "$d/startup.nsh"

files=()
for f in nolinux twice noval arm binary latin1 missing big empty; do
	files+=(--esp-file "$d/$f.conf:/bad/$f.conf")
done
boot bad-config --timeout 180 --startup "$d/startup.nsh" --expect-exit 0 \
	--esp-file "$TESTKERN:/boot/vmlinuz" "${files[@]}"
expect_boot_pass

for i in "${!cases[@]}"; do
	expect_case_error "$i" "${expected[$i]}"
done
# Each case printed exactly one line.
n=$(log_text | grep -ac '^chainload: ' || true)
expect "${#cases[@]} cases printed ${#cases[@]} chainload lines (got $n)" [ "$n" -eq "${#cases[@]}" ]

expect "--version printed \"chainload VERSION\"" log_has -E '^chainload [0-9a-z.-]+$'
expect_line "VERSION returned 0x0"
expect_line "usage: chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]"
expect_line "  -c, --config FILE  boot the entry FILE describes (Boot Loader Specification"
expect_line "HELP returned 0x0"

# Loader pages (chainload's own type) are the same before and after.
expect_no_loader_leak
finish
