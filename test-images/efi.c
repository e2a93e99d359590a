/* SPDX-License-Identifier: MIT */
/*
 * The firmware's own tables, found through efi_info: the EFI system table
 * (its configuration table names the ACPI RSDP the firmware published) and
 * the EFI memory map (what every e820 entry must have been made from).  They
 * are the independent side the loader's other fields are judged against.
 * After ExitBootServices both stay readable: the system table lives in
 * runtime memory and the loader keeps the map it passes.
 *
 * Layouts are the UEFI 2.10 ones (4.3 EFI_SYSTEM_TABLE, 4.6
 * EFI_CONFIGURATION_TABLE, 7.2 EFI_MEMORY_DESCRIPTOR): for x86-64, or,
 * when the loader signed efi_info "EL32" (32-bit firmware), for IA32, whose
 * pointers and UINTN are 4 bytes (check_efi_info judges that signature).
 */
#include "check.h"

#define SYSTAB_SIGNATURE  0x5453595320494249ull /* "IBI SYST" */
#define CONFIG_TABLES_MAX 256			/* more is a broken pointer, not a firmware */

/* The system table after its 24-byte header: ten pointers, then UINTN
 * NumberOfTableEntries and the EFI_CONFIGURATION_TABLE pointer. */
struct systab_layout {
	uint64_t word;	    /* bytes of a pointer or UINTN */
	uint64_t nr_tables; /* offset of NumberOfTableEntries */
	uint64_t tables;    /* offset of ConfigurationTable */
	uint64_t bytes;	    /* through ConfigurationTable */
	uint64_t entry;	    /* bytes of one EFI_CONFIGURATION_TABLE: GUID, pointer */
};
static const struct systab_layout systab_64 = { 8, 104, 112, 120, 24 };
static const struct systab_layout systab_32 = { 4, 64, 68, 72, 20 };
#define DESC_TYPE      0
#define DESC_START     8
#define DESC_PAGES     24
#define DESC_MIN_BYTES 40
#define EFI_PAGE       4096ull

/* UEFI memory types (7.2, EFI_MEMORY_TYPE). */
enum {
	EFI_RESERVED,
	EFI_LOADER_CODE,
	EFI_LOADER_DATA,
	EFI_BS_CODE,
	EFI_BS_DATA,
	EFI_RT_CODE,
	EFI_RT_DATA,
	EFI_CONVENTIONAL,
	EFI_UNUSABLE,
	EFI_ACPI_RECLAIM,
	EFI_ACPI_NVS,
	EFI_MMIO,
	EFI_MMIO_PORT,
	EFI_PAL_CODE,
	EFI_PERSISTENT,
};

const struct efi_guid EFI_ACPI_20_GUID = {
	0x8868e871, 0xe4f1, 0x11d3, { 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 }
};
const struct efi_guid EFI_ACPI_10_GUID = {
	0xeb9d2d30, 0x2d88, 0x11d3, { 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d }
};

static uint64_t rd64(uint64_t addr)
{
	return *(const volatile uint64_t *)addr;
}

static uint32_t rd32(uint64_t addr)
{
	return *(const volatile uint32_t *)addr;
}

static uint64_t rd_word(const struct systab_layout *s, uint64_t addr)
{
	return s->word == 4 ? rd32(addr) : rd64(addr);
}

static bool same_guid(uint64_t addr, const struct efi_guid *g)
{
	const volatile struct efi_guid *p = (const volatile struct efi_guid *)addr;
	unsigned int i;

	if (p->data1 != g->data1 || p->data2 != g->data2 || p->data3 != g->data3)
		return false;
	for (i = 0; i < 8; i++)
		if (p->data4[i] != g->data4[i])
			return false;
	return true;
}

bool efi_config_table(struct check *c, const struct efi_guid *guid, uint64_t *table)
{
	const struct efi_info *ei;
	const struct systab_layout *s;
	uint64_t systab, tables, n, i;

	*table = 0;
	if (!tk.bp) {
		fail(c, "no usable zero page");
		return false;
	}
	ei = &tk.bp->efi_info;
	s = ei->efi_loader_signature == EFI_LOADER_SIGNATURE_32 ? &systab_32 : &systab_64;
	systab = ei->efi_systab | (uint64_t)ei->efi_systab_hi << 32;
	if (!systab) {
		fail(c, "efi_systab=0: no configuration table to compare with");
		return false;
	}
	if (!mapped(c, "system table", systab, s->bytes))
		return false;
	if (rd64(systab) != SYSTAB_SIGNATURE) {
		fail(c, "no system table at efi_systab 0x%lx", systab);
		return false;
	}
	n = rd_word(s, systab + s->nr_tables);
	tables = rd_word(s, systab + s->tables);
	if (!n || n > CONFIG_TABLES_MAX || !tables) {
		fail(c, "system table has %lu configuration tables at 0x%lx", n, tables);
		return false;
	}
	if (!mapped(c, "configuration table", tables, n * s->entry))
		return false;
	for (i = 0; i < n; i++) {
		uint64_t e = tables + i * s->entry;

		if (same_guid(e, guid)) {
			*table = rd_word(s, e + sizeof(struct efi_guid));
			return true;
		}
	}
	return true;
}

