"""Rebuild src/realpolitik/events/data/cameo.tsv from the shared codebooks.

Only facts are carried over: the code, its short name, Goldstein score, QuadClass and the
PLOVER type, mode and context. Run from the project root: python tools/build_codebook.py
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold"
OUT = Path(__file__).resolve().parents[1] / "src/realpolitik/events/data/cameo.tsv"
# PLOVER folds CAMEO's appeals (02) into REQUEST; the conversion table leaves them out.
ROOT_FALLBACK = {"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
                 "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
                 "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
                 "19": "ASSAULT", "20": "ASSAULT"}
# The conversion table files 163 (impose embargo, boycott or sanctions) under COERCE, but the PLOVER
# gold-standard records code imposed sanctions as SANCTION; we follow the gold standard.
# Likewise 192 (occupy territory): the table says COERCE, the gold standard codes captures and
# invasions as ASSAULT.
# And 116 (find guilty): the table says ACCUSE, but the PLOVER codebook lists "convict" as a mode of
# SANCTION, and a court's verdict is a material penalty, not a verbal complaint.
# And 0831 (accede to demands for a change in leadership: a resignation): the table says CONCEDE, but
# the PLOVER codebook lists "resign" as a mode of RETREAT.
OVERRIDES = {"163": ("SANCTION", "", "economic"), "192": ("ASSAULT", "", "military"),
             "116": ("SANCTION", "convict", "legal"), "0831": ("RETREAT", "resign", "political_institutions")}
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
               "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
               "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def plover_table() -> dict[str, tuple[str, str, str]]:
    table = {}
    for line in (SHARED / "cameo_to_plover.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not m or len(m.group(1)) == 2:
            continue
        mode = (m.group(3) or "").strip().replace(" ", "")
        context = (m.group(4) or "").strip().replace(" ", "")
        table.setdefault(m.group(1), (m.group(2), mode, context))
    return table


def main() -> int:
    plover = plover_table()
    rows = []
    last_score: dict[str, str] = {}  # a code with no score takes its parent's
    with open(SHARED / "cameo_codebook.csv", encoding="utf-8", errors="replace") as handle:
        for rec in csv.DictReader(handle):
            code = rec["code"]
            ptype, mode, context = OVERRIDES.get(code) or plover.get(code, ("", "", ""))
            if not ptype and code[:2] in ROOT_FALLBACK:
                ptype = ROOT_FALLBACK[code[:2]]
            quad = PLOVER_QUAD.get(ptype, int(rec["quadclass_gdelt"]))
            goldstein = rec["goldstein_gdelt"] or rec["goldstein_icews"] or last_score.get(code[:-1], "0")
            last_score[code] = goldstein
            rows.append([code, rec["name"], rec["root_code"], goldstein,
                         rec["quadclass_gdelt"], ptype, mode, context, str(quad)])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        handle.write("# CAMEO code facts with their PLOVER mapping; built by tools/build_codebook.py\n")
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "root", "goldstein", "quad_class", "plover", "mode",
                         "context", "plover_quad"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
