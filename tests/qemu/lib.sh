# shellcheck shell=bash
# Shared helpers of the QEMU scenarios (tests/qemu/*.sh); source it first.
# A scenario boots with `boot` (guest.bash: the ESP, QEMU and the verdict),
# states what it expects with `expect` and the expect_* helpers (each failed
# check prints why and is counted), and ends with `finish`, which prints a
# summary and sets the exit status.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=guest.bash
. "$ROOT/tests/qemu/guest.bash"
SCENARIO=$(basename "$0" .sh)
# Per-scenario scratch files and serial logs, kept for inspection.
SCRATCH=$ROOT/build/qemu/$SCENARIO
LOG_DIR=$ROOT/build/qemu/logs
# shellcheck disable=SC2034 # used by the scenarios
TESTKERN=$ROOT/build/test-images/testkern.bzimage
# shellcheck disable=SC2034
TESTKERN_FIXED=$ROOT/build/test-images/testkern-fixed.bzimage

checks=0
failed=0
boot_status=0
boot_log=

mkdir -p "$SCRATCH" "$LOG_DIR"

# Say what the scenario is doing, prefixed so it stands out in the serial noise.
say() {
	echo "== $SCENARIO: $*"
}

# Count a check and, when it failed, print why.
record() {
	local ok=$1
	shift
	checks=$((checks + 1))
	if [ "$ok" -eq 0 ]; then
		say "ok: $*"
	else
		failed=$((failed + 1))
		say "FAILED: $*"
	fi
}

# One check: expect WHAT COMMAND [ARG...] passes iff COMMAND succeeds;
# expect WHAT ! COMMAND [ARG...] passes iff it fails.
expect() {
	local what=$1 ok=0 negate=0
	shift
	if [ "$1" = '!' ]; then
		negate=1
		shift
	fi
	"$@" || ok=1
	[ "$negate" -eq 0 ] || ok=$((1 - ok))
	record $ok "$what"
}

# Stop at once when the scenario cannot run at all (missing input).
abort() {
	say "FAIL: $*"
	exit 1
}

# Build what the scenarios boot, unless the caller (run-all.sh, make
# test-qemu) already did.
ensure_built() {
	[ "${CHAINLOAD_NO_BUILD:-0}" = 1 ] && return 0
	make -C "$ROOT" -s build/chainload.efi build/chainload-ia32.efi test-images
}

# A required input file, with a hint on how to produce it.
require_file() {
	[ -f "$1" ] || abort "$1 is missing ($2)"
}

# N random bytes into FILE.
random_file() {
	head -c "$2" /dev/urandom >"$1"
}

# Boot once: boot NAME [options of guest.bash, see run-ovmf.sh -h]. Never
# fails; sets boot_status (0: the verdict is pass) and boot_log. Every boot
# is a check of its own: QEMU must really have run (its run marker), so
# that no check below can read a log an earlier run left.
boot() {
	local name=$1 log
	shift
	boot_log=$LOG_DIR/$SCENARIO-$name.log
	for log in "$boot_log" "${boot_log%.log}.register.log"; do
		rm -f "$log" "$(run_marker "$log")"
	done
	say "boot $name: $*"
	set +e
	(
		set -e
		# CHAINLOAD_EFI: boot another loader binary (e.g. a clang build).
		guest_boot --log "$boot_log" ${CHAINLOAD_EFI:+--efi "$CHAINLOAD_EFI"} "$@"
	)
	boot_status=$?
	set -e
	expect "boot $name: QEMU ran (run marker: $(paste -sd' ' "$(run_marker "$boot_log")" 2>/dev/null || echo none))" \
		[ -f "$(run_marker "$boot_log")" ]
}

# The last boot's serial log without terminal escapes and carriage returns.
log_text() {
	clean_log "$boot_log"
}

# Some line of the last boot's log matches: log_has [GREP-OPTION...] PATTERN.
log_has() {
	log_text | grep -aq "$@"
}

# The boot's verdict (qemu_verdict) was pass.
expect_boot_pass() {
	expect "verdict pass (status $boot_status, log $boot_log)" [ "$boot_status" -eq 0 ]
}

# Some line of the log is exactly LINE.
expect_line() {
	expect "log has the line \"$1\"" log_has -xF -- "$1"
}

