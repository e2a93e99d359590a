#!/bin/bash
# mkesp.sh: a disk image with a GPT and one FAT EFI System partition that
# holds the given files, made with sfdisk and mtools: no loop device, no root.
#
# Usage: tools/mkesp.sh [--part-uuid GUID] IMAGE SRC:ESPPATH ...
#        tools/mkesp.sh --replace IMAGE SRC:ESPPATH ...
#   SRC:ESPPATH    copy the file SRC to ESPPATH on the ESP ("/" or "\" between
#                  its parts); parent directories are made as needed
#   --part-uuid    the partition's GPT GUID (default: random)
#   --replace      overwrite files in an IMAGE this script made
# The image is sized to its files (at least 64 MiB); FAT16 or FAT32 as
# mformat picks.
set -euo pipefail

ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
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
	echo "usage: tools/mkesp.sh [--part-uuid GUID] IMAGE SRC:ESPPATH ..." >&2
	echo "       tools/mkesp.sh --replace IMAGE SRC:ESPPATH ..." >&2
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

# A new image sized for the files, with the partition table and an empty FAT.
make_image() {
	local img=$1 part_uuid=$2 spec bytes=0 mib part_sectors
	shift 2
	for spec in "$@"; do
		split_spec "$spec"
		bytes=$((bytes + $(stat -c %s "$src")))
	done
	# Room for FAT overhead and slack.
	mib=$((bytes * 5 / 4 / 1048576 + 32))
	[ "$mib" -ge 64 ] || mib=64
	part_sectors=$(((mib - 2 * ESP_START_MIB) * 2048))
	rm -f "$img"
	truncate -s "${mib}M" "$img"
	printf 'label: gpt\nstart=%d, size=%d, type=%s, name="EFI System"%s\n' \
		$((ESP_START_MIB * 2048)) "$part_sectors" "$ESP_TYPE" \
		"${part_uuid:+, uuid=$part_uuid}" | sfdisk -q "$img"
	mformat -i "$img@@${ESP_START_MIB}M" -T "$part_sectors" -h 64 -s 32 \
		-H $((ESP_START_MIB * 2048)) -v ESP ::
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
		-h | --help) sed -n '2,12p' "$0"; exit 0 ;;
		-*) usage_error "unknown option $1" ;;
		*) break ;;
		esac
	done
	[ $# -ge 1 ] || usage_error "no IMAGE"
	img=$1
	shift
	[ -z "$part_uuid" ] || [[ $part_uuid =~ ^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$ ]] ||
		usage_error "--part-uuid wants a GUID, got $part_uuid"
	if [ "$replace" -eq 1 ]; then
		[ -f "$img" ] || die "$img: not found"
		[ -z "$part_uuid" ] || usage_error "--part-uuid is for a new image"
	else
		make_image "$img" "$part_uuid" "$@"
	fi
	copy_files "$img@@${ESP_START_MIB}M" "$@"
}

main "$@"
