/* Smoke-test stand-in for Windows' icuuc.dll, for Wine only.
 *
 * Qt6Core (>= 6.7) imports ICU's converter functions from the system's icuuc.dll, which
 * Windows 10 1903+ ships and Wine 8 does not. This stub makes every converter unavailable
 * (ucnv_open fails), so Qt falls back to its built-in UTF codecs. build-windows.sh compiles it
 * into the Wine prefix's system32 only; it never goes into the bundle.
 */
#include <stdint.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return 0;
}

#define STUB(name) EXPORT intptr_t name(void) { return 0; }
STUB(ucnv_close)
STUB(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
STUB(UCNV_TO_U_CALLBACK_SUBSTITUTE)
STUB(ucnv_reset)
STUB(ucnv_getMaxCharSize)
STUB(ucnv_getName)
STUB(ucnv_getToUCallBack)
STUB(ucnv_getFromUCallBack)
STUB(ucnv_setToUCallBack)
STUB(ucnv_setFromUCallBack)
STUB(ucnv_cbToUWriteUChars)
STUB(ucnv_toUnicode)
STUB(ucnv_cbFromUWriteUChars)
STUB(ucnv_toUCountPending)
STUB(ucnv_fromUCountPending)
STUB(ucnv_getStandardName)
STUB(ucnv_getAvailableName)
STUB(ucnv_countAvailable)
STUB(ucnv_fromUnicode)
