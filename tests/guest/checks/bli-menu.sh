# shellcheck shell=dash
# Sourced by /init in the kernel-install scenario, after 35-bli.sh (init
# sources the numbered checks first), whose bli_mount, BLI_DIR and BLI_GUID
# it uses. The boot menu's variables as Linux reads them through efivarfs,
# one line each for the host to compare with bootctl and with what it
# booted:
#   GUEST: menu_NAME=VALUE attrs=0xATTRS
#   GUEST: menu_NAME=(absent)
# VALUE is the UTF-16 text with each NUL as a space (LoaderEntries: the ids
# in menu order), or for LoaderFeatures and OsIndicationsSupported the
# 64-bit number in hex.

EFI_GLOBAL_GUID=8be4df61-93ca-11d2-aa0d-00e098032b8c

# The UTF-16LE bytes of file $1 from offset 4 (after the attributes) as text,
# each NUL a space, trailing spaces dropped.
menu_utf16_text() {
	tail -c +5 "$1" | od -An -v -tu2 |
		awk '{ for (i = 1; i <= NF; i++) printf "%c", ($i == 0 ? 32 : $i) }' | sed 's/ *$//'
}

# NAME GUID KIND: one GUEST line for the variable, KIND text or u64.
menu_report() {
	local f=$BLI_DIR/$1-$2 attrs value
	if [ ! -f "$f" ]; then
		echo "GUEST: menu_$1=(absent)"
		return
	fi
	attrs=$(od -An -tx4 -N4 "$f" | tr -d ' ')
	if [ "$3" = u64 ]; then
		value=0x$(tail -c +5 "$f" | od -An -tx8 | tr -d ' ')
	else
		value=$(menu_utf16_text "$f")
	fi
	echo "GUEST: menu_$1=$value attrs=0x$attrs"
}

check_bli_menu() {
	local name
	bli_mount || { fail "cannot mount efivarfs to read the menu's variables"; return; }
	for name in LoaderEntries LoaderEntrySelected LoaderBootCountPath LoaderEntryDefault \
		LoaderEntryOneShot LoaderConfigTimeoutOneShot LoaderConfigTimeout \
		LoaderEntryLastBooted LoaderTimeMenuUSec; do
		menu_report $name "$BLI_GUID" text
	done
	menu_report LoaderFeatures "$BLI_GUID" u64
	menu_report OsIndicationsSupported $EFI_GLOBAL_GUID u64
}

check_bli_menu
