/* SPDX-License-Identifier: MIT */
/*
 * The choice of entry point (core/entry.c): every --entry against a kernel
 * with both entries and one with only startup_32, as Debian's amd64 and
 * 686 kernels are, on 64-bit and on 32-bit firmware.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootparam.h"
#include "entry.h"
#include "status_name.h"

static void test_choices(void **state)
{
	static const struct {
		enum entry_kind asked;
		uint16_t xloadflags;
		unsigned firmware_bits;
		int rc;
		enum entry_kind kind;
		const char *why;
	} cases[] = {
		{ ENTRY_AUTO, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G, 64, CL_OK, ENTRY_64,
		  "the default" },
		{ ENTRY_AUTO, XLF_EFI_HANDOVER_32, 64, CL_OK, ENTRY_32,
		  "the kernel has no 64-bit entry: XLF_KERNEL_64 not set" },
		{ ENTRY_AUTO, 0, 64, CL_OK, ENTRY_32,
		  "the kernel has no 64-bit entry: XLF_KERNEL_64 not set" },
		{ ENTRY_32, XLF_KERNEL_64, 64, CL_OK, ENTRY_32, "--entry=32" },
		{ ENTRY_32, 0, 64, CL_OK, ENTRY_32, "--entry=32" },
		{ ENTRY_64, XLF_KERNEL_64, 64, CL_OK, ENTRY_64, "--entry=64" },
		{ ENTRY_64, XLF_EFI_HANDOVER_32, 64, CL_E_KERNEL_NO_64BIT, 0,
		  "--entry=64: the kernel has no 64-bit entry point (XLF_KERNEL_64 not set)" },
		/* chainload-ia32.efi: startup_32 for every kernel. */
		{ ENTRY_AUTO, XLF_KERNEL_64 | XLF_EFI_HANDOVER_64, 32, CL_OK, ENTRY_32,
		  "32-bit firmware: the stub runs without long mode" },
		{ ENTRY_AUTO, XLF_EFI_HANDOVER_32, 32, CL_OK, ENTRY_32,
		  "32-bit firmware: the stub runs without long mode" },
		{ ENTRY_32, XLF_KERNEL_64, 32, CL_OK, ENTRY_32, "--entry=32" },
		{ ENTRY_64, XLF_KERNEL_64, 32, CL_E_USAGE, 0,
		  "--entry=64: on 32-bit firmware every kernel is entered at startup_32" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bzimage_info bz = { .xloadflags = cases[i].xloadflags };
		struct entry_choice c = { ENTRY_AUTO, NULL };
		struct diag d = { 0 };
		int rc = entry_choose(cases[i].asked, &bz, cases[i].firmware_bits, &c, &d);

		if (rc != cases[i].rc)
			fail_msg("case %zu: got %s, expected %s", i, cl_status_name(rc),
				 cl_status_name(cases[i].rc));
		if (rc) {
			assert_string_equal(d.msg, cases[i].why);
			continue;
		}
		assert_int_equal(c.kind, cases[i].kind);
		assert_string_equal(c.why, cases[i].why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choices),
	};

	return cmocka_run_group_tests_name("entry", tests, NULL, NULL);
}