/*
 * The e820 type an EFI memory type becomes (UEFI 2.10, 7.2, "Memory Type
 * Usage after ExitBootServices()", and boot.rst): what boot services and
 * the loader used is RAM again; runtime, MMIO and unknown types are
 * reserved.
 */
static uint32_t e820_of_efi(uint32_t efi_type)
{
	switch (efi_type) {
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BS_CODE:
	case EFI_BS_DATA:
	case EFI_CONVENTIONAL:
		return E820_TYPE_RAM;
	case EFI_UNUSABLE:
		return E820_TYPE_UNUSABLE;
	case EFI_ACPI_RECLAIM:
		return E820_TYPE_ACPI;
	case EFI_ACPI_NVS:
		return E820_TYPE_NVS;
	case EFI_PERSISTENT:
		return E820_TYPE_PMEM;
	default:
		return E820_TYPE_RESERVED;
	}
}

static uint64_t overlap(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
	uint64_t lo = a > b ? a : b, hi = a_end < b_end ? a_end : b_end;

	return hi > lo ? hi - lo : 0;
}

/* The memory map efi_info points to, if it can be walked; else why not. */
static bool memmap_usable(struct check *c, uint64_t *map, uint32_t *n, uint32_t *stride)
{
	const struct efi_info *ei = &tk.bp->efi_info;

	*map = ei->efi_memmap | (uint64_t)ei->efi_memmap_hi << 32;
	*stride = ei->efi_memdesc_size;
	if (!*map || *stride < DESC_MIN_BYTES || !ei->efi_memmap_size ||
	    ei->efi_memmap_size % *stride) {
		fail(c, "no EFI memory map to compare with (efi_memmap=0x%lx, %u bytes of %u)",
		     *map, ei->efi_memmap_size, *stride);
		return false;
	}
	*n = ei->efi_memmap_size / *stride;
	return mapped(c, "memmap", *map, ei->efi_memmap_size);
}

/* Report at most this many mismatches; the rest only count. */
#define MISMATCHES_SHOWN 3

/*
 * Every e820 entry must have the type its EFI descriptors give it and lie
 * wholly inside them; every descriptor must be wholly in the e820 table.
 */
void check_e820_types(struct check *c)
{
	const struct boot_e820_entry *ext;
	unsigned int i, n_zp, n_ext, bad = 0;
	uint32_t j, n_desc, stride;
	uint64_t map;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	if (!memmap_usable(c, &map, &n_desc, &stride))
		return;
	n_zp = tk.bp->e820_entries;
	if (n_zp > BOOT_PARAMS_E820_MAX)
		n_zp = BOOT_PARAMS_E820_MAX;
	ext = setup_data_e820_ext(&n_ext);
	tk_printf("tk: e820_types: %u e820 entries against %u EFI descriptors\n", n_zp + n_ext,
		  n_desc);
	for (i = 0; i < n_zp + n_ext; i++) {
		const struct boot_e820_entry *e = i < n_zp ? &tk.bp->e820_table[i] : &ext[i - n_zp];
		uint64_t e_end = e->addr + e->size, in_map = 0;

		for (j = 0; j < n_desc; j++) {
			uint64_t d = map + (uint64_t)j * stride;
			uint64_t start = rd64(d + DESC_START);
			uint64_t end = start + rd64(d + DESC_PAGES) * EFI_PAGE;
			uint64_t both = overlap(e->addr, e_end, start, end);
			uint32_t want = e820_of_efi(rd32(d + DESC_TYPE));

			if (!both)
				continue;
			in_map += both;
			if (e->type != want && bad++ < MISMATCHES_SHOWN)
				fail(c,
				     "e820 %u 0x%lx+0x%lx type %u, EFI type %u at 0x%lx means %u",
				     i, e->addr, e->size, e->type, rd32(d + DESC_TYPE), start,
				     want);
		}
		if (in_map != e->size && bad++ < MISMATCHES_SHOWN)
			fail(c, "e820 %u 0x%lx+0x%lx: only 0x%lx bytes in the EFI map", i, e->addr,
			     e->size, in_map);
	}
	for (j = 0; j < n_desc; j++) {
		uint64_t d = map + (uint64_t)j * stride;
		uint64_t start = rd64(d + DESC_START), size = rd64(d + DESC_PAGES) * EFI_PAGE;
		uint64_t in_e820 = 0;

		for (i = 0; i < n_zp + n_ext; i++) {
			const struct boot_e820_entry *e =
				i < n_zp ? &tk.bp->e820_table[i] : &ext[i - n_zp];

			in_e820 += overlap(e->addr, e->addr + e->size, start, start + size);
		}
		if (in_e820 != size && bad++ < MISMATCHES_SHOWN)
			fail(c, "EFI descriptor %u 0x%lx+0x%lx: only 0x%lx bytes in e820", j, start,
			     size, in_e820);
	}
	if (bad > MISMATCHES_SHOWN)
		fail(c, "(%u mismatches in all)", bad);
}
