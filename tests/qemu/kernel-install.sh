#!/bin/bash
# chainload as the machine's boot manager over the entries systemd's
# kernel-install writes, judged by systemd's bootctl and by Debian's kernel
# from inside. The disk: an ESP with chainload, kernel 6.1.0-100-amd64
# installed by kernel-install with boot counting (+3) and hand-made entries
# (a sort-key rescue entry, an exhausted one, an `efi` one, a broken one,
# and ones chainload must leave out: hidden, auto-, another architecture, a
# missing kernel), and an XBOOTLDR partition with kernel 6.1.0-99-amd64
# installed there. Each bootable entry has an initramfs that knows its
# exact command line (tests/guest/init.sh). Four runs on one disk and one
# VARS store, each boot's variables read back through efivarfs
# (tests/guest/checks/bli-menu.sh):
#   default  loader.conf "timeout 0", the glob default: 6.1.0-100 boots,
#            its file becomes +2-1; LoaderEntries is bootctl's order;
#            Linux asks for 6.1.0-99 next, as `systemctl reboot
#            --boot-loader-entry=` does (bli-next-boot.sh)
#   oneshot  6.1.0-99 boots from XBOOTLDR, the one-shot variable is gone;
#            Linux asks for the menu next (--boot-loader-menu=30)
#   menu     the menu shows, with bootctl's titles and the one-shot
#            timeout's countdown; Home, `d`, `t`, Enter: the rescue entry
#            boots, saved as the default, and the timeout one up (31 s)
#   saved    the saved timeout overrides loader.conf's 0: the menu counts
#            down from 31 with the saved default selected; Enter boots it
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=bls.bash
. "$ROOT/tests/qemu/bls.bash"

ensure_built
debian_prepare
d=$SCRATCH
esp=$d/esp
xb=$d/xbootldr
disk=$d/disk.img
vars=$d/vars.fd
rm -rf "$esp" "$xb" "$disk" "$vars"
mkdir -p "$esp" "$xb"

NEW=6.1.0-100-amd64
OLD=6.1.0-99-amd64
NEW_ID=$BLS_MACHINE_ID-$NEW.conf
OLD_ID=$BLS_MACHINE_ID-$OLD.conf
# What every boot here is (as debian-kernel.sh's force-copy boot), for the
# numbered guest checks.
WORDS="console=ttyS0 panic=-1 efi=debug log_buf_len=1M chainload.expect_cpus=1"
WORDS="$WORDS chainload.expect_mem_mib=1024 chainload.expect_sb=disabled"
WORDS="$WORDS chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT"
CHECKS=("${GUEST_CHECKS[@]}" "$ROOT/tests/guest/checks/bli-menu.sh"
	"$ROOT/tests/guest/checks/bli-next-boot.sh")
printf 'not booted\n' >"$d/initrd.img"

# Give entry FILE (its tree ROOT) an initramfs that expects exactly the
# entry's options, at the path its initrd line names.
entry_initramfs() {
	"$ROOT/tests/guest/make-initramfs.sh" "$1$(bls_entry_value "$2" initrd)" \
		"$DEBIAN_PAYLOAD" "$(bls_entry_value "$2" options)" "${CHECKS[@]}"
}

new_entry=$(bls_kernel_install "$esp" "$NEW" "$DEBIAN_KERNEL" "$d/initrd.img" \
	"$WORDS chainload.test=$SCENARIO-new chainload.next_entry=$BLS_MACHINE_ID-$OLD" 3)
old_entry=$(bls_kernel_install "$xb" "$OLD" "$DEBIAN_KERNEL" "$d/initrd.img" \
	"$WORDS chainload.test=$SCENARIO-old chainload.next_menu=30")
entry_initramfs "$esp" "$new_entry"
entry_initramfs "$xb" "$old_entry"
new_linux=$(bls_entry_value "$new_entry" linux)

# The hand-made entries, beside kernel-install's on the ESP.
hand() {
	printf '%s\n' "${@:2}" >"$esp/loader/entries/$1"
}
mkdir -p "$esp/rescue" "$esp/EFI/chainload"
hand Rescue.conf "title Rescue" "sort-key aaa-rescue" "linux $new_linux" \
	"initrd /rescue/initramfs.gz" "options $WORDS chainload.test=$SCENARIO-rescue"
entry_initramfs "$esp" "$esp/loader/entries/Rescue.conf"
hand old-kernel+0-3.conf "title Debian GNU/Linux 12 (bookworm)" "version 6.1.0-98-amd64" \
	"sort-key debian" "linux $new_linux" "options $WORDS"
