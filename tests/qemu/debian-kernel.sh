#!/bin/bash
# Debian's own kernel must reach userspace with exactly our command line, our
# initrd bytes and EFI runtime services, loaded in place and with
# --force-copy. The guest's /init is tests/guest/init.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# One boot: the initramfs carries the expected cmdline, the host checks what
# the guest printed.
boot_debian() {
	local name=$1 loader_args=$2
	local cmdline="console=ttyS0 panic=-1 chainload.test=debian-$name"
	local initramfs=$SCRATCH/initramfs-$name.gz
	"$ROOT/tests/guest/make-initramfs.sh" "$initramfs" "$payload" "$cmdline"
	boot "$name" --timeout 300 --kernel "$kernel" --initrd "$initramfs" \
		--cmdline "$cmdline" ${loader_args:+--loader-args "$loader_args"}
	expect_boot_pass
	expect_eq "guest cmdline" "$(guest_value cmdline)" "$cmdline"
	expect_eq "guest payload sha256" "$(guest_value payload_sha256)" "$payload_sha256"
	expect_eq "guest EFI" "$(guest_value efi)" yes
	expect_line "CHAINLOAD-VERDICT: PASS"
}

ensure_built
"$ROOT/tests/guest/fetch-debian-kernel.sh"
kernel=$ROOT/build/debian/vmlinuz
require_file "$kernel" "tests/guest/fetch-debian-kernel.sh"
payload=$SCRATCH/payload.bin
random_file "$payload" $((256 * 1024 + 7))
payload_sha256=$(sha256sum "$payload" | cut -d' ' -f1)
boot_debian plain ""
boot_debian force-copy "--force-copy"
finish
