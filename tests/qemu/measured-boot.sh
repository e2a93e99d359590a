#!/bin/bash
# Measured boot: with a TPM (swtpm), chainload measures Debian's kernel into
# PCR 4 and the initrd image and command line into PCR 9 with the Linux EFI
# stub's events, and hands Linux the event log. The guest prints the log and
# its PCRs; the host recomputes every digest (PE hash of the kernel, SHA-256
# of the concatenated initrds and of the command line with its NUL) and
# replays the log. Two initrds, the first of a size that is not a multiple
# of 4, so the measured image includes the zero padding the kernel sees.
# No Secure Boot here: the kernel is measured by chainload, not LoadImage.
# The test kernel, a bzImage without a PE header, is measured as a file; a
# dry run with it measures nothing, as the TPM's own PCRs show.
# With a TPM chainload reads the kernel whole a second time, after planning
# from its head: in the dry run's boot, before the dry run, the fixture
# test-images/efi/drivers/file-changes.c makes a copy of the test kernel,
# \boot\vmlinuz.changing, read back with one byte changed on that second
# read from offset 0 (its own line says which), and chainload must refuse
# it with one error line (EFI_MEDIA_CHANGED) and a failed status to the
# shell; the driver stays loaded for the dry run, which must pass as it
# does without it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tpm.bash
. "$(dirname "$0")/tpm.bash"

# A gzip'd cpio holding one file, sized so that padding follows it.
make_extra_initrd() {
	local out=$1 dir=$SCRATCH/extra n=0
	rm -rf "$dir"
	mkdir -p "$dir"
	while :; do
		head -c $((1000 + n)) /dev/urandom >"$dir/extra.bin"
		(cd "$dir" && echo extra.bin | cpio -o -H newc -R 0:0 --quiet) | gzip -n >"$out"
		[ $(($(stat -c %s "$out") % 4)) -eq 0 ] || return 0
		n=$((n + 1))
	done
}

ensure_built
debian_prepare
cmdline="console=ttyS0 panic=-1 chainload.test=$SCENARIO"
initramfs=$SCRATCH/initramfs.gz
extra=$SCRATCH/extra.cpio.gz
"$ROOT/tests/guest/make-initramfs.sh" "$initramfs" "$DEBIAN_PAYLOAD" "$cmdline" \
	"$ROOT/tests/guest/checks/tpm-eventlog.sh"
make_extra_initrd "$extra"
concat_initrds "$SCRATCH/initrd-image.bin" "$extra" "$initramfs"

tpm_start
boot tpm --timeout 300 --kernel "$DEBIAN_KERNEL" --initrd "$extra" --initrd "$initramfs" \
	--cmdline "$cmdline" --loader-args -v "${TPM_QEMU_ARGS[@]}"
expect_boot_pass
expect_eq "guest cmdline" "$(guest_value cmdline)" "$cmdline"
expect_line "chainload: TPM 2.0 present: measuring the kernel, initrd and command line"
expect_line "chainload: measured \\boot\\vmlinuz into PCR 4: $(stat -c %s "$DEBIAN_KERNEL") bytes, EV_EFI_BOOT_SERVICES_APPLICATION (PE image hash)"
expect_line "chainload: measured initrd into PCR 9: $(stat -c %s "$SCRATCH/initrd-image.bin") bytes, tagged event 0x8f3b22ec \"Linux initrd\""
expect_line "chainload: measured command line into PCR 9: $((${#cmdline} + 1)) bytes, tagged event 0x8f3b22ed \"LOADED_IMAGE::LoadOptions\""
expect "chainload handed the event log to Linux" \
	log_has -E '^chainload: TPM event log for Linux: [0-9]+ bytes'
expect_measured tpm "$DEBIAN_KERNEL" "$SCRATCH/initrd-image.bin" "$cmdline" 1

# The test kernel has no PE header: measured as a plain file, then it boots.
tpm_start
boot testkern --loader-args -v "${TPM_QEMU_ARGS[@]}"
expect_boot_pass
expect_tk_all_ok
expect_line "chainload: measured \\boot\\vmlinuz into PCR 4: $(stat -c %s "$TESTKERN") bytes, EV_EFI_BOOT_SERVICES_APPLICATION (no PE header: whole file)"

