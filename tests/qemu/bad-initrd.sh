#!/bin/bash
# Initrd failures name the initrd files they are about, not the kernel: in
# a 256 MiB guest, two 130 MiB initrds together fit no memory (the line names
# both), and one of them with --force-copy gets its window but no room left
# to stage a copy of its pages (the line names that initrd). Each launch
# returns to the shell with a non-success status and leaves no loader pages.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH
truncate -s 130M "$d/a.img" "$d/b.img"

loader='\EFI\chainload\chainload.efi'
cases=(
	"$loader -i \\big\\a.img -i \\big\\b.img \\boot\\vmlinuz console=ttyS0"
	"$loader --force-copy -i \\big\\a.img \\boot\\vmlinuz console=ttyS0"
)
# Extended regular expressions for the whole error line of each case.
expected=(
	'^chainload: error: \\big\\a\.img \+ \\big\\b\.img: initrd needs 266240 KiB of free memory below 0x[0-9a-f]+ and none is left \(EFI_OUT_OF_RESOURCES\)$'
	'^chainload: error: \\big\\a\.img: no memory left to stage pages for 0x[0-9a-f]+ \(EFI_OUT_OF_RESOURCES\)$'
)

{
	echo '@echo -off'
	echo 'fs0:'
	printf '%s\n' 'memmap > \before.txt'
	for i in "${!cases[@]}"; do
		echo "${cases[$i]}"
		echo "echo INITRD-CASE-$i returned %lasterror%"
	done
	nsh_memmap_report
	echo 'reset -s'
} | sed 's/$/\r/' >"$d/startup.nsh"

boot bad-initrd --timeout 240 --memory 256 --startup "$d/startup.nsh" --expect-exit 0 \
	--esp-file "$TESTKERN:/boot/vmlinuz" --esp-file "$d/a.img:/big/a.img" \
	--esp-file "$d/b.img:/big/b.img"
expect_boot_pass

for i in "${!cases[@]}"; do
	expect "case $i: the error line matches ${expected[$i]}" log_has -E -- "${expected[$i]}"
	expect "case $i returned a non-success status to the shell" \
		log_has -E "^INITRD-CASE-$i returned 0x[0-9A-Fa-f]*[1-9A-Fa-f][0-9A-Fa-f]*$"
done
expect_no_loader_leak
finish
