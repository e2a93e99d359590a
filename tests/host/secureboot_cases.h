/* SPDX-License-Identifier: MIT */
/* How one Secure Boot variable read went, written short for case tables. */
#ifndef CHAINLOAD_TEST_SECUREBOOT_CASES_H
#define CHAINLOAD_TEST_SECUREBOOT_CASES_H

#include "secureboot.h"

#define FOUND(v)                                 \
	{                                        \
		SECUREBOOT_VAR_FOUND, (v), false \
	}
#define FOUND_NV(v)                             \
	{                                       \
		SECUREBOOT_VAR_FOUND, (v), true \
	}
#define MISSING                                  \
	{                                        \
		SECUREBOOT_VAR_MISSING, 0, false \
	}
#define ERROR                                  \
	{                                      \
		SECUREBOOT_VAR_ERROR, 0, false \
	}

#endif /* CHAINLOAD_TEST_SECUREBOOT_CASES_H */