# A dry run says what it would measure and extends nothing. Judged by the
# TPM itself: the UEFI shell reads PCRs 4 and 9 straight from its registers
# (tpm_nsh_pcr_read) before and after the dry run. PCR 9 must keep its reset
# value (zeros: the firmware does not use it); PCR 4 must have moved by
# exactly one extend, the firmware's own measurement of chainload.efi when
# the shell loaded it (EV_EFI_BOOT_SERVICES_APPLICATION with its PE hash).
loader=${CHAINLOAD_EFI:-$ROOT/build/chainload.efi}
random_file "$SCRATCH/dry-initrd.img" 4097
{
	echo '@echo -off'
	echo 'fs0:'
	nsh_load_driver file-changes
	nsh_cases "\\EFI\\chainload\\chainload.efi \\boot\\vmlinuz.changing console=ttyS0"
	tpm_nsh_pcr_read before
	printf '%s\n' "\\EFI\\chainload\\chainload.efi --dry-run -v -i \\boot\\initrd0.img \\boot\\vmlinuz console=ttyS0"
	echo 'echo DRY-RUN returned %lasterror%'
	tpm_nsh_pcr_read after
	echo 'reset -s'
} | write_crlf "$SCRATCH/dry-run.nsh"
tpm_start
boot dry-run --startup "$SCRATCH/dry-run.nsh" --kernel "$TESTKERN" --initrd "$SCRATCH/dry-initrd.img" \
	--esp-file "$TESTKERN:/boot/vmlinuz.changing" \
	--esp-file "$(driver_esp file-changes)" \
	--expect-exit 0 "${TPM_QEMU_ARGS[@]}"
expect_boot_pass
expect "the fixture file-changes was loaded" \
	log_has -E '^file-changes: [1-9][0-9]* file systems wrapped; a \*\.changing file changes after its first read from offset 0$'
# The fixture's hex digits are upper case (gnu-efi's Print).
byte0=$(od -An -tx1 -N1 "$TESTKERN" | tr -d ' ' | tr a-f A-F)
expect_eq "what the fixture changed (every line of it)" \
	"$(log_text | grep -a '^file-changes: .* changed: ' || true)" \
	"file-changes: \\boot\\vmlinuz.changing: read 2 from offset 0 changed: byte 0 is 0x$(printf '%02X' $((0x$byte0 ^ 0xff))), not 0x$byte0"
head_len=$(stat -c %s "$TESTKERN")
[ "$head_len" -lt 4096 ] || head_len=4096
expect_case_error 0 "chainload: error: \\boot\\vmlinuz.changing: changed while it was read: its first $head_len bytes differ from the header the plan was made from (EFI_MEDIA_CHANGED)"
expect_line "BAD-CASE-0 returned 0xD"
expect_line "chainload: TPM 2.0 present, but a dry run measures nothing"
expect_line "chainload: would measure \\boot\\vmlinuz into PCR 4: $(stat -c %s "$TESTKERN") bytes, EV_EFI_BOOT_SERVICES_APPLICATION (no PE header: whole file)"
expect_line "chainload: dry run: stopping before ExitBootServices"
expect_line "DRY-RUN returned 0x0"
expect "the dry run reported no error" \
	! grep -aq '^chainload: error:' <<<"$(log_text | sed -n '/^BAD-CASE-0 returned /,$p')"
zero=$(printf '%064d' 0)
expect_eq "PCR 9 before the dry run (reset value)" "$(tpm_shell_pcr before 9)" "$zero"
expect_eq "PCR 9 after the dry run (reset value)" "$(tpm_shell_pcr after 9)" "$zero"
expect_eq "PCR 4 after the dry run (before, extended by the PE hash of chainload.efi only)" \
	"$(tpm_shell_pcr after 4)" \
	"$(tpm_extend "$(tpm_shell_pcr before 4)" "$(python3 "$ROOT/tests/qemu/pe-hash.py" "$loader")")"
finish
