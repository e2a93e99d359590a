#!/bin/bash
# chainload as the boot menu: no KERNEL word and no chainload.conf, so it
# boots from \loader\entries as the Boot Loader Specification lays them out
# (efi/start/boot_manager.c). The test kernel judges each boot: its
# tk.cmdline_crc32 word proves that exactly one entry's command line (or the
# line as edited in the menu) arrived. The ESP itself, read back after each
# run, shows the boot counter. Eight runs on one disk and one VARS store:
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
#   held     "timeout 0": `3` held down from the shell's countdown on
#            still opens the menu, and Alpha boots
#   disabled "timeout menu-disabled": the same key held down changes
#            nothing, Beta boots (beta+0-3.conf, no tries left)
#   console  the shell sets 80x25, chainload with "console-mode auto"
#            shows its menu and quits (q): the shell's own `mode` lists
#            100x31 (the most that fits 1280x800) as current; again with
#            "console-mode 0": 80x25 is current; with "console-mode 7",
#            which the firmware lacks, its warning stands under the menu
#            and 80x25 stays
#   firmware End picks "Reboot Into Firmware Interface": chainload asks
#            for the firmware's setup (OsIndications) and resets, which
#            ends QEMU (-no-reboot) with no error
#   setup    the next boot on the same VARS: the firmware opens its own
#            setup pages instead of the shell
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
printf 'timeout 0\ndefault beta*\n' >"$d/loader-held.conf"
printf 'timeout menu-force\nconsole-mode auto\n' >"$d/loader-auto.conf"
printf 'timeout menu-force\nconsole-mode 0\n' >"$d/loader-mode0.conf"
printf 'timeout menu-force\nconsole-mode 7\n' >"$d/loader-mode7.conf"
printf 'timeout menu-disabled\ndefault beta*\n' >"$d/loader-disabled.conf"
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

# The key is held from a line the shell prints once its countdown is over:
# held from the countdown on, it would end the countdown itself and leave
# the Enter the runner sends there (qemu.bash) queued for the menu. The
# shell then waits 2 s, so that the key is down before chainload starts,
# however slowly the runner types on a loaded machine.
write_crlf "$d/startup-held.nsh" <<'NSH'
@echo -off
fs0:
echo HOLD-FROM-HERE
stall 2000000
\EFI\chainload\chainload.efi -v
echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%
reset -s
NSH
"$ROOT/tools/mkesp.sh" --replace "$disk" "$d/startup-held.nsh:/startup.nsh" \
	"$d/loader-held.conf:/loader/loader.conf" >/dev/null
cat >"$d/keys-held" <<'KEYS'
wait HOLD-FROM-HERE
hold 3 > Alpha
send \r
KEYS
boot held --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-held"
expect_boot_pass
expect_eq "held: the command line the kernel got (the menu opened)" "$(tk_cmdline)" "$(tk_line alpha)"

"$ROOT/tools/mkesp.sh" --replace "$disk" "$d/loader-disabled.conf:/loader/loader.conf" >/dev/null
cat >"$d/keys-disabled" <<'KEYS'
wait HOLD-FROM-HERE
hold 3 ^tk: 
KEYS
# A menu here would wait for keys: its header ends the run at once.
boot disabled --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-disabled" \
	--stop-on 'boot menu'
expect_boot_pass
expect_eq "disabled: the command line the kernel got (no menu)" "$(tk_cmdline)" "$(tk_line beta)"
expect "disabled: no menu was drawn" bash -c "! grep -aq 'boot menu' '$boot_log'"
expect_eq "disabled: entries on the ESP" "$(esp_entries "$disk")" \
	"aaa-chain.conf alpha.conf arm.conf beta+0-3.conf broken.conf"

# The shell's `mode` marks the current text mode with '*'; between the
# runs chainload leaves its own mode in place (as systemd-boot does).
write_crlf "$d/startup-console.nsh" <<'NSH'
@echo -off
fs0:
mode 80 25
cp -q \loader\auto.conf \loader\loader.conf
\EFI\chainload\chainload.efi -v
echo CONSOLE-AUTO:
mode
cp -q \loader\mode0.conf \loader\loader.conf
\EFI\chainload\chainload.efi -v
echo CONSOLE-MODE0:
mode
cp -q \loader\mode7.conf \loader\loader.conf
\EFI\chainload\chainload.efi -v
echo CONSOLE-MODE7:
mode
reset -s
NSH
"$ROOT/tools/mkesp.sh" --replace "$disk" "$d/startup-console.nsh:/startup.nsh" \
	"$d/loader-auto.conf:/loader/auto.conf" "$d/loader-mode0.conf:/loader/mode0.conf" \
	"$d/loader-mode7.conf:/loader/mode7.conf" >/dev/null
cat >"$d/keys-console" <<'KEYS'
wait boot menu
send q
wait CONSOLE-AUTO
wait boot menu
send q
wait CONSOLE-MODE0
wait boot menu
send q
KEYS
boot console --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-console" \
	--expect-exit 0
expect_boot_pass
# The shell's mode listing after each run: "Col 100 Row 31 *" and the like.
shell_mode() {
	log_text | sed -n "/CONSOLE-$1:/,/CONSOLE-/p" | grep -aE '^ *Col .*\*' | tr -s ' ' | sed 's/^ //'
}
expect_eq "console: auto: the shell's current mode" "$(shell_mode AUTO)" "Col 100 Row 31 *"
expect_eq "console: 0: the shell's current mode" "$(shell_mode MODE0)" "Col 80 Row 25 *"
expect_eq "console: 7: the shell's current mode" "$(shell_mode MODE7)" "Col 80 Row 25 *"
mode7_warning='\loader\loader.conf: console-mode: the firmware refused text mode 7 (EFI_UNSUPPORTED); keeping mode 0'
expect "console: 7: the warning line was printed" log_has -F -- "chainload: warning: $mode7_warning"
expect "console: 7: the warning stood under the menu as well" \
	[ "$(log_text | grep -aoF -- "$mode7_warning" | wc -l)" -ge 2 ]
write_menu_startup "$d/startup.nsh"

"$ROOT/tools/mkesp.sh" --replace "$disk" "$d/startup.nsh:/startup.nsh" \
	"$d/loader-30.conf:/loader/loader.conf" >/dev/null
cat >"$d/keys-firmware" <<'KEYS'
wait Boot in 2[0-9] s
send \033[F
wait > Reboot Into Firmware Interface
send \r
KEYS
boot firmware --disk "$disk" --vars-store "$vars" --timeout 150 --keys "$d/keys-firmware"
expect_eq "firmware: QEMU ended by the guest's reset (run marker)" \
	"$(paste -sd' ' "$(run_marker "$boot_log")")" "exit_status=0 stopped_by=none"
expect "firmware: no error line" bash -c "! grep -aq 'chainload: error' '$boot_log'"
expect "firmware: no kernel ran" bash -c "! grep -aq '^tk: ' '$boot_log'"

boot setup --disk "$disk" --vars-store "$vars" --timeout 90 --stop-on 'Boot Maintenance Manager'
expect "setup: the firmware's boot manager started its setup (UiApp)" \
	log_has -E '^BdsDxe: starting Boot[0-9A-F]{4} "UiApp"'
expect "setup: the firmware's own setup pages came up" log_has 'Boot Maintenance Manager'
expect "setup: the shell did not run startup.nsh" bash -c "! grep -aq 'boot menu' '$boot_log'"
finish
