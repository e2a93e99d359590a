/* SPDX-License-Identifier: MIT */
/* boot_params.secure_boot from SecureBoot, SetupMode and MokSBState. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "secureboot.h"
#include "secureboot_cases.h"

static const struct {
	const char *what;
	struct secureboot_vars vars;
	uint8_t mode;
} cases[] = {
	{ "no Secure Boot support", { MISSING, MISSING, MISSING }, SECURE_BOOT_DISABLED },
	{ "SecureBoot unreadable", { ERROR, FOUND(0), MISSING }, SECURE_BOOT_UNKNOWN },
	{ "SecureBoot 0", { FOUND(0), FOUND(0), MISSING }, SECURE_BOOT_DISABLED },
	{ "setup mode", { FOUND(1), FOUND(1), MISSING }, SECURE_BOOT_DISABLED },
	{ "user mode", { FOUND(1), FOUND(0), MISSING }, SECURE_BOOT_ENABLED },
	{ "SetupMode missing", { FOUND(1), MISSING, MISSING }, SECURE_BOOT_ENABLED },
	{ "SetupMode unreadable", { FOUND(1), ERROR, MISSING }, SECURE_BOOT_ENABLED },
	{ "shim insecure, volatile", { FOUND(1), FOUND(0), FOUND(1) }, SECURE_BOOT_DISABLED },
	{ "shim insecure, non-volatile", { FOUND(1), FOUND(0), FOUND_NV(1) }, SECURE_BOOT_ENABLED },
	{ "shim secure", { FOUND(1), FOUND(0), FOUND(0) }, SECURE_BOOT_ENABLED },
	{ "MokSBState unreadable", { FOUND(1), FOUND(0), ERROR }, SECURE_BOOT_ENABLED },
	{ "shim insecure, Secure Boot off",
	  { FOUND(0), FOUND(0), FOUND(1) },
	  SECURE_BOOT_DISABLED },
};

static void test_modes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t got = secureboot_mode(&cases[i].vars);

		if (got != cases[i].mode)
			fail_msg("%s: %s, expected %s", cases[i].what, secureboot_mode_name(got),
				 secureboot_mode_name(cases[i].mode));
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(secureboot_mode_name(SECURE_BOOT_UNSET), "unset");
	assert_string_equal(secureboot_mode_name(SECURE_BOOT_UNKNOWN), "unknown");
	assert_string_equal(secureboot_mode_name(SECURE_BOOT_DISABLED), "disabled");
	assert_string_equal(secureboot_mode_name(SECURE_BOOT_ENABLED), "enabled");
	assert_string_equal(secureboot_mode_name(4), "invalid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
