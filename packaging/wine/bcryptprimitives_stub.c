/* Smoke-test stand-in for bcryptprimitives.dll!ProcessPrng, for Wine 8 only.
 *
 * Rust-built extensions (python-calamine) import ProcessPrng, which Windows 10+ has and
 * Wine 8 lacks. This stub fills the buffer from RtlGenRandom (advapi32!SystemFunction036).
 * build-windows.sh compiles it into the Wine prefix's system32 only; never into the bundle.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