# The test kernel said PASS and none of its checks failed. Its protocol
# (test-images/checks.c): "tk: <name>: ok" or "tk: <name>: FAIL <detail>"
# per check, info lines "tk: <name>: <info>" between, then "tk: PASS|FAIL".
expect_tk_all_ok() {
	local tk oks bad
	tk=$(log_text | grep -ao 'tk: .*' || true)
	oks=$(grep -E '^tk: [^:]+: ok$' <<<"$tk" | cut -d: -f2 | tr -d ' ' | paste -sd, || true)
	expect "the test kernel ran its checks${oks:+ (ok: $oks)}" [ -n "$oks" ]
	bad=$(grep -E '^tk: ([^:]+: )?FAIL' <<<"$tk" | head -n3 | paste -sd'|' || true)
	expect "no tk: check failed${bad:+ (got: $bad)}" [ -z "$bad" ]
	expect "the test kernel printed tk: PASS" log_has -x 'tk: PASS'
	expect_tk_every_check_ok "$tk"
}

# The test kernel's checks NAME... ran and passed ("tk: NAME: ok").
expect_tk_ok() {
	local name
	for name in "$@"; do
		expect_line "tk: $name: ok"
	done
}

# The value of the guest's "GUEST: KEY=VALUE" line (first one), verbatim.
guest_value() {
	log_text | sed -n "s/^GUEST: $1=//p" | head -n1 || true
}

# ACTUAL equals EXPECTED exactly: expect_eq WHAT ACTUAL EXPECTED.
expect_eq() {
	if [ "$2" = "$3" ]; then
		record 0 "$1 is \"$3\""
	else
		record 1 "$1 is \"$3\" (got \"$2\")"
	fi
}

# Bytes of a bzImage's protected-mode payload: the file less its setup
# sectors (setup_sects at 0x1f1, 0 meaning 4), as chainload places it.
payload_bytes() {
	local sects
	sects=$(od -An -tu1 -j $((0x1f1)) -N1 "$1" | tr -d ' ')
	[ "$sects" -ne 0 ] || sects=4
	echo $(($(stat -c %s "$1") - (sects + 1) * 512))
}

# Pages the kernel's payload and the initrd image (the initrds as the
# kernel sees them) take, counted from the files: segment_pages KERNEL INITRD...
segment_pages() {
	local kernel=$1 joined=$SCRATCH/segment-pages-initrd.bin
	shift
	concat_initrds "$joined" "$@"
	echo $((($(payload_bytes "$kernel") + 4095) / 4096 + ($(stat -c %s "$joined") + 4095) / 4096))
}

# --force-copy took effect: chainload -v reports no page read in place and
# every page of the kernel's payload and of the initrds copied by the stub.
# expect_all_pages_copied KERNEL INITRD... after a boot with -v.
expect_all_pages_copied() {
	local pages
	pages=$(segment_pages "$@")
	expect "no page read in place, all $pages copied by the stub (-v)" \
		log_has -E "^  pages: 0 read in place, $pages copied by the stub "
}

# The stub's verify after copy passed and said so on COM1 (a boot with -v),
# with the digest KIND (default hash64, or SHA-256): expect_stub_verified
# WHAT [KIND].  The stub's timing line must follow it.
expect_stub_verified() {
	expect "$1" log_has -E "^chainload: verify: 2 segments, [0-9]+ bytes match their ${2:-hash64} at their final addresses\$"
	expect "the stub reported its times" log_has -E \
		"^chainload: stub: exit [0-9]+ us, copy [0-9]+ us, verify [0-9]+ us; [0-9]+ us from chainload's start to the kernel's entry\$"
}

# The shell's `memmap` summary lines for chainload's own memory types, from
# the part of the log after the line MEMMAP-<WHEN>.
loader_pages() {
	log_text | sed -n "/^MEMMAP-$1\$/,/^MEMMAP-\|reset/p" | tr -d '\000' |
		grep -aE '^ *Loader(Code|Data) *:' | tr -s ' '
}

# The startup.nsh line that begins a leak check: the memory map before the
# launches, into \before.txt.
nsh_memmap_begin() {
	printf '%s\n' 'memmap > \before.txt'
}

# startup.nsh lines that end a leak check begun with nsh_memmap_begin:
# take the map again and print both, marked for loader_pages.
nsh_memmap_report() {
	printf '%s\n' 'memmap > \after.txt' 'echo MEMMAP-BEFORE' 'type \before.txt' \
		'echo MEMMAP-AFTER' 'type \after.txt'
}