hand chain.conf "title chainload again" "efi /EFI/chainload/chainload.efi"
hand broken.conf "title Broken" "linux $new_linux" "linux $new_linux"
hand .hidden.conf "title Hidden" "linux $new_linux"
hand auto-custom.conf "title Not ours" "linux $new_linux"
hand arm64.conf "title Arm" "architecture aa64" "linux $new_linux"
hand missing-linux.conf "title Missing" "linux /no/such/vmlinuz"
# Listed by bootctl, left out by chainload: auto- names are the loader's
# own, the others cannot boot here.
NOT_OURS=(auto-custom.conf arm64.conf missing-linux.conf)
printf 'timeout 0\ndefault %s-*\n' "$BLS_MACHINE_ID" >"$esp/loader/loader.conf"
cp "${CHAINLOAD_EFI:-$ROOT/build/chainload.efi}" "$esp/EFI/chainload/chainload.efi"
write_menu_startup "$esp/startup.nsh"

# systemd's view of the trees: bootctl's ids (lowercased: systemd-boot's
# ids are, bootctl's keep the file's case) and titles, in its order.
bootctl_ids=() bootctl_titles=()
while IFS=$'\t' read -r id title; do
	bootctl_ids+=("${id,,}")
	bootctl_titles+=("$title")
done < <(bootctl_fields "$esp" "$xb" id showTitle)
say "bootctl list: ${bootctl_ids[*]}"
expected_ids=()
for id in "${bootctl_ids[@]}"; do
	[[ " ${NOT_OURS[*]} " == *" $id "* ]] || expected_ids+=("$id")
done
expect_eq "bootctl lists the entries chainload leaves out" \
	"$(printf '%s\n' "${bootctl_ids[@]}" | grep -cxFf <(printf '%s\n' "${NOT_OURS[@]}"))" \
	"${#NOT_OURS[@]}"
expect_eq "bootctl sorts the counted 6.1.0-100 first of kernel-install's" \
	"$(printf '%s\n' "${expected_ids[@]}" | grep -m1 "^$BLS_MACHINE_ID")" "$NEW_ID"

# The two trees become the disk's two partitions.
specs=()
while read -r f; do specs+=("$esp/$f:/$f"); done < <(cd "$esp" && find . -type f -printf '%P\n')
while read -r f; do specs+=(--xbootldr "$xb/$f:/$f"); done < <(cd "$xb" && find . -type f -printf '%P\n')
"$ROOT/tools/mkesp.sh" "$disk" "${specs[@]}" >/dev/null

# No boot here expects an error: the first one ends the run at once, where
# the menu would otherwise wait for a key until the timeout.
NO_ERROR='chainload: error:'

# A menu variable as the guest read it (bli-menu.sh): its value, or "(absent)".
menu_var() {
	guest_value "menu_$1" | sed 's/ attrs=0x[0-9a-f]*$//'
}
menu_attrs() {
	guest_value "menu_$1" | sed -n 's/.* attrs=0x\([0-9a-f]*\)$/\1/p'
}
esp_before=$(esp_entries "$disk")
counted_before=$(basename "$new_entry")
expect_eq "kernel-install counts tries" "$counted_before" "$BLS_MACHINE_ID-$NEW+3.conf"

boot default --disk "$disk" --vars-store "$vars" --timeout 300 --stop-on "$NO_ERROR"
expect_debian_pass "$(bls_entry_value "$new_entry" options)" "${CHECKS[@]}"
# Firmware that can reboot into its setup gets the loader's own entry last.
listed=("${expected_ids[@]}")
osi=$(menu_var OsIndicationsSupported)
[[ $osi != 0x* ]] || [ $((osi & 1)) -eq 0 ] || listed+=(auto-reboot-to-firmware-setup)
expect_eq "default: LoaderEntries is bootctl's order" "$(menu_var LoaderEntries)" "${listed[*]}"
expect_eq "default: LoaderEntries is volatile" "$(menu_attrs LoaderEntries)" 00000006
expect_eq "default: LoaderEntrySelected" "$(menu_var LoaderEntrySelected)" "$NEW_ID"
expect_eq "default: LoaderBootCountPath" "$(menu_var LoaderBootCountPath)" \
	"\\loader\\entries\\$BLS_MACHINE_ID-$NEW+2-1.conf"
# timeout, one-shot timeout, default, one-shot entry, boot counting,
# XBOOTLDR, sort-key, @saved, menu-disabled: bits 0-5, 8, 9, 13.
expect_eq "default: LoaderFeatures" "$(menu_var LoaderFeatures)" 0x000000000000233f
expect "default: LoaderTimeMenuUSec is a time" grep -qxE '[0-9]+' <<<"$(menu_var LoaderTimeMenuUSec)"
expect_eq "default: Linux wrote the one-shot entry" "$(guest_value next_LoaderEntryOneShot)" \
	"$BLS_MACHINE_ID-$OLD"
