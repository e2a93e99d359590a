#!/bin/bash
# Bad input, all in one shell session: each case must print its one-line
# error (file, problem, EFI status name) and return to the shell, which goes
# on to the next line; each case's line is judged between its own markers.
# A --dry-run of a good kernel follows: it must do all
# the work, say so and return EFI_SUCCESS.  `memmap` before and after shows
# that none of these launches left loader pages behind.  A 256 MiB guest makes the 300 MiB
# initrd too large for any memory.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH

# A copy of the test kernel with bytes patched at OFFSET: patched NAME OFFSET PRINTF-BYTES.
patched() {
	cp "$TESTKERN" "$d/$1"
	# shellcheck disable=SC2059 # the bytes are given as printf escapes
	printf "$3" | dd of="$d/$1" bs=1 seek=$(($2)) conv=notrunc status=none
}

: >"$d/empty"
random_file "$d/random" 8192
printf '\0\0' | dd of="$d/random" bs=1 seek=$((0x1fe)) conv=notrunc status=none
patched old 0x206 '\x0b\x02'			# protocol 2.11
patched no64 0x236 '\x02\x00'			# xloadflags without XLF_KERNEL_64
patched smallcmd 0x238 '\x10\x00\x00\x00'	# cmdline_size 16
head -c $(($(stat -c %s "$TESTKERN") - 1000)) "$TESTKERN" >"$d/short"
truncate -s 300M "$d/huge.img"

loader='\EFI\chainload\chainload.efi'
# A path longer than any line buffer (about 700 characters).
long='\boot'
while [ ${#long} -lt 700 ]; do long+='\a-directory-that-is-not-there'; done
cases=(
	"$loader \\boot\\nope console=ttyS0"
	"$loader -i \\boot\\nope.img \\bad\\smallcmd x"
	"$loader \\bad\\empty"
	"$loader \\bad"
	"$loader \\bad\\random"
	"$loader $loader"
	"$loader \\bad\\old"
	"$loader --entry=64 \\bad\\no64"
	"$loader \\bad\\short"
	"$loader \\bad\\smallcmd console=ttyS0 abcdefghij"
	"$loader -i \\bad\\huge.img \\bad\\smallcmd x"
	"$loader --bogus"
	"$loader $long"
)
short_size=$(stat -c %s "$d/short")
expected=(
	'chainload: error: \boot\nope: cannot open file (EFI_NOT_FOUND)'
	'chainload: error: \boot\nope.img: cannot open file (EFI_NOT_FOUND)'
	'chainload: error: \bad\empty: file is empty (EFI_LOAD_ERROR)'
	'chainload: error: \bad: is a directory, not a file (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\random: not a Linux bzImage: no 0xAA55 boot flag at offset 0x1fe (EFI_LOAD_ERROR)'
	"chainload: error: $loader: PE/COFF image without a Linux setup header, not a bzImage (EFI_UNSUPPORTED)"
	'chainload: error: \bad\old: boot protocol 2.11 is older than 2.12, no xloadflags (EFI_UNSUPPORTED)'
	'chainload: error: \bad\no64: --entry=64: the kernel has no 64-bit entry point (XLF_KERNEL_64 not set) (EFI_UNSUPPORTED)'
	"chainload: error: \\bad\\short: file is $short_size bytes, but its header says $((short_size + 1000)) (EFI_END_OF_FILE)"
	'chainload: error: \bad\smallcmd: command line is 24 bytes, the kernel accepts at most 16 (EFI_INVALID_PARAMETER)'
	'chainload: error: \bad\huge.img: initrd needs 307200 KiB of free memory below 0xfffffffffffff000 and none is left (EFI_OUT_OF_RESOURCES)'
	'chainload: error: arguments: unknown option --bogus (try --help) (EFI_INVALID_PARAMETER)'
	"chainload: error: $long: path is not valid UTF-8 or is too long (EFI_BAD_BUFFER_SIZE)"
)

{
	echo '@echo -off'
	echo 'fs0:'
	nsh_memmap_begin
	nsh_cases "${cases[@]}"
	printf '%s\n' "$loader -n -v -i \\bad\\random \\bad\\smallcmd x"
	echo 'echo DRY-RUN returned %lasterror%'
	echo "$loader --help"
	echo 'echo HELP returned %lasterror%'
	nsh_memmap_report
	echo 'reset -s'
} | write_crlf "$d/startup.nsh"

boot bad-input --timeout 180 --memory 256 --startup "$d/startup.nsh" --expect-exit 0 \
	--esp-file "$d/empty:/bad/empty" --esp-file "$d/random:/bad/random" \
	--esp-file "$d/old:/bad/old" --esp-file "$d/no64:/bad/no64" \
	--esp-file "$d/short:/bad/short" --esp-file "$d/smallcmd:/bad/smallcmd" \
	--esp-file "$d/huge.img:/bad/huge.img"
expect_boot_pass

for i in "${!cases[@]}"; do
	# Its own line, and the shell ran the next line with chainload's non-success status.
	expect_case_error "$i" "${expected[$i]}"
done

expect_line "chainload: dry run: stopping before ExitBootServices"
expect_line "DRY-RUN returned 0x0"
# The kernel's payload pages (file less setup sectors) and the 8 KiB initrd's 2.
pages=$(segment_pages "$TESTKERN" "$d/random")
expect "the dry run read the kernel's and initrd's $pages pages in place" \
	log_has -E "^  pages: $pages read in place, 0 copied by the stub"

# The usage text arrives whole, first line to last, longer as it is than
# one console line buffer.
expect_line "usage: chainload.efi [OPTIONS] KERNEL [KERNEL COMMAND LINE ...]"
expect_line "  -h, --help         show this help"
expect_line "  chainload.efi -v       (chainload.conf beside chainload.efi, plan and timings)"
expect_line "HELP returned 0x0"

# Loader pages (chainload's own type) are the same before and after.
expect_no_loader_leak
finish
