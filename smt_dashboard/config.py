"""The app's settings, read in one place (ground floor: imports nothing of the package): the data folder, the
public address used in shared and deck links, and the default language."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "SMT_DATA_DIR"
PUBLIC_URL_ENV = "SMT_PUBLIC_URL"
DEFAULT_LANG = "fr"


def data_dir() -> Path:
    """The data folder in use: ``SMT_DATA_DIR`` if set (tests, scratch copies), else ``data/``."""
    return Path(os.environ.get(DATA_DIR_ENV, DATA_DIR))


def public_url() -> str | None:
    """The app's public address for links in decks and shares (``SMT_PUBLIC_URL``), or None when unset."""
    value = os.environ.get(PUBLIC_URL_ENV, "").strip()
    return value if value.startswith(("http://", "https://")) else None
