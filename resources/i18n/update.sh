#!/usr/bin/env bash
# Regenerate the UI translation catalogues (developer tool; see README, "Translations"):
#   1. pyside6-lupdate: the tr()/translate()/QT_TRANSLATE_NOOP texts of sms_desktop/ui, plus the
#      texts given to modules' translate shorthands (catalogue.py stub), into
#      resources/i18n/sms_desktop_{zh_CN,en}.ts. Entries whose text left the code are kept as
#      "vanished" (their translation is reused if the text comes back); --prune drops them.
#   2. the Chinese catalogue translates every source as itself (catalogue.py fill-zh);
#      new English entries stay unfinished until translated (Qt Linguist: pyside6-linguist).
#   3. pyside6-lrelease: the .qm the application loads, beside the .ts.
# tests/ui/test_i18n.py fails while an entry is unfinished or a .qm is not current.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${VENV_BIN:-.venv/bin}
prune=()
[ "${1:-}" = "--prune" ] && prune=(-no-obsolete)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/python" resources/i18n/catalogue.py stub "$tmp/tr_shorthands.py"
mapfile -t sources < <(find sms_desktop/ui -name '*.py' | LC_ALL=C sort)
sources+=("$tmp/tr_shorthands.py")
for lang in zh_CN en; do
  ts=resources/i18n/sms_desktop_$lang.ts
  "$bin/pyside6-lupdate" -silent -locations none "${prune[@]}" -source-language zh_CN \
    -target-language "$lang" "${sources[@]}" -ts "$ts"
done
"$bin/python" resources/i18n/catalogue.py fill-zh resources/i18n/sms_desktop_zh_CN.ts
"$bin/pyside6-lupdate" -silent -locations none "${prune[@]}" "${sources[@]}" \
  -ts resources/i18n/sms_desktop_zh_CN.ts  # back to lupdate's own layout
for lang in zh_CN en; do
  "$bin/pyside6-lrelease" -silent resources/i18n/sms_desktop_$lang.ts \
    -qm resources/i18n/sms_desktop_$lang.qm
done
"$bin/python" - <<'PY'
import xml.etree.ElementTree as ET
for lang in ("zh_CN", "en"):
    root = ET.parse(f"resources/i18n/sms_desktop_{lang}.ts").getroot()
    kinds = [m.find("translation").get("type") or "finished" for m in root.iter("message")]
    print(lang, {k: kinds.count(k) for k in sorted(set(kinds))})
PY
