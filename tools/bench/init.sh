#!/bin/busybox sh
# shellcheck shell=dash
# /init of the benchmark's initramfs (tools/bench/initramfs.sh): hash
# /payload.bin, compare with /expected.sha256, print one line, power off.
#   BENCH-PAYLOAD: ok sha256=HEX bytes=N check_s=S
#   BENCH-PAYLOAD: MISMATCH sha256=HEX expected=HEX bytes=N check_s=S
# check_s is what the check took by the guest's clock (/proc/uptime).
# The archive has no /dev/console node (no root needed to build it), so the
# kernel starts us without a console: devtmpfs provides one.

/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

t0=$(uptime_s)
got=$(sha256sum /payload.bin | cut -d' ' -f1)
t1=$(uptime_s)
want=$(cat /expected.sha256)
bytes=$(stat -c %s /payload.bin)
took=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
if [ -n "$got" ] && [ "$got" = "$want" ]; then
	echo "BENCH-PAYLOAD: ok sha256=$got bytes=$bytes check_s=$took"
else
	echo "BENCH-PAYLOAD: MISMATCH sha256=$got expected=$want bytes=$bytes check_s=$took"
fi
poweroff -f