# startup.nsh lines that run each command of "$@" between the markers
# BAD-CASE-N and "BAD-CASE-N returned <lasterror>", N from 0.
nsh_cases() {
	local i=0 command
	for command in "$@"; do
		echo "echo BAD-CASE-$i"
		printf '%s\n' "$command"
		echo "echo BAD-CASE-$i returned %lasterror%"
		i=$((i + 1))
	done
}

# What chainload printed between the markers of case N (nsh_cases).
case_lines() {
	log_text | sed -n "/^BAD-CASE-$1\$/,/^BAD-CASE-$1 returned /p" | grep -a '^chainload: ' || true
}

# Case N (nsh_cases) printed exactly LINE, nothing else, and returned a
# non-success status to the shell: expect_case_error N LINE.
expect_case_error() {
	expect_eq "case $1's chainload output" "$(case_lines "$1")" "$2"
	expect "case $1 returned a non-success status to the shell" \
		log_has -E "^BAD-CASE-$1 returned 0x[0-9A-Fa-f]*[1-9A-Fa-f][0-9A-Fa-f]*$"
}

# The launches between `memmap` dumps MEMMAP-BEFORE and MEMMAP-AFTER left
# no loader pages behind: every allocation of theirs was freed.
expect_no_loader_leak() {
	local before after
	before=$(loader_pages BEFORE)
	after=$(loader_pages AFTER)
	expect "memmap summary found in the log" [ -n "$before" ]
	expect_eq "LoaderCode/LoaderData pages after the launches" "$after" "$before"
}

# Print the scenario's summary and exit non-zero if any check failed.
finish() {
	if [ "$failed" -eq 0 ] && [ "$checks" -gt 0 ]; then
		say "PASS ($checks checks)"
		exit 0
	fi
	say "FAIL ($failed of $checks checks failed)"
	exit 1
}

# The \startup.nsh of the boot-menu scenarios, into FILE: chainload -v with
# no KERNEL (so the boot menu), then say it returned and power off.
write_menu_startup() {
	write_crlf "$1" <<'NSH'
@echo -off
fs0:
\EFI\chainload\chainload.efi -v
echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%
reset -s
NSH
}

# The entry files in \loader\entries of DISK's ESP (as tools/mkesp.sh lays
# it out), sorted, on one line: what boot counting renamed.
esp_entries() {
	MTOOLS_SKIP_CHECK=1 mdir -b -i "$1@@1M" ::/loader/entries 2>/dev/null |
		sed 's|.*/||' | sort | paste -sd' '
}

# --- Debian's kernel, judged from inside (tests/guest) ---

# Every Debian boot below runs the numbered checks of tests/guest/checks in
# its initramfs (framebuffer, ACPI, EFI variables, RNG seed, CPUs, memory,
# memory map, Secure Boot, initrd placement, ...); each reads what to expect
# from chainload.expect_* words. Unnumbered files there are
# scenario-specific: their scenario passes them itself.
GUEST_CHECKS=("$ROOT"/tests/guest/checks/[0-9][0-9]-*.sh)

# Fetch Debian's kernel (cached) of a flavour (amd64, or 686: the i386
# kernel, which has only the 32-bit entry), and make a random initrd
# payload; sets DEBIAN_DIR (its cache), DEBIAN_KERNEL, DEBIAN_PAYLOAD and
# DEBIAN_PAYLOAD_SHA256.
#   debian_prepare_flavour amd64|686
debian_prepare_flavour() {
	local flavour=$1
	"$ROOT/tests/guest/fetch-debian-kernel.sh" "$flavour"
	DEBIAN_DIR=$ROOT/build/debian
	[ "$flavour" = amd64 ] || DEBIAN_DIR=$ROOT/build/debian-$flavour
	DEBIAN_KERNEL=$DEBIAN_DIR/vmlinuz
	require_file "$DEBIAN_KERNEL" "tests/guest/fetch-debian-kernel.sh"
	DEBIAN_PAYLOAD=$SCRATCH/payload.bin
	random_file "$DEBIAN_PAYLOAD" $((256 * 1024 + 7))
	DEBIAN_PAYLOAD_SHA256=$(sha256sum "$DEBIAN_PAYLOAD" | cut -d' ' -f1)
}

# The same for Debian's amd64 kernel, the one most scenarios boot.
debian_prepare() {
	debian_prepare_flavour amd64
}

