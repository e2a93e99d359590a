/* SPDX-License-Identifier: MIT */
/*
 * boot_params.acpi_rsdp_addr must point at a valid RSDP (ACPI 6.5, 5.2.5):
 * "RSD PTR ", the first 20 bytes sum to 0 (ACPI 1.0 part); from revision 2
 * on, `length` bytes sum to 0 too.  The table it points to (XSDT from
 * revision 2, else RSDT) must carry its signature, which shows the RSDP is
 * the live one and not a stale copy.
 *
 * And it must be the RSDP the firmware published: the ACPI 2.0 entry of the
 * EFI configuration table (efi.c reads it through efi_info), or the ACPI 1.0
 * entry when there is no 2.0 one or the scenario says tk.rsdp=acpi10.
 */
#include "check.h"

#define RSDP_V1_BYTES	  20
#define RSDP_V2_MIN_BYTES 36

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length; /* revision >= 2 from here on */
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct rsdp) == RSDP_V2_MIN_BYTES, "RSDP size");

static bool same(const volatile char *p, const char *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (p[i] != s[i])
			return false;
	return true;
}

static uint8_t sum(const volatile uint8_t *p, uint64_t n)
{
	uint8_t s = 0;
	uint64_t i;

	for (i = 0; i < n; i++)
		s += p[i];
	return s;
}

/* The RSDT or XSDT at @addr starts with @sig. */
static void check_table(struct check *c, const char *sig, uint64_t addr)
{
	if (!addr) {
		fail(c, "%s address 0", sig);
		return;
	}
	if (mapped(c, sig, addr, 4) && !same((const volatile char *)addr, sig, 4))
		fail(c, "no \"%s\" at 0x%lx", sig, addr);
}

/* Is tk.rsdp=acpi10 given (the 1.0 entry expected)? */
static bool want_acpi10(struct check *c)
{
	const char *val;
	uint64_t len;

	if (!word("tk.rsdp=", &val, &len))
		return false;
	if (len == 6 && same(val, "acpi10", 6))
		return true;
	if (!(len == 6 && same(val, "acpi20", 6)))
		fail(c, "tk.rsdp is neither acpi20 nor acpi10");
	return false;
}

/* acpi_rsdp_addr equals the configuration table's entry. */
static void check_published(struct check *c, uint64_t addr)
{
	uint64_t acpi20, acpi10, want;
	bool v1 = want_acpi10(c);

	if (!efi_config_table(c, &EFI_ACPI_20_GUID, &acpi20) ||
	    !efi_config_table(c, &EFI_ACPI_10_GUID, &acpi10))
		return;
	tk_printf("tk: acpi_rsdp: EFI configuration table: ACPI 2.0 0x%lx, ACPI 1.0 0x%lx\n",
		  acpi20, acpi10);
	want = v1 || !acpi20 ? acpi10 : acpi20;
	if (!want)
		fail(c, "the EFI configuration table has no ACPI%s entry", v1 ? " 1.0" : "");
	else if (addr != want)
		fail(c, "acpi_rsdp_addr 0x%lx, the configuration table's ACPI %s entry is 0x%lx",
		     addr, want == acpi20 ? "2.0" : "1.0", want);
}

void check_acpi_rsdp(struct check *c)
{
	const volatile struct rsdp *r;
	uint64_t addr;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	addr = tk.bp->acpi_rsdp_addr;
	check_published(c, addr);
	if (!addr) {
		fail(c, "acpi_rsdp_addr=0");
		return;
	}
	if (!mapped(c, "RSDP", addr, RSDP_V1_BYTES))
		return;
	r = (const volatile struct rsdp *)addr;
	tk_printf("tk: acpi_rsdp: 0x%lx revision %u oem \"%c%c%c%c%c%c\"\n", addr, r->revision,
		  r->oem_id[0], r->oem_id[1], r->oem_id[2], r->oem_id[3], r->oem_id[4],
		  r->oem_id[5]);
	if (!same(r->signature, "RSD PTR ", 8)) {
		fail(c, "no \"RSD PTR \" signature");
		return;
	}
	if (sum((const volatile uint8_t *)addr, RSDP_V1_BYTES))
		fail(c, "checksum of the first %u bytes is not 0", RSDP_V1_BYTES);
	if (r->revision < 2) {
		check_table(c, "RSDT", r->rsdt);
		return;
	}
	if (!mapped(c, "RSDP", addr, RSDP_V2_MIN_BYTES))
		return;
	if (r->length < RSDP_V2_MIN_BYTES || r->length > 4096) {
		fail(c, "length %u", r->length);
		return;
	}
	if (!mapped(c, "RSDP", addr, r->length))
		return;
	if (sum((const volatile uint8_t *)addr, r->length))
		fail(c, "extended checksum of %u bytes is not 0", r->length);
	check_table(c, "XSDT", r->xsdt);
}
