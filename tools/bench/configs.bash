# shellcheck shell=bash
# The benchmark's configurations, for tools/bench.sh (sourced): what each
# one runs from the UEFI shell.  Every loader boots \boot\vmlinuz with
# \boot\initrd.img and CMDLINE.  The timed chainload boots print only what
# a user's would (no -v); the phase lines come from separate, untimed boots.
# shellcheck disable=SC2034 # tools/bench.sh reads it
ALL_CONFIGS="efi-stub systemd-boot grub chainload chainload-force-copy chainload-no-verify chainload-verify-sha256"
CMDLINE='console=ttyS0 panic=-1'
LOADER='\EFI\chainload\chainload.efi'

# chainload's own options in configuration NAME.
chainload_options() {
	case $1 in
	chainload) ;;
	chainload-force-copy) echo --force-copy ;;
	chainload-no-verify) echo --no-verify ;;
	chainload-verify-sha256) echo --verify=sha256 ;;
	esac
}

# The UEFI shell command that boots configuration NAME; for chainload,
# EXTRA options first (-v, -n): boot_command NAME [EXTRA].
boot_command() {
	case $1 in
	efi-stub) printf '%s\n' "\\boot\\vmlinuz initrd=\\boot\\initrd.img $CMDLINE" ;;
	systemd-boot) echo '\EFI\systemd\systemd-bootx64.efi' ;;
	grub) echo '\EFI\grub\grubx64.efi' ;;
	chainload*)
		printf '%s\n' "$LOADER ${2:+$2 }$(chainload_options "$1") -i \\boot\\initrd.img \\boot\\vmlinuz $CMDLINE" |
			tr -s ' '
		;;
	esac
}
