#!/bin/bash
# The benchmark's report, from what tools/bench.sh left in DIR: a markdown
# table of the median, min and max seconds per configuration and initrd
# size, with the growth from the first size to the last (median - median),
# printed and written to DIR/results.md; the medians as grouped bars with
# min-max error bars, drawn by gnuplot into DIR/bench.png and DIR/bench.svg.
#
# Usage: tools/bench/report.sh DIR "CONFIG..." "SIZE_MIB..."
#   Reads DIR/times.csv (round,config,size_mib,seconds), DIR/boots.csv
#   (round,config,size_mib,wall_s,check_s,waited), and if present DIR/meta.md
#   (the campaign, one paragraph) and DIR/phases.txt (chainload's -v lines).
set -euo pipefail

die() {
	echo "bench-report: error: $*" >&2
	exit 1
}

# "median min max n" of column COL of CSV for one configuration and size.
stats() {
	local csv=$1 col=$2 name=$3 size=$4
	awk -F, -v n="$name" -v m="$size" -v c="$col" 'NR > 1 && $2 == n && $3 == m { print $c }' "$csv" |
		sort -g | awk '{ v[NR] = $1 }
		END {
			if (NR == 0) { print "- - - 0"; exit }
			med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.2f %.2f %.2f %d\n", med, v[1], v[NR], NR
		}'
}

# The median of column COL over the boots of one size that did not wait
# for another QEMU.
size_median() {
	local csv=$1 col=$2 size=$3
	awk -F, -v m="$size" -v c="$col" 'NR > 1 && $3 == m && $6 != 1 { print $c }' "$csv" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The markdown table; also the gnuplot data (one row per configuration:
# name, then median min max per size) into DIR/plot.dat.
table() {
	local name size first last med lo hi row dat head rule
	first=${sizes[0]} last=${sizes[-1]}
	head='| configuration |' rule='|---|'
	for size in "${sizes[@]}"; do
		head+=" $size MiB median | min | max |" rule+='---:|---:|---:|'
	done
	[ "${#sizes[@]}" -lt 2 ] || head+=" growth $first→$last MiB |" rule+='---:|'
	printf '%s\n%s\n' "$head" "$rule"
	: >"$dir/plot.dat"
	for name in "${configs[@]}"; do
		row="| $name |" dat=$name
		for size in "${sizes[@]}"; do
			read -r med lo hi _ < <(stats "$dir/times.csv" 4 "$name" "$size")
			row+=" $med | $lo | $hi |" dat+=" $med $lo $hi"
		done
		if [ "${#sizes[@]}" -ge 2 ]; then
			row+=" $(awk -v a="$(stats "$dir/times.csv" 4 "$name" "$first" | cut -d' ' -f1)" \
				-v b="$(stats "$dir/times.csv" 4 "$name" "$last" | cut -d' ' -f1)" \
				'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%+.2f", b - a }') |"
		fi
		echo "$row"
		echo "$dat" >>"$dir/plot.dat"
	done
}

report() {
	local size rounds
	rounds=$(awk -F, 'NR > 1 { print $1 }' "$dir/times.csv" | sort -u | wc -l)
	echo "## Boot time: UEFI shell to \"Linux version\""
	echo
	[ ! -f "$dir/meta.md" ] || { cat "$dir/meta.md"; echo; }
	echo "Seconds from the UEFI shell's echo of a marker just before the boot command"
	echo "to the kernel's \"Linux version\" line on the serial console (host clock,"
	echo "as the lines arrive); median, min and max of $rounds round(s)."
	echo
	table
	echo
	echo "Each boot in wall time (ESP image, QEMU, firmware, loader, kernel, the guest's check,"
	echo "power-off), median over the boots that did not wait for another QEMU:"
	for size in "${sizes[@]}"; do
		echo "- $size MiB: $(size_median "$dir/boots.csv" 4 "$size") s, of which the guest's SHA-256" \
			"check of the payload (after \"Linux version\", guest clock) $(size_median "$dir/boots.csv" 5 "$size") s"
	done
	if [ -s "$dir/phases.txt" ]; then
		echo
		echo "chainload's own lines (-v), from one untimed default boot of each size after the rounds:"
		echo
		echo '```'
		cat "$dir/phases.txt"
		echo '```'
	fi
}

# Grouped bars of the medians, one group per configuration and one bar per
# size, error bars from min to max.
plot() {
	local i=0 size xtic=':xtic(1)' plots=()
	for size in "${sizes[@]}"; do
		plots+=("'$dir/plot.dat' using $((2 + 3 * i)):$((3 + 3 * i)):$((4 + 3 * i))$xtic title '$size MiB initrd'")
		i=$((i + 1)) xtic=''
	done
	gnuplot <<EOF
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set key top left
set xtics rotate by -25 nomirror
set ylabel "seconds, shell to 'Linux version' (median; bars: min to max)"
set title "chainload benchmark: Debian's kernel under QEMU TCG"
set terminal pngcairo size 1100,600 noenhanced font "sans,10"
set output '$dir/bench.png'
plot $(IFS=,; echo "${plots[*]}")
set terminal svg size 1100,600 noenhanced font "sans,10"
set output '$dir/bench.svg'
replot
EOF
}

main() {
	[ $# -eq 3 ] || die "usage: $0 DIR \"CONFIG...\" \"SIZE_MIB...\""
	dir=$1
	read -ra configs <<<"$2"
	read -ra sizes <<<"$3"
	[ -s "$dir/times.csv" ] || die "$dir/times.csv: nothing to report"
	command -v gnuplot >/dev/null || die "gnuplot missing (apt-get install gnuplot-nox)"
	report | tee "$dir/results.md"
	plot
	echo
	echo "bench: wrote $dir/results.md, $dir/times.csv, $dir/bench.png, $dir/bench.svg"
}

main "$@"
