# shellcheck shell=bash
# The QEMU runner and its verdict, for guest.bash (run-ovmf.sh and the QEMU
# scenarios). Not a scenario itself, hence not *.sh.
#
# qemu_run IMAGE VARS  boots a disk image in OVMF with the serial console in
#                      a log, ends the UEFI shell's countdown, stops QEMU when
#                      the firmware reports a CPU exception (OVMF then halts
#                      forever) or a --stop-on line appears, and once QEMU has
#                      exited writes the run marker: what QEMU did
# qemu_verdict LOG N   judges a run from its marker and its log
# clean_log LOG        the log without terminal escapes and carriage returns
#
# qemu_run reads these globals (guest.bash sets them from its options):
#   machine memory smp cpu use_kvm ovmf_code qemu_extra   the machine
#   timeout_s   kill QEMU after this many seconds
#   log         the serial log (emptied first)
#   stop_on     stop QEMU once a log line matches this extended regex ('' = never)
#   key_script  a script of keys to type on the serial line ('' = none; type_keys)
#   work        a scratch directory

# One QEMU at a time per machine, whoever starts it.
QEMU_LOCK=/tmp/chainload-qemu.lock

# The serial log FILE without terminal escapes and carriage returns; nothing
# when there is no log. Always succeeds: a reader that stops early (grep -q)
# must not turn the pipeline into a failure under pipefail.
clean_log() {
	[ -f "$1" ] || return 0
	sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$1" || true
}

# The run marker of LOG. qemu_run writes it after QEMU exited, and only if
# QEMU was started: "exit_status=N" (QEMU's, or timeout's 124/137) and
# "stopped_by=none|cpu-exception|stub-halted|stop-on" (whether qemu_run stopped QEMU).
run_marker() {
	printf '%s\n' "$1.run"
}

# The value of KEY in the run marker of LOG; nothing without a marker.
run_marker_value() {
	sed -n "s/^$2=//p" "$(run_marker "$1")" 2>/dev/null | head -n1 || true
}

# The QEMU command line for IMAGE and the VARS copy, into the array qemu_cmd.
qemu_command() {
	local img=$1 vars=$2
	qemu_cmd=(qemu-system-x86_64 -machine "$machine" -m "$memory" -smp "$smp")
	# shellcheck disable=SC2154 # guest.bash's parse_args sets it (see above)
	if [ "$use_kvm" -eq 1 ]; then
		qemu_cmd+=(-accel kvm -cpu "${cpu:-host}")
	else
		qemu_cmd+=(-accel tcg)
		[ -z "$cpu" ] || qemu_cmd+=(-cpu "$cpu")
	fi
	qemu_cmd+=(
		-drive "if=pflash,format=raw,unit=0,readonly=on,file=$ovmf_code"
		-drive "if=pflash,format=raw,unit=1,file=$vars"
		-drive "if=virtio,format=raw,file=$img"
		# No NIC: OVMF would try PXE before falling back to the shell.
		-nic none
		-display none -monitor none -no-reboot
		-chardev 'stdio,id=com1,signal=off' -serial chardev:com1
		-device 'isa-debug-exit,iobase=0xf4,iosize=0x04'
		-pidfile "$work/qemu.pid"
	)
	qemu_cmd+=("${qemu_extra[@]}")
}

# End the shell's 5 s startup.nsh countdown: send a key on the serial line
# as soon as its prompt appears in the log.
skip_countdown() {
	local key_fd=$1
	until grep -aq 'seconds to skip' "$log" 2>/dev/null; do
		sleep 0.2
	done
	printf '\r' >&"$key_fd"
}

# Type on the serial line as the script FILE says (guest.bash's --keys):
# type_keys FD FILE. "wait ERE" waits until the log holds a line matching
# ERE, counting only what arrived since the previous step; "send TEXT" types
# TEXT through printf (so \033[B is the down arrow, \r Enter); "hold TEXT
# ERE" types TEXT (one word) every 50 ms until ERE shows, as a key held
# down repeats; "sleep S" pauses. Every step is echoed to stderr.
type_keys() {
	local key_fd=$1 file=$2 verb arg seen=0
	while read -r verb arg; do
		case $verb in
		'' | '#'*) continue ;;
		wait)
			until tail -c +$((seen + 1)) "$log" 2>/dev/null |
				sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' | grep -aqE -- "$arg"; do
				sleep 0.2
			done
			seen=$(stat -c %s "$log")
			;;
		send)
			# shellcheck disable=SC2059 # the script's TEXT is a printf format
			printf "$arg" >&"$key_fd"
			;;
		hold)
			# A key held down: TEXT again every 50 ms until ERE shows.
			until tail -c +$((seen + 1)) "$log" 2>/dev/null |
				sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' | grep -aqE -- "${arg#* }"; do
				# shellcheck disable=SC2059 # as for send
				printf "${arg%% *}" >&"$key_fd"
				sleep 0.05
			done
			seen=$(stat -c %s "$log")
			;;
		sleep) sleep "$arg" ;;
		*) echo "boot: --keys: unknown step: $verb $arg" >&2 ;;
		esac
		echo "boot: keys: $verb $arg" >&2
	done <"$file"
}

# Stop QEMU once a log line matches the extended regex RE, and say why in
# $work/stopped (REASON, for the run marker): stop_when RE REASON MESSAGE.
stop_when() {
	local re=$1 reason=$2 message=$3
	until grep -aqE "$re" "$log" 2>/dev/null; do
		sleep 0.5
	done
	sleep 1 # let the rest of the report (a register dump, say) arrive
	echo "boot: $message, stopping QEMU" >&2
	echo "$reason" >"$work/stopped"
	[ -s "$work/qemu.pid" ] && kill "$(cat "$work/qemu.pid")" 2>/dev/null
}

