/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: ExitBootServices that never succeeds, and a witness of what
 * a loader calls after it.  A boot-service driver, loaded by startup.nsh
 * before the loader.  From its load on:
 *   - BootServices->ExitBootServices never exits; it always returns
 *     EFI_INVALID_PARAMETER, as for a stale map key, so a loader's retry
 *     loop runs to its end;
 *   - while an image started by BootServices->StartImage runs, every call
 *     it makes (the return address lies inside its LoadedImage ImageBase ..
 *     ImageBase + ImageSize; the firmware's own background work does not
 *     count) after its first ExitBootServices is counted by name: the boot
 *     services other than the memory ones (AllocatePages, FreePages,
 *     GetMemoryMap, AllocatePool, FreePool) and ExitBootServices, whose
 *     retries are counted on their own, and every call to a file of a Simple File System (file-wrap.h).
 *     Not seen: the variadic (Un)InstallMultipleProtocolInterfaces, other
 *     protocols;
 *   - when StartImage returns, one line says how often ExitBootServices
 *     was refused and which calls came after the first refusal.
 * UEFI allows only the memory allocation services after a first call to
 * ExitBootServices, whether it succeeded or not.  Test-only: built as
 * build/test-images/efi/drivers/exit-fails.efi, never part of chainload.
 */
#include <efi.h>
#include <efilib.h>

#include "file-wrap.h"

#define MAX_NAMES 48

static EFI_BOOT_SERVICES fw; /* the table as the firmware made it */

/* The image being watched: the outermost one StartImage is running. */
static struct {
	BOOLEAN running;
	UINT64 base, end;
	UINTN exit_calls; /* refused ExitBootServices calls */
	UINTN after;	  /* calls counted after the first of them */
	struct {
		const char *name;
		UINTN n;
	} calls[MAX_NAMES];
	UINTN n_names;
} watch;

static BOOLEAN from_image(const void *caller)
{
	UINT64 a = (UINT64)(UINTN)caller;

	return watch.running && a >= watch.base && a < watch.end;
}

static BOOLEAN same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* One call the watched image made after its first ExitBootServices. */
static void seen(const char *name, const void *caller)
{
	UINTN i;

	if (!from_image(caller) || !watch.exit_calls)
		return;
	watch.after++;
	for (i = 0; i < watch.n_names && !same(watch.calls[i].name, name); i++)
		;
	if (i == MAX_NAMES)
		return; /* counted in `after`, not named */
	watch.calls[i].name = name;
	watch.calls[i].n++;
	if (i == watch.n_names)
		watch.n_names++;
}

/* In each wrapper itself: the return address must be its caller's. */
#define SEEN(name) seen((name), __builtin_return_address(0))

