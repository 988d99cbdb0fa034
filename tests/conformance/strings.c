/*
 * strings.c: the shared check of string getters and the adapters that give every
 * string getter of mtml.h one shape
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "conformance.h"

#define STRING_ADAPTER(adapter, fn, type)                             \
    MtmlReturn adapter(const void *object, char *buffer, unsigned length) \
    {                                                                     \
        return CALL(fn)((const type *)object, buffer, length);           \
    }
#define STRING_ADAPTER_LENGTH_FIRST(adapter, fn, type)                \
    MtmlReturn adapter(const void *object, char *buffer, unsigned length) \
    {                                                                     \
        return CALL(fn)((const type *)object, length, buffer);           \
    }

STRING_ADAPTER(get_library_version, mtmlLibraryGetVersion, MtmlLibrary)
STRING_ADAPTER(get_driver_version, mtmlSystemGetDriverVersion, MtmlSystem)
STRING_ADAPTER(get_uuid, mtmlDeviceGetUUID, MtmlDevice)
STRING_ADAPTER(get_name, mtmlDeviceGetName, MtmlDevice)
STRING_ADAPTER(get_gpu_path, mtmlDeviceGetGpuPath, MtmlDevice)
STRING_ADAPTER(get_primary_path, mtmlDeviceGetPrimaryPath, MtmlDevice)
STRING_ADAPTER(get_render_path, mtmlDeviceGetRenderPath, MtmlDevice)
STRING_ADAPTER(get_vbios_version, mtmlDeviceGetVbiosVersion, MtmlDevice)
STRING_ADAPTER(get_mtbios_version, mtmlDeviceGetMtBiosVersion, MtmlDevice)
STRING_ADAPTER(get_phy_device_uuid, mtmlDeviceGetPhyDeviceUuid, MtmlDevice)
STRING_ADAPTER_LENGTH_FIRST(get_serial_number, mtmlDeviceGetSerialNumber, MtmlDevice)
STRING_ADAPTER_LENGTH_FIRST(get_memory_vendor, mtmlMemoryGetVendor, MtmlMemory)

/**
 * Checks one string getter: NULL buffer, a buffer of `size` bytes, an exact
 * fit, one byte short and a zero length. The value is copied into out
 * (size bytes). Returns 1 when a value was read.
 */
int check_string(const char *label, string_getter get, const void *object, unsigned size, char *out)
{
    char what[160];
    snprintf(what, sizeof what, "%s", label); /* label may live in a fmt() buffer */
    char buffer[512];
    char small[512];
    MtmlReturn rc;

    if (size > sizeof buffer)
        size = sizeof buffer;
    expect_rc(get(object, NULL, size), MTML_ERROR_INVALID_ARGUMENT, fmt("%s: NULL buffer", what));

    memset(buffer, 0x7f, sizeof buffer);
    rc = get(object, buffer, size);
    if (rc == MTML_ERROR_NOT_SUPPORTED) {
        skip("%s: not supported here", what);
        out[0] = '\0';
        return 0;
    }
    if (!expect_rc(rc, MTML_SUCCESS, fmt("%s: %u-byte buffer", what, size)))
        return 0;
    const void *nul = memchr(buffer, '\0', size);
    if (!check(nul != NULL, "%s: result is NUL-terminated within %u bytes", what, size)) {
        out[0] = '\0';
        return 0;
    }
    check(buffer[size] == 0x7f, "%s: nothing written past the buffer", what);
    size_t len = strlen(buffer);
    memcpy(out, buffer, len + 1);
    if (g_sim)
        check(len > 0, "%s: value \"%s\" is not empty", what, buffer);

    memset(small, 0x7f, sizeof small);
    rc = get(object, small, (unsigned)len + 1);
    check(rc == MTML_SUCCESS && strcmp(small, buffer) == 0 && small[len + 1] == 0x7f,
          "%s: exact fit of %u bytes -> %s", what, (unsigned)len + 1, rc_name(rc));
    if (len > 0) {
        memset(small, 0x7f, sizeof small);
        rc = get(object, small, (unsigned)len);
        expect_rc(rc, MTML_ERROR_INSUFFICIENT_SIZE, fmt("%s: one byte short (%u bytes)", what, (unsigned)len));
        check(small[len] == 0x7f, "%s: nothing written past a short buffer", what);
    }
    expect_rc(get(object, small, 0), MTML_ERROR_INSUFFICIENT_SIZE, fmt("%s: zero length", what));
    return 1;
}
