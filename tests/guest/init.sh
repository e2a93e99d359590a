#!/bin/busybox sh
# shellcheck shell=dash
# /init of the test initramfs (tests/guest/make-initramfs.sh): report what the
# kernel received from chainload, compare it with what the host expected
# (/expected/*), print CHAINLOAD-VERDICT: PASS|FAIL <why>, power off.
#
# The cmdline check is exact: /proc/cmdline is the kernel's saved command
# line plus one "\n" (fs/proc/cmdline.c), so /expected/cmdline holds the
# expected string plus "\n" and the two files are compared byte for byte;
# a stray trailing space or a lost word fails.
#
# Everything else comes from /checks.d (make-initramfs.sh copies them there):
# tests/guest/checks/NN-*.sh run in every Debian boot of the QEMU scenarios
# (what a UEFI loader owes Linux), the unnumbered files there only in the
# scenario that passes them. They use fail, expected and boot_param below.

/bin/busybox --install -s /bin
export PATH=/bin

# The verdict so far; each failed check appends its reason.
failures=

# Record a failed check.
fail() {
	failures="$failures${failures:+; }$*"
}

# For the /checks.d scripts: the value of the kernel command-line word
# chainload.NAME=VALUE (the last one), or nothing.
cmdline_word() {
	tr ' ' '\n' </proc/cmdline | sed -n "s/^chainload\.$1=//p" | tail -n1
}

# The value of chainload.expect_NAME=VALUE: the host states what the
# machine is (CPUs, memory, RNG, ...) this way.
expected() {
	cmdline_word "expect_$1"
}

# For the /checks.d scripts: N bytes (1, 2, 4 or 8) of the zero page the
# kernel received, at OFFSET, as an unsigned decimal number.
boot_param() {
	od -An -tu"$2" -j "$(($1))" -N "$2" /sys/kernel/boot_params/data | tr -d ' '
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mkdir -p /tmp
# The kernel log as it stood when userspace started, for the checks.
dmesg >/tmp/dmesg

cmdline=$(cat /proc/cmdline)
echo "GUEST: cmdline=$cmdline"
payload_sha256=$(sha256sum /payload.bin | cut -d' ' -f1)
echo "GUEST: payload_sha256=$payload_sha256"
echo "GUEST: payload_size=$(wc -c </payload.bin)"
if [ -d /sys/firmware/efi ]; then efi=yes; else efi=no; fi
echo "GUEST: efi=$efi"
# Informational: what else the loader handed over.
echo "GUEST: kernel=$(uname -r)"
echo "GUEST: machine=$(uname -m)"
echo "GUEST: memtotal=$(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2-)"
echo "GUEST: fb=$(head -n1 /proc/fb 2>/dev/null)"

cmp -s /proc/cmdline /expected/cmdline ||
	fail "cmdline differs from expected: $(cat /expected/cmdline)"
[ "$payload_sha256" = "$(cat /expected/payload_sha256)" ] ||
	fail "payload sha256 differs from expected $(cat /expected/payload_sha256)"

# Scenario-specific checks packed by make-initramfs.sh.
# Each is followed by "GUEST: ran NAME", so the host can tell that all it
# packed ran.
for check in /checks.d/*.sh; do
	[ -f "$check" ] || continue
	# shellcheck disable=SC1090
	. "$check"
	echo "GUEST: ran ${check##*/}"
done

if [ -z "$failures" ]; then
	echo "CHAINLOAD-VERDICT: PASS"
else
	echo "CHAINLOAD-VERDICT: FAIL $failures"
fi
sync
poweroff -f