# Boot IMAGE with VARS under the lock and the timeout; sets qemu_status and
# writes the run marker (see run_marker).
qemu_run() {
	local keys=$work/serial-in key_fd watchers=() marker stopped
	marker=$(run_marker "$log")
	rm -f "$keys" "$work/qemu.pid" "$work/stopped" "$work/started" "$marker"
	mkdir -p "$(dirname "$log")"
	: >"$log"
	qemu_command "$@"
	mkfifo "$keys"
	# Read+write open: never blocks, and QEMU's stdin never sees EOF.
	exec {key_fd}<>"$keys"
	skip_countdown "$key_fd" &
	watchers+=($!)
	if [ -n "${key_script:-}" ]; then
		type_keys "$key_fd" "$key_script" &
		watchers+=($!)
	fi
	stop_when '^!!!! (X64|IA32) Exception' cpu-exception "firmware reported a CPU exception" &
	watchers+=($!)
	# The stub halts for good when a segment fails its verify: no use waiting.
	stop_when '^chainload: verify: halted' stub-halted "the stub halted after a failed verify" &
	watchers+=($!)
	if [ -n "$stop_on" ]; then
		stop_when "$stop_on" stop-on "a line matched --stop-on '$stop_on'" &
		watchers+=($!)
	fi
	flock -n "$QEMU_LOCK" true || echo "boot: waiting for $QEMU_LOCK (another QEMU run)" >&2
	# shellcheck disable=SC2154 # guest.bash's parse_args sets timeout_s
	echo "boot: booting ($machine, ${memory} MiB, timeout ${timeout_s}s), log $log" >&2
	# $work/started: the QEMU command was really run (not just the lock waited for).
	set +e
	# shellcheck disable=SC2016 # $0 and $@ are the inner shell's
	flock -w 3600 "$QEMU_LOCK" timeout --foreground -k 5 "$timeout_s" \
		bash -c ': >"$0" && exec "$@"' "$work/started" "${qemu_cmd[@]}" <"$keys" | tee -a "$log"
	qemu_status=${PIPESTATUS[0]}
	set -e
	kill "${watchers[@]}" 2>/dev/null || true
	wait "${watchers[@]}" 2>/dev/null || true
	exec {key_fd}>&-
	echo
	if [ ! -e "$work/started" ]; then
		echo "boot: QEMU was not started (status $qemu_status)" >&2
		return 0
	fi
	stopped=$(cat "$work/stopped" 2>/dev/null || echo none)
	printf 'exit_status=%s\nstopped_by=%s\n' "$qemu_status" "$stopped" >"$marker"
}

# Why the run of LOG failed, as best its marker and log tell, on one line:
# failure_reason LOG TEXT (TEXT: the cleaned log).
failure_reason() {
	local log=$1 text=$2 status stopped line
	status=$(run_marker_value "$log" exit_status)
	stopped=$(run_marker_value "$log" stopped_by)
	if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		echo -n "timed out; "
	fi
	line=$(sed -nE 's/^!!!! (X64|IA32) Exception Type - (.*\)) .*/\2/p' <<<"$text" | head -n1)
	[ -z "$line" ] || echo -n "firmware caught CPU exception $line; "
	line=$(grep -m1 -a 'chainload: error:' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	line=$(grep -m1 -a '^CHAINLOAD-RUN:' <<<"$text" || true)
	[ -z "$line" ] || echo -n "${line#CHAINLOAD-RUN: }; "
	line=$(grep -m1 -a '^CHAINLOAD-VERDICT: FAIL' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	line=$(grep -m1 -a '^tk: .*FAIL' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	case $stopped in
	cpu-exception) echo -n "QEMU stopped after the CPU exception"; return ;;
	stub-halted) echo -n "QEMU stopped: the stub halted"; return ;;
	stop-on) echo -n "QEMU stopped at the --stop-on line"; return ;;
	esac
	case $status in
	0) echo -n "guest powered off or reset" ;;
	124 | 137 | 143) echo -n "no verdict" ;;
	*) echo -n "unexpected QEMU exit status" ;;
	esac
}

# Judge the run of LOG and print one line: qemu_verdict LOG EXPECT_EXIT.
# Pass iff QEMU ran (its run marker exists), ran to its own end (not
# stopped by qemu_run), the firmware caught no CPU exception, and QEMU's
# exit status equals EXPECT_EXIT, or is 0 (guest powered off) with a line
# "CHAINLOAD-VERDICT: PASS" and none "CHAINLOAD-VERDICT: FAIL".
qemu_verdict() {
	local log=$1 expect=$2 text status stopped
	if [ ! -f "$(run_marker "$log")" ]; then
		echo "boot: FAIL: QEMU did not run (no run marker $(run_marker "$log"))"
		return 1
	fi
	status=$(run_marker_value "$log" exit_status)
	stopped=$(run_marker_value "$log" stopped_by)
	text=$(clean_log "$log")
	if [ "$stopped" = none ] && ! grep -aqE "^!!!! (X64|IA32) Exception" <<<"$text"; then
		if [ "$status" -eq "$expect" ]; then
			echo "boot: PASS: QEMU exit status $status (expected $expect); log $log"
			return 0
		fi
		if [ "$status" -eq 0 ] && grep -aqx 'CHAINLOAD-VERDICT: PASS' <<<"$text" &&
			! grep -aq '^CHAINLOAD-VERDICT: FAIL' <<<"$text"; then
			echo "boot: PASS: guest printed CHAINLOAD-VERDICT: PASS and powered off; log $log"
			return 0
		fi
	fi
	echo "boot: FAIL: QEMU exit status $status (expected $expect" \
		"or a CHAINLOAD-VERDICT: PASS line): $(failure_reason "$log" "$text"); log $log"
	return 1
}
