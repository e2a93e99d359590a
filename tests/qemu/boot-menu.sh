#!/bin/bash
# chainload as the boot menu: no KERNEL word and no chainload.conf, so it
# boots from \loader\entries as the Boot Loader Specification lays them out
# (efi/start/boot_manager.c). The test kernel judges each boot: its
# tk.cmdline_crc32 word proves that exactly one entry's command line (or the
# line as edited in the menu) arrived. The ESP itself, read back after each
# run, shows the boot counter. Three runs on one disk and one VARS store:
#   default  loader.conf "timeout 0" and "default beta*": beta+3.conf boots
#            with no menu and is renamed beta+2-1.conf; the aa64 entry is
#            not listed, the unknown loader.conf key is warned about
#   menu     "timeout 30": the menu comes up with Beta selected; Down, `e`,
#            Ctrl-W (drops the crc word), new words, Enter: Alpha boots
#            with the edited line
#   broken   `1` picks the broken entry: its error shows under the menu,
#            which comes back; Down and Enter boot Beta (beta+1-2.conf)
#   efi      `4` picks the `efi` entry, chainload itself, whose `options`
#            are its load options: a KERNEL, an initrd and the test
#            kernel's words, which it boots
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH
disk=$d/esp.img
vars=$d/vars.fd
rm -f "$disk" "$vars"
random_file "$d/initrd.img" $((1024 * 1024 + 3))
size=$(stat -c %s "$d/initrd.img")
crc=$(crc32_hex <"$d/initrd.img")

# The test kernel's words for entry NAME (plus WORDS), its crc word last.
tk_line() {
	local line="console=ttyS0 chainload.test=$1 tk.load=0x1600000 tk.fb=1280x800 tk.expect_rng=0"
	line="$line tk.secure_boot=2 tk.initrd_size=$size tk.initrd_crc32=$crc${2:+ $2}"
	echo "$line tk.cmdline_crc32=$(printf '%s' "$line" | crc32_hex)"
}

entry() {
	printf 'title %s\nversion %s\nlinux /boot/vmlinuz\ninitrd /boot/initrd.img\noptions %s\n' \
		"$2" "$3" "$(tk_line "$1")" >"$d/$1.conf"
}
entry alpha Alpha 1
entry beta Beta 2
printf 'title Arm\narchitecture aa64\nlinux /boot/vmlinuz\n' >"$d/arm.conf"
printf 'title Broken\nlinux /boot/vmlinuz\nlinux /boot/other\n' >"$d/broken.conf"
printf 'title Chained\nefi /EFI/chainload/chainload.efi\noptions -i \\boot\\initrd.img \\boot\\vmlinuz %s\n' \
	"$(tk_line chained)" >"$d/chain.conf"
printf 'timeout 0\ndefault beta*\nbogus-key 1\n' >"$d/loader-0.conf"
printf 'timeout 30\ndefault beta*\n' >"$d/loader-30.conf"
write_menu_startup "$d/startup.nsh"
"$ROOT/tools/mkesp.sh" "$disk" "${CHAINLOAD_EFI:-$ROOT/build/chainload.efi}:/EFI/chainload/chainload.efi" \
	"$d/startup.nsh:/startup.nsh" "$TESTKERN:/boot/vmlinuz" "$d/initrd.img:/boot/initrd.img" \
	"$d/alpha.conf:/loader/entries/alpha.conf" "$d/beta.conf:/loader/entries/beta+3.conf" \
	"$d/arm.conf:/loader/entries/arm.conf" "$d/broken.conf:/loader/entries/broken.conf" "$d/chain.conf:/loader/entries/aaa-chain.conf" \
	"$d/loader-0.conf:/loader/loader.conf" >/dev/null


# What the test kernel received: its "tk: cmdline:" line.
tk_cmdline() {
	log_text | sed -n 's/^tk: cmdline: \(console=.*\)/\1/p' | head -n1
}

boot default --disk "$disk" --vars-store "$vars" --timeout 150
expect_boot_pass
expect_eq "default: the command line the kernel got" "$(tk_cmdline)" "$(tk_line beta)"
expect_eq "default: entries on the ESP" "$(esp_entries "$disk")" \
	"aaa-chain.conf alpha.conf arm.conf beta+2-1.conf broken.conf"
# shellcheck disable=SC2016 # backquotes are message text
expect_line 'chainload: warning: \loader\loader.conf: line 3: unknown key `bogus-key`, ignored'
expect_line 'chainload: warning: \loader\entries\arm.conf: for architecture aa64, not listed'
expect "default: no menu was drawn" bash -c "! grep -aq 'boot menu' '$boot_log'"

"$ROOT/tools/mkesp.sh" --replace "$disk" "$d/loader-30.conf:/loader/loader.conf" >/dev/null
edited="chainload.edited=1 tk.cmdline_crc32=$(tk_line alpha chainload.edited=1 | sed 's/.*tk.cmdline_crc32=//')"
cat >"$d/keys-menu" <<KEYS
wait > Beta
wait Boot in 2[0-9] s
send \\033[B
wait > Alpha
send e
sleep 2
send \\027
send $edited
sleep 1
send \\r
KEYS
boot menu --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-menu"
expect_boot_pass
expect_eq "menu: the edited command line the kernel got" "$(tk_cmdline)" \
	"$(tk_line alpha chainload.edited=1)"
expect "menu: the menu listed Beta selected, Alpha, and the broken entry marked" \
	bash -c "grep -aq '> Beta' '$boot_log' && grep -aq '  Alpha' '$boot_log' &&
		grep -aq 'broken.conf (broken)' '$boot_log'"
expect_eq "menu: entries on the ESP (alpha has no counter)" "$(esp_entries "$disk")" \
	"aaa-chain.conf alpha.conf arm.conf beta+2-1.conf broken.conf"

cat >"$d/keys-broken" <<'KEYS'
wait > Beta
send 1
wait > broken.conf
send \r
wait second `linux` line
send \033[B
wait > Beta
send \r
KEYS
boot broken --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-broken"
expect_boot_pass
expect_eq "broken: the command line the kernel got" "$(tk_cmdline)" "$(tk_line beta)"
# Printed once as the error line, then again on the menu's error row.
# shellcheck disable=SC2016 # backquotes are message text
broken_error='\loader\entries\broken.conf: line 3: second `linux` line (the first is line 2) (EFI_LOAD_ERROR)'
expect "broken: the error line was printed" log_has -F -- "chainload: error: $broken_error"
expect "broken: its error stood under the menu as well" \
	[ "$(log_text | grep -aoF -- "$broken_error" | wc -l)" -ge 2 ]
expect_eq "broken: entries on the ESP" "$(esp_entries "$disk")" \
	"aaa-chain.conf alpha.conf arm.conf beta+1-2.conf broken.conf"

cat >"$d/keys-efi" <<'KEYS'
wait > Beta
send 4
wait > Chained
send \r
KEYS
boot efi --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-efi"
expect_boot_pass
expect_eq "efi: the command line the kernel got through the chained chainload" "$(tk_cmdline)" \
	"$(tk_line chained)"
finish
