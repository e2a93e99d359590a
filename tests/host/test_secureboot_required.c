/* SPDX-License-Identifier: MIT */
/*
 * When chainload must verify the kernel (efi/trust/kernel_trust.c): Secure Boot
 * enforced, or its state unreadable.  The decision fails closed, so every
 * doubtful case expects "required".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "secureboot.h"
#include "secureboot_cases.h"

static const struct {
	const char *what;
	struct secureboot_vars vars;
	bool required;
} cases[] = {
	{ "no Secure Boot support", { MISSING, MISSING, MISSING }, false },
	{ "SecureBoot 0", { FOUND(0), FOUND(0), MISSING }, false },
	{ "SecureBoot 0, SetupMode unreadable", { FOUND(0), ERROR, MISSING }, false },
	{ "setup mode", { FOUND(1), FOUND(1), MISSING }, false },
	{ "user mode", { FOUND(1), FOUND(0), MISSING }, true },
	{ "SecureBoot unreadable", { ERROR, FOUND(0), MISSING }, true },
	{ "SecureBoot unreadable, setup mode", { ERROR, FOUND(1), MISSING }, true },
	{ "SecureBoot 2 (not 0 or 1)", { FOUND(2), FOUND(0), MISSING }, true },
	{ "SetupMode missing", { FOUND(1), MISSING, MISSING }, true },
	{ "SetupMode unreadable", { FOUND(1), ERROR, MISSING }, true },
	{ "SetupMode 2 (not 0 or 1)", { FOUND(1), FOUND(2), MISSING }, true },
	/* shim's own Verify honours MokSBState; chainload never skips for it. */
	{ "shim insecure, volatile", { FOUND(1), FOUND(0), FOUND(1) }, true },
	{ "shim insecure, non-volatile", { FOUND(1), FOUND(0), FOUND_NV(1) }, true },
	{ "MokSBState unreadable", { FOUND(1), FOUND(0), ERROR }, true },
};

static void test_required(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = secureboot_verification_required(&cases[i].vars);

		if (got != cases[i].required)
			fail_msg("%s: required %d, expected %d", cases[i].what, got,
				 cases[i].required);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