/* A boot service that is counted, then done by the firmware. */
#define COUNTED(field, params, args)                    \
	static EFI_STATUS EFIAPI counted_##field params \
	{                                               \
		SEEN(#field);                           \
		return fw.field args;                   \
	}

COUNTED(CreateEvent, (UINT32 type, EFI_TPL tpl, EFI_EVENT_NOTIFY fn, VOID *ctx, EFI_EVENT *ev),
	(type, tpl, fn, ctx, ev))
COUNTED(SetTimer, (EFI_EVENT ev, EFI_TIMER_DELAY type, UINT64 time), (ev, type, time))
COUNTED(WaitForEvent, (UINTN n, EFI_EVENT *ev, UINTN *index), (n, ev, index))
COUNTED(SignalEvent, (EFI_EVENT ev), (ev))
COUNTED(CloseEvent, (EFI_EVENT ev), (ev))
COUNTED(CheckEvent, (EFI_EVENT ev), (ev))
COUNTED(InstallProtocolInterface,
	(EFI_HANDLE * h, EFI_GUID *guid, EFI_INTERFACE_TYPE type, VOID *iface),
	(h, guid, type, iface))
COUNTED(ReinstallProtocolInterface, (EFI_HANDLE h, EFI_GUID *guid, VOID *old, VOID *iface),
	(h, guid, old, iface))
COUNTED(UninstallProtocolInterface, (EFI_HANDLE h, EFI_GUID *guid, VOID *iface), (h, guid, iface))
COUNTED(HandleProtocol, (EFI_HANDLE h, EFI_GUID *guid, VOID **iface), (h, guid, iface))
COUNTED(RegisterProtocolNotify, (EFI_GUID * guid, EFI_EVENT ev, VOID **reg), (guid, ev, reg))
COUNTED(LocateHandle,
	(EFI_LOCATE_SEARCH_TYPE type, EFI_GUID *guid, VOID *key, UINTN *size, EFI_HANDLE *buf),
	(type, guid, key, size, buf))
COUNTED(LocateDevicePath, (EFI_GUID * guid, EFI_DEVICE_PATH **dp, EFI_HANDLE *h), (guid, dp, h))
COUNTED(InstallConfigurationTable, (EFI_GUID * guid, VOID *table), (guid, table))
COUNTED(LoadImage,
	(BOOLEAN policy, EFI_HANDLE parent, EFI_DEVICE_PATH *dp, VOID *buf, UINTN size,
	 EFI_HANDLE *ret),
	(policy, parent, dp, buf, size, ret))
COUNTED(Exit, (EFI_HANDLE h, EFI_STATUS st, UINTN size, CHAR16 *data), (h, st, size, data))
COUNTED(UnloadImage, (EFI_HANDLE h), (h))
COUNTED(GetNextMonotonicCount, (UINT64 * count), (count))
COUNTED(Stall, (UINTN us), (us))
COUNTED(SetWatchdogTimer, (UINTN timeout, UINT64 code, UINTN size, CHAR16 *data),
	(timeout, code, size, data))
COUNTED(ConnectController,
	(EFI_HANDLE h, EFI_HANDLE *drivers, EFI_DEVICE_PATH *dp, BOOLEAN recursive),
	(h, drivers, dp, recursive))
COUNTED(DisconnectController, (EFI_HANDLE h, EFI_HANDLE driver, EFI_HANDLE child),
	(h, driver, child))
COUNTED(OpenProtocol,
	(EFI_HANDLE h, EFI_GUID *guid, VOID **iface, EFI_HANDLE agent, EFI_HANDLE ctrl,
	 UINT32 attrs),
	(h, guid, iface, agent, ctrl, attrs))
COUNTED(CloseProtocol, (EFI_HANDLE h, EFI_GUID *guid, EFI_HANDLE agent, EFI_HANDLE ctrl),
	(h, guid, agent, ctrl))
COUNTED(OpenProtocolInformation,
	(EFI_HANDLE h, EFI_GUID *guid, EFI_OPEN_PROTOCOL_INFORMATION_ENTRY **buf, UINTN *n),
	(h, guid, buf, n))
COUNTED(ProtocolsPerHandle, (EFI_HANDLE h, EFI_GUID ***buf, UINTN *n), (h, buf, n))
COUNTED(LocateHandleBuffer,
	(EFI_LOCATE_SEARCH_TYPE type, EFI_GUID *guid, VOID *key, UINTN *n, EFI_HANDLE **buf),
	(type, guid, key, n, buf))
COUNTED(LocateProtocol, (EFI_GUID * guid, VOID *reg, VOID **iface), (guid, reg, iface))
COUNTED(CalculateCrc32, (VOID * data, UINTN size, UINT32 *crc), (data, size, crc))
COUNTED(CreateEventEx,
	(UINT32 type, EFI_TPL tpl, EFI_EVENT_NOTIFY fn, const VOID *ctx, const EFI_GUID *group,
	 EFI_EVENT *ev),
	(type, tpl, fn, ctx, group, ev))

/* The four that return something other than a status. */
static EFI_TPL EFIAPI counted_RaiseTPL(EFI_TPL tpl)
{
	SEEN("RaiseTPL");
	return fw.RaiseTPL(tpl);
}

static VOID EFIAPI counted_RestoreTPL(EFI_TPL tpl)
{
	SEEN("RestoreTPL");
	fw.RestoreTPL(tpl);
}

static VOID EFIAPI counted_CopyMem(VOID *dst, VOID *src, UINTN len)
{
	SEEN("CopyMem");
	fw.CopyMem(dst, src, len);
}

static VOID EFIAPI counted_SetMem(VOID *buf, UINTN len, UINT8 value)
{
	SEEN("SetMem");
	fw.SetMem(buf, len, value);
}

/* Never exits: the map key is always stale.  Counted on its own: a retry is allowed. */
static EFI_STATUS EFIAPI refused_exit(EFI_HANDLE image, UINTN key)
{
	(void)image;
	(void)key;
	if (from_image(__builtin_return_address(0)))
		watch.exit_calls++;
	return EFI_INVALID_PARAMETER;
}

static void report(void)
{
	Print(L"exit-fails: ExitBootServices refused %ld times; after the first, %ld calls other "
	      L"than memory services: ",
	      (UINT64)watch.exit_calls, (UINT64)watch.after);
	if (!watch.after)
		Print(L"none");
	for (UINTN i = 0; i < watch.n_names; i++)
		Print(L"%s%a x%ld", i ? L", " : L"", watch.calls[i].name, (UINT64)watch.calls[i].n);
	Print(L"\n");
}

/* Watches the outermost image it starts; a nested StartImage is a call of it. */
static EFI_STATUS EFIAPI watched_start(EFI_HANDLE h, UINTN *size, CHAR16 **data)
{
	EFI_LOADED_IMAGE *li;
	EFI_STATUS st;

	if (watch.running) {
		SEEN("StartImage");
		return fw.StartImage(h, size, data);
	}
	if (EFI_ERROR(fw.HandleProtocol(h, &LoadedImageProtocol, (void **)&li)))
		return fw.StartImage(h, size, data);
	SetMem(&watch, sizeof(watch), 0);
	watch.base = (UINT64)(UINTN)li->ImageBase;
	watch.end = watch.base + li->ImageSize;
	watch.running = TRUE;
	st = fw.StartImage(h, size, data);
	watch.running = FALSE;
	report();
	return st;
}

static const struct file_wrap_hooks file_hooks = { .call = seen };

/* gnu-efi's crt0 calls this with the System V convention. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	UINTN volumes;
	EFI_STATUS st;

	InitializeLib(image, systab);
	st = file_wrap_install("exit-fails", &file_hooks, &volumes);
	if (EFI_ERROR(st))
		return st;
	fw = *BS;
	BS->RaiseTPL = counted_RaiseTPL;
	BS->RestoreTPL = counted_RestoreTPL;
	BS->CreateEvent = counted_CreateEvent;
	BS->SetTimer = counted_SetTimer;
	BS->WaitForEvent = counted_WaitForEvent;
	BS->SignalEvent = counted_SignalEvent;
	BS->CloseEvent = counted_CloseEvent;
	BS->CheckEvent = counted_CheckEvent;
	BS->InstallProtocolInterface = counted_InstallProtocolInterface;
	BS->ReinstallProtocolInterface = counted_ReinstallProtocolInterface;
	BS->UninstallProtocolInterface = counted_UninstallProtocolInterface;
	BS->HandleProtocol = counted_HandleProtocol;
	BS->RegisterProtocolNotify = counted_RegisterProtocolNotify;
	BS->LocateHandle = counted_LocateHandle;
	BS->LocateDevicePath = counted_LocateDevicePath;
	BS->InstallConfigurationTable = counted_InstallConfigurationTable;
	BS->LoadImage = counted_LoadImage;
	BS->StartImage = watched_start;
	BS->Exit = counted_Exit;
	BS->UnloadImage = counted_UnloadImage;
	BS->ExitBootServices = refused_exit;
	BS->GetNextMonotonicCount = counted_GetNextMonotonicCount;
	BS->Stall = counted_Stall;
	BS->SetWatchdogTimer = counted_SetWatchdogTimer;
	BS->ConnectController = counted_ConnectController;
	BS->DisconnectController = counted_DisconnectController;
	BS->OpenProtocol = counted_OpenProtocol;
	BS->CloseProtocol = counted_CloseProtocol;
	BS->OpenProtocolInformation = counted_OpenProtocolInformation;
	BS->ProtocolsPerHandle = counted_ProtocolsPerHandle;
	BS->LocateHandleBuffer = counted_LocateHandleBuffer;
	BS->LocateProtocol = counted_LocateProtocol;
	BS->CalculateCrc32 = counted_CalculateCrc32;
	BS->CopyMem = counted_CopyMem;
	BS->SetMem = counted_SetMem;
	BS->CreateEventEx = counted_CreateEventEx;
	BS->Hdr.CRC32 = 0;
	fw.CalculateCrc32(BS, BS->Hdr.HeaderSize, &BS->Hdr.CRC32);
	Print(L"exit-fails: ExitBootServices returns EFI_INVALID_PARAMETER from now on; calls "
	      L"after it are counted (%ld file systems wrapped)\n",
	      (UINT64)volumes);
	return EFI_SUCCESS;
}
