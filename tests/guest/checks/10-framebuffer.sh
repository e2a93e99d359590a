# shellcheck shell=dash
# Sourced by /init (see tests/guest/init.sh for fail, expected, boot_param).
# efifb must have taken over the framebuffer chainload described in
# screen_info (VIDEO_TYPE_EFI), in the mode the machine was given, and a
# pixel written through /dev/fb0 must read back: the mode is real, not just
# plausible numbers.
# chainload.expect_fb=WIDTHxHEIGHT: the resolution QEMU's display offers
# (its EDID, which OVMF follows); chainload.expect_fb=none: no display, so
# there must be no framebuffer. One of the two is required.

check_framebuffer() {
	local sys=/sys/class/graphics/fb0 want size bpp stride w h off pixel got
	want=$(expected fb)
	if [ -z "$want" ]; then
		fail "no chainload.expect_fb word: the scenario must say which display the machine has"
		return
	fi
	if [ "$want" = none ]; then
		echo "GUEST: fb_mode=none"
		! grep -q 'EFI VGA' /proc/fb 2>/dev/null || fail "an EFI framebuffer without a display"
		return
	fi
	if ! grep -q 'EFI VGA' /proc/fb 2>/dev/null; then
		fail "no EFI VGA framebuffer in /proc/fb (screen_info type $(boot_param 0x0f 1))"
		return
	fi
	size=$(cat $sys/virtual_size) bpp=$(cat $sys/bits_per_pixel) stride=$(cat $sys/stride)
	w=${size%,*} h=${size#*,}
	echo "GUEST: fb_mode=${w}x${h}x${bpp} stride=$stride"
	[ "${w}x${h}" = "$want" ] || fail "framebuffer ${w}x${h}, the display offers $want"
	[ -e /dev/fb0 ] || mount -t devtmpfs devtmpfs /dev
	[ -c /dev/fb0 ] || { fail "efifb registered but there is no /dev/fb0"; return; }
	# The last pixel: far from the console cursor, which fbcon redraws.
	off=$(((h - 1) * stride + (w - 1) * bpp / 8))
	pixel='5a c3 3c 00'
	printf '\132\303\074\000' | dd of=/dev/fb0 bs=1 seek="$off" count=4 conv=notrunc 2>/dev/null
	got=$(dd if=/dev/fb0 bs=1 skip="$off" count=4 2>/dev/null | od -An -tx1 | tr -s ' ' | sed 's/^ //')
	echo "GUEST: fb_pixel=wrote $pixel at byte $off, read $got"
	[ "$got" = "$pixel" ] || fail "framebuffer pixel at byte $off reads back \"$got\", not \"$pixel\""
}

check_framebuffer