expect_eq "default: the counted entry on the ESP" "$(esp_entries "$disk")" \
	"${esp_before/$counted_before/$BLS_MACHINE_ID-$NEW+2-1.conf}"
expect "default: no menu was drawn" ! log_has 'boot menu'
for warning in 'arm64.conf: for architecture aa64' 'missing-linux.conf: no file /no/such/vmlinuz'; do
	expect_line "chainload: warning: \\loader\\entries\\$warning, not listed"
done
esp_after=$(esp_entries "$disk")
say "the counted entry: $counted_before before, $(tr ' ' '\n' <<<"$esp_after" | grep -F "$BLS_MACHINE_ID-$NEW") after"

boot oneshot --disk "$disk" --vars-store "$vars" --timeout 300 --stop-on "$NO_ERROR"
expect_debian_pass "$(bls_entry_value "$old_entry" options)" "${CHECKS[@]}"
expect_eq "oneshot: LoaderEntrySelected (from XBOOTLDR)" "$(menu_var LoaderEntrySelected)" "$OLD_ID"
expect_eq "oneshot: LoaderEntryOneShot was deleted" "$(menu_var LoaderEntryOneShot)" "(absent)"
expect_eq "oneshot: no LoaderBootCountPath for an uncounted entry" \
	"$(menu_var LoaderBootCountPath)" "(absent)"
expect_eq "oneshot: Linux wrote the one-shot timeout" \
	"$(guest_value next_LoaderConfigTimeoutOneShot)" 30
expect_eq "oneshot: entries on the ESP unchanged" "$(esp_entries "$disk")" "$esp_after"

cat >"$d/keys-menu" <<'KEYS'
wait > Debian GNU/Linux 12 \(bookworm\) \(6\.1\.0-100-amd64\)
wait Boot in [0-9]+ s
send \033[H
wait > Rescue
send d
wait > Rescue \(default\)
send t
sleep 1
send \r
KEYS
boot menu --disk "$disk" --vars-store "$vars" --timeout 300 --stop-on "$NO_ERROR" --keys "$d/keys-menu"
expect_debian_pass "$(bls_entry_value "$esp/loader/entries/Rescue.conf" options)" "${CHECKS[@]}"
expect_eq "menu: LoaderEntrySelected" "$(menu_var LoaderEntrySelected)" rescue.conf
expect_eq "menu: LoaderEntryDefault (set with d)" "$(menu_var LoaderEntryDefault)" rescue.conf
expect_eq "menu: LoaderEntryDefault is non-volatile" "$(menu_attrs LoaderEntryDefault)" 00000007
expect_eq "menu: LoaderConfigTimeout (t: one up from 30)" "$(menu_var LoaderConfigTimeout)" 31
expect_eq "menu: LoaderConfigTimeout is non-volatile" "$(menu_attrs LoaderConfigTimeout)" 00000007
expect_eq "menu: LoaderConfigTimeoutOneShot was deleted" \
	"$(menu_var LoaderConfigTimeoutOneShot)" "(absent)"
expect "menu: the one-shot timeout's countdown, not loader.conf's 0" log_has -E 'Boot in (30|2[0-9]) s'
for i in "${!bootctl_ids[@]}"; do
	case " ${NOT_OURS[*]} broken.conf " in *" ${bootctl_ids[$i]} "*) continue ;; esac
	# The menu's rows are drawn by cursor position: a row ends in padding.
	# shellcheck disable=SC2016 # sed's $, not the shell's
	title=$(sed 's/[][\.*^$(){}?+|/]/\\&/g' <<<"${bootctl_titles[$i]}")
	expect "menu: the menu shows bootctl's title \"${bootctl_titles[$i]}\"" \
		log_has -E "[> ] $title( \(default\))?( |$)"
done
expect "menu: the broken entry is listed, marked" log_has -E '[> ] broken\.conf \(broken\)( |$)'

cat >"$d/keys-saved" <<'KEYS'
wait Boot in 3[01] s
send \r
KEYS
boot saved --disk "$disk" --vars-store "$vars" --timeout 300 --stop-on "$NO_ERROR" --keys "$d/keys-saved"
expect_debian_pass "$(bls_entry_value "$esp/loader/entries/Rescue.conf" options)" "${CHECKS[@]}"
expect "saved: the countdown starts at the saved 31 s" log_has 'Boot in 31 s'
expect "saved: the saved default is selected" log_has -E '> Rescue \(default\)'
expect_eq "saved: LoaderEntrySelected" "$(menu_var LoaderEntrySelected)" rescue.conf
finish
