# shellcheck shell=dash
# Sourced by /init. The Boot Loader Interface variables chainload sets
# (efi/handoff/bli.h), read back through efivarfs: each must exist, be volatile with
# boot-service and runtime access, and hold a UTF-16 string with its NUL.
# Prints GUEST: bli_<Name>=<value> lines for the host to compare.
# The host may state exact values with chainload.expect_bli_part=GUID and
# chainload.expect_bli_image=PATH on the kernel command line (init.sh's
# expected); chainload.expect_bli_part=none: there is no partition (a
# network boot) and so no LoaderDevicePartUUID.

BLI_GUID=4a67b082-0a4c-41cf-b6c7-440b29bb8c4f
BLI_DIR=/sys/firmware/efi/efivars

bli_mount() {
	[ -n "$(ls $BLI_DIR 2>/dev/null)" ] && return 0
	grep -q efivarfs /proc/filesystems || insmod /lib/modules/efivarfs.ko 2>/dev/null
	grep -q efivarfs /proc/filesystems || return 1
	mount -t efivarfs efivarfs $BLI_DIR 2>/dev/null
	[ -n "$(ls $BLI_DIR 2>/dev/null)" ]
}

# NAME: the variable's string (ASCII expected) into bli_value, its form
# checked. Not in a subshell: fail must reach init's verdict.
bli_read() {
	local f=$BLI_DIR/$1-$BLI_GUID attrs size
	bli_value=
	[ -f "$f" ] || { fail "no $1 variable"; return 1; }
	# 4 bytes of attributes: BOOTSERVICE_ACCESS | RUNTIME_ACCESS, not NON_VOLATILE.
	attrs=$(od -An -tx4 -N4 "$f" | tr -d ' ')
	[ "$attrs" = 00000006 ] || fail "$1 has attributes 0x$attrs, not 0x00000006"
	size=$(($(wc -c <"$f") - 4))
	if [ $((size % 2)) -ne 0 ] || [ "$size" -lt 2 ]; then
		fail "$1 is $size bytes: not UTF-16"
	fi
	[ "$(tail -c 2 "$f" | od -An -tx1 | tr -d ' ')" = 0000 ] || fail "$1 lacks its NUL"
	bli_value=$(tail -c +5 "$f" | tr -d '\000')
}

check_bli() {
	local name value init='' exec_t='' want
	# chainload.expect_efivars=0 (noefi): no runtime services, no variables.
	if [ "$(expected efivars)" = 0 ]; then
		echo "GUEST: bli=not checked (EFI runtime services are off)"
		return
	fi
	bli_mount || { fail "cannot mount efivarfs to read the loader variables"; return; }
	for name in LoaderInfo LoaderTimeInitUSec LoaderTimeExecUSec LoaderDevicePartUUID \
		LoaderImageIdentifier; do
		if [ $name = LoaderDevicePartUUID ] && [ "$(expected bli_part)" = none ]; then
			[ ! -e "$BLI_DIR/$name-$BLI_GUID" ] ||
				fail "LoaderDevicePartUUID is set, but chainload came from no partition"
			echo "GUEST: bli_$name=(none)"
			continue
		fi
		bli_read $name || continue
		value=$bli_value
		echo "GUEST: bli_$name=$value"
		case $name in
		LoaderInfo)
			case $value in "chainload "?*) ;; *) fail "LoaderInfo is \"$value\"" ;; esac
			;;
		LoaderTimeInitUSec) init=$value ;;
		LoaderTimeExecUSec) exec_t=$value ;;
		LoaderDevicePartUUID)
			echo "$value" | grep -qE '^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$' ||
				fail "LoaderDevicePartUUID \"$value\" is not an upper-case GUID"
			want=$(expected bli_part)
			[ -z "$want" ] || [ "$value" = "$want" ] ||
				fail "LoaderDevicePartUUID is $value, the ESP is $want"
			;;
		LoaderImageIdentifier)
			want=$(expected bli_image)
			[ -z "$want" ] || [ "$value" = "$want" ] ||
				fail "LoaderImageIdentifier is $value, not $want"
			;;
		esac
	done
	# Both are microseconds since the TSC started; chainload ran in between.
	if echo "$init" | grep -qE '^[0-9]+$' && echo "$exec_t" | grep -qE '^[0-9]+$'; then
		if [ "$init" -le 0 ] || [ "$exec_t" -le "$init" ]; then
			fail "LoaderTimeInitUSec $init and LoaderTimeExecUSec $exec_t are not increasing"
		fi
		echo "GUEST: bli_loader_ms=$(((exec_t - init) / 1000))"
	else
		fail "loader times \"$init\" and \"$exec_t\" are not decimal numbers"
	fi
}

check_bli