# Boot Debian's kernel with the test initramfs and every guest check:
#   boot_debian_checked NAME "WORDS" [run-ovmf options ...]
# The command line is "console=ttyS0 panic=-1 chainload.test=SCENARIO-NAME"
# plus WORDS (chainload.expect_* words say what the machine is). Expects the
# guest's PASS, its command line and payload echoed back exactly.
boot_debian_checked() {
	local name=$1 words=$2
	shift 2
	local cmdline="console=ttyS0 panic=-1 chainload.test=$SCENARIO-$name${words:+ $words}"
	local initramfs=$SCRATCH/initramfs-$name.gz
	"$ROOT/tests/guest/make-initramfs.sh" --kernel-dir "$DEBIAN_DIR" "$initramfs" \
		"$DEBIAN_PAYLOAD" "$cmdline" "${GUEST_CHECKS[@]}"
	boot "$name" --timeout 300 --kernel "$DEBIAN_KERNEL" --initrd "$initramfs" \
		--cmdline "$cmdline" "$@"
	expect_debian_pass "$cmdline" "${GUEST_CHECKS[@]}"
}

# The last boot was a Debian guest's that passed with exactly CMDLINE and
# the payload, and ran every check it packed:
#   expect_debian_pass CMDLINE CHECK.sh...
expect_debian_pass() {
	local cmdline=$1
	shift
	expect_boot_pass
	expect_eq "guest cmdline" "$(guest_value cmdline)" "$cmdline"
	expect_eq "guest payload sha256" "$(guest_value payload_sha256)" "$DEBIAN_PAYLOAD_SHA256"
	expect_line "CHAINLOAD-VERDICT: PASS"
	expect_guest_checks_ran "$@"
}

# The framebuffer and RSDP the kernel received are the machine's, judged
# against facts chainload did not produce:
#   expect_handoff_matches_machine FB [RSDP_ENTRY]
# FB is the resolution QEMU's display was told to offer (WIDTHxHEIGHT; see
# FB_DEFAULT) or "none"; RSDP_ENTRY (acpi20, the default, or acpi10) names
# the EFI configuration table entry the guest itself read from the system
# table (GUEST: efi_systab_*, test kernel: "acpi_rsdp: EFI configuration
# table"). Debian guest lines GUEST: rsdp and fb_mode, or the test kernel's
# acpi_rsdp and screen_info lines, must be there.
expect_handoff_matches_machine() {
	local fb=$1 entry=${2:-acpi20} text got_rsdp want_rsdp got_mode key
	text=$(log_text)
	got_rsdp=$(guest_value rsdp)
	if [ -n "$got_rsdp" ]; then
		key=ACPI20
		[ "$entry" = acpi20 ] || key=ACPI
		want_rsdp=$(guest_value "efi_systab_$key")
		got_mode=$(guest_value fb_mode | cut -d' ' -f1)
		[ "$got_mode" = none ] || got_mode=$(cut -dx -f1-2 <<<"$got_mode")
	else
		got_rsdp=$(sed -n 's/^tk: acpi_rsdp: \(0x[0-9a-f]*\) revision .*/\1/p' <<<"$text" | head -n1)
		key='2\.0'
		[ "$entry" = acpi20 ] || key='1\.0'
		want_rsdp=$(sed -n "s/^tk: acpi_rsdp: EFI configuration table: .*ACPI $key \(0x[0-9a-f]*\).*/\1/p" \
			<<<"$text" | head -n1)
		got_mode=$(sed -n 's/^tk: screen_info: \([0-9]*x[0-9]*\) depth .*/\1/p' <<<"$text" | head -n1)
		! grep -q '^tk: screen_info: no EFI framebuffer' <<<"$text" || got_mode=none
	fi
	expect_eq "RSDP the kernel received" "${got_rsdp:-(no guest line)}" \
		"${want_rsdp:-(guest read no $entry entry)}"
	expect_eq "framebuffer mode in the kernel" "${got_mode:-(no guest line)}" "$fb"
}

# --- What the kernels are told about the machine ---

