"""Visual check of the briefing deck: build a deck with every view, convert it to PDF with LibreOffice and to
one PNG per slide with pdftoppm, then print the page count and the paths, to look at the slides by eye.

Needs the Debian packages ``libreoffice-impress`` and ``poppler-utils``
(``apt-get install -y --no-install-recommends libreoffice-impress poppler-utils``). Run by hand, from the
repository root; not part of the pytest suite (LibreOffice takes tens of seconds)::

    python scripts/check_deck.py [--lang fr|en] [--region 84 ...] [--area diabetology ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smt_dashboard import datasets, deck, i18n, views  # noqa: E402
from smt_dashboard.filters import FilterOptions, FilterState  # noqa: E402


def build(lang: str, state: FilterState) -> tuple[bytes, int]:
    """The deck with every view under ``state``, and its number of slides."""
    frames: dict = {n: datasets.load_dataset(n) for n in views.datasets_of(views.VIEWS) if n != views.REGIONS}
    geo = datasets.load_regions()
    frames[views.REGIONS] = geo
    # As the briefing page builds it: projection versions, no slide for a view without data under the filters.
    entries = [(v, views.build_projection(v, frames, state, lang)) for v in views.SHOW]
    entries = [(v, b) for v, b in entries if b.kind != "empty"]
    data = deck.build_deck(entries, title=i18n.t("briefing.default_title", lang), state=state,
                           options=FilterOptions(regions=datasets.region_names(geo)),
                           sources=datasets.load_dataset("sources"), lang=lang, app_url="http://localhost:8501/")
    return data, len(entries) + 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr", choices=i18n.LANGS)
    parser.add_argument("--region", action="append", default=[])
    parser.add_argument("--area", action="append", default=[])
    parser.add_argument("--out", default="/tmp/check_deck")
    args = parser.parse_args()
    for tool in ("libreoffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: apt-get install -y libreoffice-impress poppler-utils", file=sys.stderr)
            return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("slide-*.png"):
        old.unlink()
    state = FilterState(regions=tuple(args.region), areas=tuple(args.area), lang=args.lang)
    start = time.perf_counter()
    data, slides = build(args.lang, state)
    pptx = out / f"dossier-{args.lang}.pptx"
    pptx.write_bytes(data)
    print(f"deck: {pptx} ({slides} slides, {len(data) // 1024} KB, built in {time.perf_counter() - start:.1f} s)")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    pdf = pptx.with_suffix(".pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "slide")], check=True, timeout=300)
    pages = sorted(out.glob("slide-*.png"))
    print(f"pdf: {pdf} ({len(pages)} pages)")
    for page in pages:
        print(page)
    if len(pages) != slides:
        print(f"expected {slides} pages, got {len(pages)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
