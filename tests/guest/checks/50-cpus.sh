# shellcheck shell=dash
# Sourced by /init. chainload.expect_cpus=N: all N CPUs must be online (the
# MADT came through, and the APs could start although chainload had taken
# the machine over from the firmware). The word is required.

check_cpus() {
	local want online n
	want=$(expected cpus)
	online=$(cat /sys/devices/system/cpu/online)
	# "0-3" or "0,2-3": count the CPUs in the list.
	n=$(echo "$online" | tr ',' '\n' |
		awk -F- '{ n += ($2 == "" ? 1 : $2 - $1 + 1) } END { print n }')
	echo "GUEST: cpus_online=$online ($n)"
	[ -n "$want" ] || { fail "no chainload.expect_cpus word: the scenario must say how many CPUs"; return; }
	[ "$n" = "$want" ] || fail "$n CPUs online ($online), expected $want"
}

check_cpus
