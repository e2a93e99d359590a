#!/bin/bash
# Network boot: OVMF's own PXE driver (the NIC has no option ROM) boots
# pxe/chainload.efi from QEMU's built-in TFTP server (user networking with
# restrict=on: no packet leaves QEMU), and chainload reads its config,
# kernel and initrds from that server (guest.bash --mode pxe). The test
# kernel checks the initrd bytes (two files, one named by a tftp:// URL)
# and the command line from inside; so it does when iPXE (QEMU's option
# ROM) fetched the files and chained chainload with its words; Debian's
# kernel reaches its initramfs and the probe's checks pass, its payload
# digest taken by init. A kernel
# and an initrd the server does not have, and a server that does not
# answer, each give chainload's one error line naming server and file, and
# the firmware's boot manager reports the status chainload returned.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/first.img" 5
random_file "$SCRATCH/second.img" 300001

# The firmware's own report that it booted chainload over PXE.
expect_pxe_boot() {
	expect "the firmware PXE-booted pxe/chainload.efi" log_has -x '  NBP filename is pxe/chainload.efi'
}

boot testkern --mode pxe --timeout 90 --kernel "$TESTKERN" --loader-args -v \
	--initrd "$SCRATCH/first.img" --initrd "$SCRATCH/second.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=pxe tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_pxe_boot
expect_tk_all_ok
# chainload-options -v reached chainload, and it reports each transfer.
expect "-v reports the kernel's TFTP transfer" \
	log_has -E "^  tftp: tftp://10\\.0\\.2\\.2/pxe/boot/vmlinuz: $(stat -c %s "$TESTKERN") bytes in [0-9]+ us"
expect "-v reports the initrd named by URL" \
	log_has -E '^  tftp: tftp://10\.0\.2\.2/pxe/boot/initrd1\.img: 300001 bytes in [0-9]+ us .*straight into its buffer$'

# iPXE's option ROM does the DHCP and runs boot.ipxe, which fetches the
# files and chains chainload with its words: chainload reads iPXE's view of
# the fetched images (a volume of root-level names, no directories).
boot ipxe --mode ipxe --timeout 90 --kernel "$TESTKERN" --loader-args -v \
	--initrd "$SCRATCH/first.img" --initrd "$SCRATCH/second.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=ipxe tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect "iPXE ran boot.ipxe" log_has -x 'boot.ipxe : [0-9]* bytes \[script\]'
expect_tk_all_ok
expect "chainload read the kernel by iPXE's name for it" log_has -E '^  kernel +0x[0-9a-f]+ +[0-9]+  vmlinuz$'

debian_prepare
words="efi=debug log_buf_len=1M chainload.expect_cpus=1 chainload.expect_mem_mib=1024"
words="$words chainload.expect_sb=disabled chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT"
words="$words chainload.expect_bli_part=none chainload.expect_bli_image=chainload.efi"
boot_debian_checked debian "$words" --mode pxe --loader-args -v
expect_pxe_boot
expect_eq "guest EFI" "$(guest_value efi)" yes
expect_eq "guest LoaderImageIdentifier" "$(guest_value bli_LoaderImageIdentifier)" chainload.efi
expect_handoff_matches_machine "$FB_DEFAULT"

# Each: a config, the whole error line (an extended regular expression),
# and the firmware's name for the status chainload returned.
bad_cases=(missing-kernel missing-initrd no-answer)
declare -A bad_config=(
	[missing-kernel]='linux boot/nothing-here'
	[missing-initrd]='linux boot/vmlinuz
initrd /pxe/boot/initrd0.img
initrd tftp://10.0.2.2/pxe/boot/nothing-here.img'
	# QEMU's own DNS address: no TFTP server answers there.
	[no-answer]='linux boot/vmlinuz
initrd tftp://10.0.2.3/pxe/boot/initrd0.img'
)
declare -A bad_line=(
	[missing-kernel]='^chainload: error: boot/nothing-here: cannot open file: tftp://10\.0\.2\.2/pxe/boot/nothing-here: the server refused it: "File not found" \(EFI_NOT_FOUND\)$'
	[missing-initrd]='^chainload: error: tftp://10\.0\.2\.2/pxe/boot/nothing-here\.img: cannot open file: the server refused it: "File not found" \(EFI_NOT_FOUND\)$'
	[no-answer]='^chainload: error: tftp://10\.0\.2\.3/pxe/boot/initrd0\.img: cannot open file: the server 10\.0\.2\.3 did not answer \(1 attempt\) \(EFI_TIMEOUT\)$'
)
declare -A bad_status=([missing-kernel]='Not Found' [missing-initrd]='Not Found' [no-answer]='Time out')
returned='^BdsDxe: failed to start Boot[0-9A-F]{4} "UEFI PXEv4 \(MAC:[0-9A-F]{12}\)" from .*'
for c in "${bad_cases[@]}"; do
	printf '%s\noptions console=ttyS0\n' "${bad_config[$c]}" >"$SCRATCH/$c.conf"
	boot "$c" --mode pxe --timeout 120 --kernel "$TESTKERN" --initrd "$SCRATCH/first.img" \
		--config "$SCRATCH/$c.conf" --stop-on "$returned"
	expect_pxe_boot
	expect "$c: the error line matches ${bad_line[$c]}" log_has -E -- "${bad_line[$c]}"
	expect "$c: chainload returned ${bad_status[$c]} to the firmware" \
		log_has -E -- "$returned: ${bad_status[$c]}\$"
	expect "$c: one error line" [ "$(log_text | grep -c '^chainload: error:')" -eq 1 ]
	expect "$c: no kernel ran" ! log_has -E '^tk: start|Linux version'
done
finish
