#!/bin/bash
# A Boot Loader Specification entry through --config, from the UEFI shell,
# with words of its own on the command line, to show how the two combine:
#   kernel        the entry's `linux`
#   initrds       the entry's `initrd` lines (a.img), then -i (b.img)
#   command line  the entry's `options` lines joined by single spaces, then
#                 the words after the options (the tk.* words)
# The test kernel checks the command line's CRC and the initrds' bytes;
# an unknown key gives one warning line that names the file and line.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH
random_file "$d/a.img" 1001
random_file "$d/b.img" 5003
# What the kernel must see: a.img, 3 bytes of padding to a multiple of 4, b.img.
concat_initrds "$d/joined.img" "$d/a.img" "$d/b.img"
tk="tk.load=$TK_LOAD_RELOC $TK_MACHINE tk.initrd_size=$(stat -c %s "$d/joined.img")"
tk="$tk tk.initrd_crc32=$(crc32_hex <"$d/joined.img")"
options="console=ttyS0 chainload.test=config"
tk="$tk tk.cmdline_crc32=$(printf '%s' "$options $tk" | crc32_hex)"

printf '%s\n' '# A BLS Type #1 entry, CRLF line ends' 'title   Test kernel' 'version 1.0' \
	'linux   /boot/vmlinuz' 'initrd  /boot/a.img' 'options console=ttyS0' \
	'bogus-key is warned about' '' 'options    chainload.test=config   ' | write_crlf "$d/test.conf"
{
	echo '@echo -off'
	echo 'fs0:'
	printf '%s\n' "\\EFI\\chainload\\chainload.efi -v -i \\boot\\b.img --config \\loader\\entries\\test.conf $tk"
	echo 'echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%'
	echo 'reset -s'
} | write_crlf "$d/startup.nsh"

boot config --timeout 120 --startup "$d/startup.nsh" --esp-file "$TESTKERN:/boot/vmlinuz" \
	--esp-file "$d/a.img:/boot/a.img" --esp-file "$d/b.img:/boot/b.img" \
	--esp-file "$d/test.conf:/loader/entries/test.conf"
expect_boot_pass
expect_tk_all_ok
expect_line "tk: cmdline: $options $tk"
# shellcheck disable=SC2016 # backquotes are part of the message
expect_line 'chainload: warning: \loader\entries\test.conf: line 7: unknown key `bogus-key`, ignored'
expect_line 'chainload: config \loader\entries\test.conf: Test kernel (1.0)'
finish