# The resolution QEMU's standard VGA offers in its EDID when not told
# xres/yres; OVMF sets that mode. A scenario that passes
# -device VGA,xres=W,yres=H expects WxH instead.
FB_DEFAULT=1280x800
# Where chainload must put the relocatable test kernel on OVMF: pref_address
# (16 MiB) lies in OVMF's decompressed DXE firmware volume, Boot Services
# data from 0x900000 to 0x1600000 while chainload plans, so the lowest
# free 2 MiB-aligned window at or above it (core/plan.h) starts at its end.
# shellcheck disable=SC2034 # used by the scenarios
TK_LOAD_RELOC=0x1600000
# The same on Debian's 32-bit OVMF (ovmf-ia32, the SMM build): its memory
# map (the shell's memmap) has ACPI NVS from 0x810000 to 0x1710000, so the
# first free 2 MiB-aligned window at or above 16 MiB starts at 24 MiB.
# shellcheck disable=SC2034
TK_LOAD_RELOC_IA32=0x1800000
# The test kernel words of run-ovmf's machine: its default display, no RNG
# device, Secure Boot off (the VARS template enrolls no keys).
# shellcheck disable=SC2034
TK_MACHINE="tk.fb=$FB_DEFAULT tk.expect_rng=0 tk.secure_boot=2"

# The relocatable test kernel's command line on run-ovmf's machine with one
# initrd, its tk.* words as run-ovmf.sh --tk-words makes them:
# tk_cmdline TEST-NAME INITRD
tk_cmdline() {
	local c="console=ttyS0 chainload.test=$1 tk.load=$TK_LOAD_RELOC $TK_MACHINE"
	c="$c tk.initrd_size=$(stat -c %s "$2") tk.initrd_crc32=$(crc32_hex <"$2")"
	printf '%s\n' "$c tk.cmdline_crc32=$(printf '%s' "$c" | crc32_hex)"
}

# --- Fixture drivers (test-images/efi/drivers/), loaded by startup.nsh ---

# The boot option value that puts fixture driver NAME on the ESP as
# \EFI\test\NAME.efi: boot ... --esp-file "$(driver_esp NAME)".
driver_esp() {
	echo "$ROOT/build/test-images/efi/drivers/$1.efi:/EFI/test/$1.efi"
}

# The startup.nsh line that loads fixture driver NAME (see driver_esp).
nsh_load_driver() {
	printf '%s\n' "load \\EFI\\test\\$1.efi"
}

# Boot the relocatable test kernel with one random initrd from a
# startup.nsh that loads fixture driver DRIVER, runs chainload (with
# LOADER-OPTIONS before its -i), says it returned and with what status, and
# powers off: boot_testkern_with_driver NAME DRIVER "LOADER-OPTIONS" [boot
# option...]. The command line is tk_cmdline's, for test $SCENARIO.
boot_testkern_with_driver() {
	local name=$1 driver=$2 opts=$3 initrd=$SCRATCH/initrd-$1.img nsh=$SCRATCH/startup-$1.nsh
	shift 3
	require_file "$TESTKERN" "make test-images"
	random_file "$initrd" $((64 * 1024 + 5))
	{
		printf '%s\n' '@echo -off' 'fs0:'
		nsh_load_driver "$driver"
		printf '%s\n' "\\EFI\\chainload\\chainload.efi ${opts:+$opts }-i \\boot\\initrd0.img \\boot\\vmlinuz $(tk_cmdline "$SCENARIO" "$initrd")" \
			'echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%' 'reset -s'
	} | write_crlf "$nsh"
	boot "$name" --timeout 180 --kernel "$TESTKERN" --initrd "$initrd" --startup "$nsh" \
		--esp-file "$(driver_esp "$driver")" "$@"
}

# Every guest check packed in the initramfs ran to its end (init.sh prints
# "GUEST: ran NAME" after each): expect_guest_checks_ran CHECK.sh...
expect_guest_checks_ran() {
	local f text
	text=$(log_text)
	for f in "$@"; do
		f=$(basename "$f")
		if grep -aqxF "GUEST: ran $f" <<<"$text"; then
			record 0 "guest check $f ran"
		else
			record 1 "guest check $f ran (no \"GUEST: ran $f\" line)"
		fi
	done
}

# Every check of the test kernel (test-images/README.md, in its order) said
# ok, none left out: expect_tk_every_check_ok "TK_LINES".
TK_CHECKS=(regs cpu boot_params load_address identity_map cmdline initrd e820 efi_info
	setup_data screen_info acpi_rsdp rng_seed secure_boot e820_types entry)
expect_tk_every_check_ok() {
	local name missing=()
	for name in "${TK_CHECKS[@]}"; do
		grep -qxF "tk: $name: ok" <<<"$1" || missing+=("$name")
	done
	record "$([ ${#missing[@]} -eq 0 ]; echo $?)" \
		"the test kernel said ok for all ${#TK_CHECKS[@]} checks${missing[*]:+ (not: ${missing[*]})}"
}
