"""One OpenSSL in the Windows programs, for build.spec: libpq uses Python's.

Python's ``_ssl`` and ``_hashlib`` bring OpenSSL as ``libssl-3.dll`` and ``libcrypto-3.dll``;
psycopg-binary's wheel brings a second OpenSSL for its libpq, under the names its repair tool
(delvewheel) gave it: ``psycopg_binary.libs\\libssl-3-x64-<hash>.dll`` and
``libcrypto-3-x64-<hash>.dll`` (2.4 MB compressed in each one-file program). Here libpq's import
table is pointed at Python's two DLLs, the same rewrite of an import's DLL name that delvewheel
made, and the second copy is left out. Both are OpenSSL 3 (same ABI major, the same DLL name
before delvewheel renamed it); the build stops unless every function libpq imports is exported by
Python's copy, so the rewritten libpq cannot fail to load on a missing symbol. Python's OpenSSL,
which the gateways' HTTPS uses, is unchanged. At run time Windows finds ``libssl-3.dll`` in the
program's folder (the loader adds it to the DLL search path) or reuses the one already loaded for
``_ssl``. On other platforms nothing changes.
"""

from __future__ import annotations

import re
from pathlib import Path

# the DLL names delvewheel gives OpenSSL's Windows DLLs (libssl-3-x64.dll + a hash)
_RENAMED = re.compile(r"^(libssl|libcrypto)-3-x64-[0-9a-f]{32}\.dll$", re.IGNORECASE)
_LIBPQ = re.compile(r"^libpq(-[0-9a-f]{32})?\.dll$", re.IGNORECASE)


def python_name(dll: str) -> str | None:
    """The name of Python's OpenSSL DLL that stands for ``dll`` (a renamed OpenSSL 3 DLL of
    psycopg-binary's), or None when ``dll`` is no such DLL."""
    m = _RENAMED.match(dll)
    return f"{m.group(1).lower()}-3.dll" if m else None


def _folder_and_name(dest: str) -> tuple[str, str]:
    folder, _, name = dest.replace("\\", "/").rpartition("/")
    return folder.lower(), name


def one_openssl(analysis, workdir: Path) -> None:
    """Point libpq at Python's OpenSSL and drop psycopg-binary's copy (Windows builds).

    Leaves ``analysis`` as it is when it has no psycopg-binary OpenSSL or no Python OpenSSL at
    the top of the bundle (Linux, or a build without the PostgreSQL driver)."""
    binaries = analysis.binaries
    ours = {
        name.lower(): src
        for dest, src, _ in binaries
        for folder, name in [_folder_and_name(dest)]
        if folder == "" and name.lower() in ("libssl-3.dll", "libcrypto-3.dll")
    }
    theirs = [e for e in binaries if python_name(_folder_and_name(e[0])[1])]
    libpq = [e for e in binaries if _LIBPQ.match(_folder_and_name(e[0])[1])]
    if not theirs or len(ours) != 2 or len(libpq) != 1:
        print("one_openssl: nothing to do")
        return

    import pefile  # PyInstaller's own dependency on Windows

    def exports(path: str) -> set[str]:
        pe = pefile.PE(path, fast_load=True)
        pe.parse_data_directories(
            directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]]
        )
        return {s.name.decode() for s in pe.DIRECTORY_ENTRY_EXPORT.symbols if s.name}

    dropped = {_folder_and_name(e[0])[1].lower() for e in theirs}
    # nothing but libpq (and the dropped copy itself) may load the dropped copy
    for dest, src, _ in binaries:
        if not str(src).lower().endswith((".dll", ".pyd")) or dest in {e[0] for e in theirs}:
            continue
        if _LIBPQ.match(_folder_and_name(dest)[1]):
            continue
        pe = pefile.PE(src, fast_load=True)
        pe.parse_data_directories(
            directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]]
        )
        for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []):
            if entry.dll.decode().lower() in dropped:
                raise SystemExit(f"one_openssl: {dest} loads {entry.dll.decode()} too")
        pe.close()

    dest, src, typecode = libpq[0]
    pe = pefile.PE(src)
    if hasattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT") or pe.OPTIONAL_HEADER.DATA_DIRECTORY[4].Size:
        raise SystemExit(f"one_openssl: {dest} has delayed imports or a signature")
    rewritten = []
    for entry in pe.DIRECTORY_ENTRY_IMPORT:
        old = entry.dll.decode()
        new = python_name(old)
        if new is None:
            continue
        missing = sorted({i.name.decode() for i in entry.imports} - exports(ours[new]))
        if missing or any(i.name is None for i in entry.imports):
            raise SystemExit(f"one_openssl: Python's {new} lacks what libpq imports: {missing}")
        # the new name is shorter: written over the old one, the rest zero bytes
        pe.set_bytes_at_rva(entry.struct.Name, new.encode().ljust(len(old), b"\0"))
        rewritten.append(f"{old} -> {new}")
    if len(rewritten) != len(theirs):
        raise SystemExit(f"one_openssl: libpq imports {rewritten}, the bundle has {theirs}")
    pe.OPTIONAL_HEADER.CheckSum = pe.generate_checksum()
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / Path(src).name
    pe.write(str(out))
    pe.close()
    analysis.binaries = [
        (dest, str(out), typecode) if e is libpq[0] else e for e in binaries if e not in theirs
    ]
    print(f"one_openssl: libpq imports {', '.join(rewritten)}; dropped {len(theirs)} DLLs")
