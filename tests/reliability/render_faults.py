"""Render the gateway fault matrix into docs/reliability.md from the last test run.

    .venv/bin/pytest tests/reliability/test_rel_faults.py -q   # writes build/reliability/faults.json
    .venv/bin/python tests/reliability/render_faults.py        # rewrites the table in the doc

The table goes between the ``<!-- faults:begin -->`` and ``<!-- faults:end -->`` markers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- faults:begin -->", "<!-- faults:end -->"
OPS = (("send", "send"), ("balance", "balance"), ("sync", "sync"), ("test", "connection test"))


def render(data: dict) -> str:
    cells = data["cells"]
    by = {(c["family"], c["fault"], c["op"]): c for c in cells}
    faults = list(dict.fromkeys(c["fault"] for c in cells))
    families = list(dict.fromkeys(c["family"] for c in cells))
    bad = [c for c in cells if not c["ok"]]
    total = sum(c["seconds"] for c in cells)
    peaks = [c["peak_mb"] for c in cells if c.get("peak_mb")]
    load = data.get("load")
    lines = [
        f"Generated {data['generated']} from `tests/reliability/test_rel_faults.py`:"
        f" **{len(cells)} cells, {len(cells) - len(bad)} in a defined state**"
        f" ({len(bad)} not), {total:.1f} s of operations"
        + (f", load average {load:.2f}" if load is not None else "")
        + f". Read timeout {data['read_timeout']:g} s, latency {data['latency']:g} s,"
        f" reply cap {data['max_reply_bytes'] / 2**20:g} MiB"
        + (f"; 50 MB body: tracemalloc peak {max(peaks):g} MB at most" if peaks else "")
        + ".",
        "",
        "| fault | family | " + " | ".join(title for _, title in OPS) + " |",
        "|---|---|" + "---|" * len(OPS),
    ]
    for fault in faults:
        for family in families:
            row = []
            for op, _ in OPS:
                c = by.get((family, fault, op))
                if c is None:
                    row.append("—")
                    continue
                text = c["state"].replace("|", "/")
                row.append(text if c["ok"] else f"**✗ {text}**")
            lines.append(f"| {fault} | {family} | " + " | ".join(row) + " |")
    if bad:
        lines += ["", "Cells not in a defined state:", ""]
        lines += [f"- {c['family']} {c['fault']} {c['op']}: {c['detail']}" for c in bad]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "reliability" / "faults.json"
    doc = ROOT / "docs" / "reliability.md"
    data = json.loads(src.read_text(encoding="utf-8"))
    text = doc.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{doc}: markers {BEGIN} … {END} not found", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{render(data)}\n{END}{tail}", encoding="utf-8")
    print(f"{doc}: {len(data['cells'])} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
