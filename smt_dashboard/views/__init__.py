"""The view registry: every chart, table, map or figure set the app shows is a view, built once by a pure
function (``views/<domain>.py``) from the rows and the view's own parameters. Pages render views (with their
widgets around them, passing the parameters those widgets set), the slide show and the deck walk the same views
with the parameters' defaults: page, slide and deck draw the same rows by construction. Pure: no Streamlit, no
rendering (see deck.py, slides.py and ui_views.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from smt_dashboard import company, filters, i18n, policy, profiles, then_now
from smt_dashboard import health_index as hx
from smt_dashboard.filters import FilterState
from smt_dashboard.views import ecosystem as eco
from smt_dashboard.views import international as intl
from smt_dashboard.views import position as pos
from smt_dashboard.views import post_study as post
from smt_dashboard.views import skills as sk
from smt_dashboard.views.core import (  # noqa: F401 - the registry's vocabulary, used by its callers
    ALL_FILTERS,
    KINDS,
    REGIONS,
    Built,
    Frames,
    MapImage,
    SwotGrid,
    View,
    chart_titles,
    source_rows,
)

_FUNDING = ("funding_rounds", "companies", "funding_context", REGIONS)
_INDEX = ("digital_health_index",)
_ABROAD = tuple(c for c in policy.JURISDICTIONS if c != "FR")
_JOBS = ("jobs_projection_inputs", "jobs_projection_published", "jobs_projection_scope")
_CAMPUSES = ("training_ux_establishments", "cities", REGIONS)

# In the order of the navigation (= the slide show's and the deck's order). ``in_show=False``: a view that answers
# a reader's own question on its page (a chosen country, a weighting, a phase grid…); the briefing page can add it.
VIEWS: tuple[View, ...] = (
    View("overview_headlines", "overview", tuple(dict.fromkeys(("smt_catalogue", "companies", "funding_rounds",
                                                                "funding_context", "deals_2018", "digital_health_index",
                                                                "jobs_projection_inputs", REGIONS))),
         pos.overview_headlines, ALL_FILTERS),
    # Shown first in a show opened with ?since=… (presentation.py), and as the deck's opening section when asked.
    View("news", "since", ("developments", "indicators", "followup_history", "meetings"), post.news,
         params=post.NEWS_PARAMS, in_show=False),
    View("then_now", "since", then_now.DATASETS, post.then_now),
    View("access_route", "since", ("indicators", "access_route"), post.access_route),
    View("ehealth_trend", "since", ("indicators",), post.ehealth_trend, in_show=False),
    View("indicators_table", "since", ("indicators",), post.indicators_table, in_show=False),
    View("developments_timeline", "since", ("developments", "companies"), post.developments_timeline,
         ("regions", "areas"), post.DEVELOPMENT_PARAMS, chart_width=1000,
         projection=post.developments_by_kind_projection),
    View("swot", "swot", ("swot", "swot_evidence"), pos.swot_grid),
    View("swot_axes", "swot", ("swot", "swot_evidence"), pos.swot_axes, in_show=False, chart_width=900),
    View("policy_france", "policy", ("policy_timeline",), pos.policy_timeline,
         params=(("jurisdictions", ("FR",)), ("period", None))),
    View("policy_international", "policy", ("policy_timeline",), pos.policy_timeline,
         params=(("jurisdictions", _ABROAD), ("period", None))),
    View("policy_timeline", "policy", ("policy_timeline",), pos.policy_timeline,
         params=(("jurisdictions", ()), ("period", None)), in_show=False),
    View("market_size", "market", ("market_size",), pos.market_size, chart_width=800),
    View("adoption", "market", ("adoption_survey",), pos.adoption, chart_width=700),
    View("recommendation_targets", "recommendations", ("recommendations",), pos.recommendation_targets,
         params=(("targets", ()),), chart_width=900),
    View("recommendation_followup", "recommendations",
         ("recommendation_followup", "recommendations", "developments", "companies"), post.recommendation_followup,
         chart_width=900),
    View("map", "map", ("companies", "company_products", REGIONS), eco.ecosystem_map, ALL_FILTERS, eco.MAP_PARAMS),
    View("companies_by_model", "map", ("companies", REGIONS), eco.companies_by_model, ALL_FILTERS),
    View("us_comparison", "map", ("companies", REGIONS), eco.us_comparison, ALL_FILTERS),
    View("profile", "profile", profiles.DATASETS + (REGIONS,), eco.profile, ALL_FILTERS),
    # A page per company (its address names it): exported as one slide from that page, not in the show or briefing.
    View("company_sheet", "company", ("companies", "company_products", "funding_rounds", "smt_examples",
                                      "digital_therapeutics", "dtx_developers", "smt_reimbursed_products"),
         eco.company_sheet, params=eco.COMPANY_PARAMS, in_show=False, in_briefing=False),
    View("company_map", "company", ("companies", "company_products", REGIONS), eco.company_map,
         params=eco.COMPANY_PARAMS, in_show=False, in_briefing=False),
    View("company_products", "company", company.DATASETS, eco.company_products, params=eco.COMPANY_PARAMS,
         in_show=False, in_briefing=False),
    View("company_places", "company", company.DATASETS, eco.company_places, params=eco.COMPANY_PARAMS,
         in_show=False, in_briefing=False),
    View("catalogue_heatmap", "catalogue", ("smt_catalogue",), eco.catalogue_heatmap, ("areas",), chart_width=900),
    View("approvals", "catalogue", ("smt_approvals",), eco.approvals),
    View("reimbursement", "catalogue", ("smt_reimbursement",), eco.reimbursement),
    View("dtx_areas", "catalogue", ("digital_therapeutics_areas",), eco.dtx_areas, ("areas",), in_show=False,
         chart_width=800),
    View("funding_totals", "funding", _FUNDING, eco.funding_totals, ALL_FILTERS, eco.FUNDING_PARAMS),
    View("funding_timeline", "funding", _FUNDING, eco.funding_timeline, ALL_FILTERS, eco.FUNDING_PARAMS,
         facet_size=(1100, 24), projection=eco.funding_timeline_projection),
    View("funding_yearly", "funding", _FUNDING, eco.funding_yearly, ALL_FILTERS, eco.FUNDING_PARAMS),
    View("funding_investors", "funding", _FUNDING, eco.funding_investors, ALL_FILTERS, eco.FUNDING_PARAMS,
         in_show=False),
    View("deals", "deals", ("deals_2018",), intl.deals, params=(("metric", "deals"), ("sort", "desc")),
         facet_size=(900, None)),
    View("index_ranking", "index", _INDEX, intl.index_ranking),
    View("index_compare", "index", _INDEX, intl.index_compare, params=(("countries", ("FR", "DE", "EE", "DK")),),
         in_show=False),
    View("index_reweighted", "index", _INDEX, intl.index_reweighted, params=(("weights", hx.EQUAL),), in_show=False),
    View("index_rank_range", "index", _INDEX, intl.index_rank_range, params=(("weights", hx.EQUAL),), chart_width=620,
         projection=intl.index_rank_range_projection),
    View("jobs_phases", "jobs", ("job_families", "job_family_phases"), sk.jobs_phases, in_show=False),
    View("jobs_projection", "jobs", _JOBS, sk.jobs_projection, params=sk.SCENARIO_PARAMS, chart_width=900),
    View("jobs_history", "jobs", ("company_creation_history", "jobs_projection_inputs"), sk.jobs_history,
         in_show=False, chart_width=900),
    View("trainings_by_city", "trainings", _CAMPUSES, sk.trainings_by_city, ("regions",)),
    View("trainings_types", "trainings", _CAMPUSES, sk.trainings_types, ("regions",), in_show=False, chart_width=700),
    View("trainings_lengths", "trainings", ("training_ux_lengths",), sk.trainings_lengths, in_show=False,
         chart_width=700),
)
VIEWS_BY_KEY = {v.key: v for v in VIEWS}
SHOW = tuple(v for v in VIEWS if v.in_show)
BRIEFING = tuple(v for v in VIEWS if v.in_briefing)


def views_by_page(pages: Iterable[str] | None = None, show_only: bool = True) -> list[tuple[str, list[View]]]:
    """The views grouped by page, in the order of ``pages`` (default: the order of the registry); only those the
    show offers by default unless ``show_only`` is False."""
    pool = SHOW if show_only else BRIEFING
    order = list(dict.fromkeys(pages if pages is not None else (v.page for v in pool)))
    return [(page, [v for v in pool if v.page == page]) for page in order if any(v.page == page for v in pool)]


def page_scope(page: str) -> tuple[str, ...]:
    """The global filters that act on a page: those of the views it shows (the briefing page shows them all)."""
    shown = VIEWS if page == "briefing" else [v for v in VIEWS if v.page == page]
    return tuple(a for a in ALL_FILTERS if any(a in v.applies for v in shown))


def datasets_of(views: Iterable[View]) -> tuple[str, ...]:
    """Every dataset the views read (REGIONS included when the map is among them), without repeats."""
    return tuple(dict.fromkeys(name for v in views for name in v.datasets))


def scoped(view: View, state: FilterState) -> FilterState:
    """The state as the view sees it: only the filters it declares (a cached view is then shared by every state that
    differs only in filters it ignores: changing the region does not rebuild the deal benchmark)."""
    return replace(state, mode="normal", **{attr: () for attr in ALL_FILTERS if attr not in view.applies})


def build(view: View, frames: Frames, state: FilterState, lang: str, params: Mapping[str, Any] | None = None) -> Built:
    """Build one view under the global filters (each applies only those it declares) and its parameters (the
    slide defaults, overridden by ``params``)."""
    resolved = MappingProxyType(dict(view.resolve(params)))
    return view.build(frames, scoped(view, state), i18n.normalize_lang(lang), resolved)


def build_projection(view: View, frames: Frames, state: FilterState, lang: str,
                     params: Mapping[str, Any] | None = None) -> Built:
    """The view as a projector shows it: its projection variant when it has one (fewer marks), else the view."""
    if view.projection is None:
        return build(view, frames, state, lang, params)
    resolved = MappingProxyType(dict(view.resolve(params)))
    return view.projection(frames, scoped(view, state), i18n.normalize_lang(lang), resolved)


def filter_note(view: View, state: FilterState, lang: str) -> str | None:
    """Which active global filters have no effect on this view (None when all apply or none is active)."""
    ignored = [i18n.t(filters.FILTER_TITLES[attr], lang) for attr in ALL_FILTERS
               if getattr(state, attr) and attr not in view.applies]
    return i18n.t("briefing.filters_not_apply", lang, filters=", ".join(ignored)) if ignored else None


def link(view: View, state: FilterState, app_url: str | None) -> str:
    """The address of the live view with the same filters and language (opened in normal mode)."""
    return filters.share_url(app_url, "" if view.page == "overview" else view.page, replace(state, mode="normal"))
