#!/bin/bash
# mkesp.sh: a disk image with a GPT and one FAT EFI System partition that
# holds the given files, made with sfdisk and mtools: no loop device, no root.
#
# Usage: tools/mkesp.sh [--part-uuid GUID] IMAGE [--xbootldr SRC:PATH] SRC:ESPPATH ...
#        tools/mkesp.sh --replace IMAGE [--xbootldr SRC:PATH] SRC:ESPPATH ...
#   SRC:ESPPATH    copy the file SRC to ESPPATH on the ESP ("/" or "\" between
#                  its parts); parent directories are made as needed
#   --xbootldr SRC:PATH
#                  copy SRC to PATH on a second partition, an XBOOTLDR one
#                  (the Boot Loader Specification's extended boot loader
#                  partition), made when the first such file is given
#   --part-uuid    the ESP's GPT GUID (default: random)
#   --replace      overwrite files in an IMAGE this script made
# Each partition is sized to its files (at least 64 MiB); FAT16 or FAT32
# as mformat picks.
set -euo pipefail

ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
XBOOTLDR_TYPE=BC13C2FF-59E6-4262-A352-B275FD6F7172
# The partition starts 1 MiB in; mtools addresses the FAT file system
# inside the image by that byte offset.
ESP_START_MIB=1
export MTOOLS_SKIP_CHECK=1

die() {
	echo "mkesp: error: $*" >&2
	exit 1
}

usage_error() {
	echo "mkesp: $*" >&2
	echo "usage: tools/mkesp.sh [--part-uuid GUID] IMAGE [--xbootldr SRC:PATH] SRC:ESPPATH ..." >&2
	echo "       tools/mkesp.sh --replace IMAGE [--xbootldr SRC:PATH] SRC:ESPPATH ..." >&2
	exit 2
}

# Split SRC:ESPPATH at its last colon (ESP paths have none) into the
# globals src and dst, dst with forward slashes and a leading one.
split_spec() {
	[[ $1 == ?*:?* ]] || usage_error "want SRC:ESPPATH, got $1"
	src=${1%:*}
	dst=${1##*:}
	dst=/${dst//\\//}
	dst=${dst//\/\//\/}
	[ -f "$src" ] || die "$src: not found"
}

# Copy each SRC:ESPPATH into the FAT file system FAT, making parent
# directories once each (mmd refuses existing ones).
copy_files() {
	local fat=$1 spec part path parts
	shift
	local -A made=()
	for spec in "$@"; do
		split_spec "$spec"
		path=''
		IFS=/ read -ra parts <<<"${dst%/*}"
		for part in "${parts[@]}"; do
			[ -n "$part" ] || continue
			path="$path/$part"
			if [ -z "${made[$path]:-}" ] && ! mdir -i "$fat" "::$path" >/dev/null 2>&1; then
				mmd -i "$fat" "::$path"
			fi
			made[$path]=1
		done
		mcopy -o -i "$fat" "$src" "::$dst"
	done
}

# MiB a FAT file system needs for the files SRC:PATH ...: their bytes with
# room for FAT overhead and slack, at least 64.
fat_mib() {
	local spec bytes=0 mib
	for spec in "$@"; do
		split_spec "$spec"
		bytes=$((bytes + $(stat -c %s "$src")))
	done
	mib=$((bytes * 5 / 4 / 1048576 + 32))
	[ "$mib" -ge 64 ] || mib=64
	echo "$mib"
}

# An empty FAT labelled LABEL in the partition of SECTORS sectors that
# starts START_MIB MiB into IMAGE.
format_fat() {
	local img=$1 start_mib=$2 sectors=$3 label=$4
	mformat -i "$img@@${start_mib}M" -T "$sectors" -h 64 -s 32 \
		-H $((start_mib * 2048)) -v "$label" ::
}

# A new image sized for the files, with the partition table and empty FATs:
# the ESP 1 MiB in, the XBOOTLDR partition (when it has files) right after.
make_image() {
	local img=$1 part_uuid=$2 esp_mib xb_mib=0 esp_sectors xb_start
	esp_mib=$(fat_mib "${esp_specs[@]}")
	[ "${#xb_specs[@]}" -eq 0 ] || xb_mib=$(fat_mib "${xb_specs[@]}")
	esp_sectors=$(((esp_mib - 2 * ESP_START_MIB) * 2048))
	xb_start=$((esp_mib - ESP_START_MIB))
	rm -f "$img"
	truncate -s "$((esp_mib + xb_mib))M" "$img"
	{
		printf 'label: gpt\nstart=%d, size=%d, type=%s, name="EFI System"%s\n' \
			$((ESP_START_MIB * 2048)) "$esp_sectors" "$ESP_TYPE" "${part_uuid:+, uuid=$part_uuid}"
		[ "$xb_mib" -eq 0 ] ||
			printf 'start=%d, size=%d, type=%s, name="Linux extended boot"\n' \
				$((xb_start * 2048)) $((xb_mib * 2048)) "$XBOOTLDR_TYPE"
	} | sfdisk -q "$img"
	format_fat "$img" "$ESP_START_MIB" "$esp_sectors" ESP
	[ "$xb_mib" -eq 0 ] || format_fat "$img" "$xb_start" $((xb_mib * 2048)) XBOOTLDR
}

# The byte offset of IMAGE's XBOOTLDR partition, from its partition table.
xbootldr_offset() {
	local start
	start=$(sfdisk -d "$1" | sed -n "s/.*start= *\([0-9]*\),.*type=$XBOOTLDR_TYPE.*/\1/p")
	[ -n "$start" ] || die "$1: no XBOOTLDR partition"
	echo $((start * 512))
}

main() {
	local part_uuid='' replace=0 img src dst
	while [ $# -gt 0 ]; do
		case $1 in
		--part-uuid)
			[ $# -ge 2 ] || usage_error "--part-uuid needs a value"
			part_uuid=$2
			shift 2
			;;
		--replace) replace=1; shift ;;
		-h | --help) sed -n '2,16p' "$0"; exit 0 ;;
		-*) usage_error "unknown option $1" ;;
		*) break ;;
		esac
	done
	[ $# -ge 1 ] || usage_error "no IMAGE"
	img=$1
	shift
	local -a esp_specs=() xb_specs=()
	while [ $# -gt 0 ]; do
		if [ "$1" = --xbootldr ]; then
			[ $# -ge 2 ] || usage_error "--xbootldr needs SRC:PATH"
			xb_specs+=("$2")
			shift 2
		else
			esp_specs+=("$1")
			shift
		fi
	done
	[ -z "$part_uuid" ] || [[ $part_uuid =~ ^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$ ]] ||
		usage_error "--part-uuid wants a GUID, got $part_uuid"
	if [ "$replace" -eq 1 ]; then
		[ -f "$img" ] || die "$img: not found"
		[ -z "$part_uuid" ] || usage_error "--part-uuid is for a new image"
	else
		make_image "$img" "$part_uuid"
	fi
	copy_files "$img@@${ESP_START_MIB}M" "${esp_specs[@]}"
	[ "${#xb_specs[@]}" -eq 0 ] || copy_files "$img@@$(xbootldr_offset "$img")" "${xb_specs[@]}"
}

main "$@"
