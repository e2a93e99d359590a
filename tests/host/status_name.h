/* SPDX-License-Identifier: MIT */
/*
 * The name of each enum cl_status, for the messages of host tests and
 * fuzzers.  Test support only: the EFI binary never prints these names.
 */
#ifndef CHAINLOAD_TEST_STATUS_NAME_H
#define CHAINLOAD_TEST_STATUS_NAME_H

#include "status.h"

/* "CL_E_USAGE" for CL_E_USAGE; "CL_E_UNKNOWN" outside the enum. */
const char *cl_status_name(int status);

#endif /* CHAINLOAD_TEST_STATUS_NAME_H */
