"""The app's pages, their sections and order. A page is listed only once its file exists.

Pages live in ``app_pages/``, not ``pages/``: a ``pages/`` folder switches Streamlit to its legacy
multipage mode, which bypasses ``st.navigation`` on reruns (and breaks AppTest).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SECTIONS = ("overview", "position", "ecosystem", "international", "skills")


@dataclass(frozen=True)
class PageSpec:
    """One page: its key (also its URL path), file, section, icon and page-level URL keys."""

    key: str
    file: str
    section: str
    icon: str
    query_keys: tuple[str, ...] = ()

    @property
    def title_key(self) -> str:
        return f"nav.{self.key}"

    def exists(self, root: Path = ROOT) -> bool:
        return (root / self.file).is_file()


# Order = reading order of the study and of the briefing deck.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "app_pages/overview.py", "overview", ":material/dashboard:"),
    PageSpec("since", "app_pages/since.py", "overview", ":material/update:", query_keys=("since_kind", "since_jur", "since")),
    PageSpec("briefing", "app_pages/briefing.py", "overview", ":material/slideshow:"),
    PageSpec("about", "app_pages/about.py", "overview", ":material/info:"),
    PageSpec("search", "app_pages/search.py", "overview", ":material/search:", query_keys=("q",)),
    PageSpec("swot", "app_pages/swot.py", "position", ":material/grid_view:", query_keys=("swot_axis", "swot_item")),
    PageSpec("policy", "app_pages/policy.py", "position", ":material/gavel:", query_keys=("policy_jur", "policy_period")),
    PageSpec("market", "app_pages/market.py", "position", ":material/trending_up:"),
    PageSpec("recommendations", "app_pages/recommendations.py", "position", ":material/checklist:",
             query_keys=("reco_target",)),
    PageSpec("map", "app_pages/map.py", "ecosystem", ":material/map:"),
    PageSpec("profile", "app_pages/profile.py", "ecosystem", ":material/location_on:"),
    PageSpec("company", "app_pages/company.py", "ecosystem", ":material/business:", query_keys=("company",)),
    PageSpec("catalogue", "app_pages/catalogue.py", "ecosystem", ":material/medication:"),
    PageSpec("funding", "app_pages/funding.py", "ecosystem", ":material/euro:", query_keys=("fd_company", "fd_period")),
    PageSpec("deals", "app_pages/deals.py", "international", ":material/public:"),
    PageSpec("index", "app_pages/index.py", "international", ":material/leaderboard:",
             query_keys=("ix_w_policy", "ix_w_ready", "ix_w_use")),
    PageSpec("jobs", "app_pages/jobs.py", "skills", ":material/work:",
             ("sim_cagr", "sim_employees", "sim_growth", "sim_horizon", "sim_base", "sim_types")),
    PageSpec("trainings", "app_pages/trainings.py", "skills", ":material/school:"),
)

PAGES_BY_KEY = {p.key: p for p in PAGES}


def available_pages(root: Path = ROOT) -> list[PageSpec]:
    """Pages whose file exists, in navigation order."""
    return [p for p in PAGES if p.exists(root)]


def page_query_keys() -> set[str]:
    """URL keys that pages bind to their own widgets (accepted by the URL parser)."""
    return {k for p in PAGES for k in p.query_keys}
