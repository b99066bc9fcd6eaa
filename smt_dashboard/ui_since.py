"""What happened after the study on a page: always badged « Hors étude », each item with its own public source —
the developments read whole, a company's, the then → now cards, what is new since a meeting or a date, each
recommendation's status with its evidence. Streamlit-aware (the views' helpers are ui_views')."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from smt_dashboard import i18n
from smt_dashboard.ui import escape_md, filter_state, lang, load, tr, trp
from smt_dashboard.ui_views import export_menu, show_table, view


def _published(row) -> str:
    """"publié le 4 déc. 2026" for a day, "publié en sept. 2023" for a month or a year."""
    value = "" if i18n.is_missing(row["source_published"]) else str(row["source_published"])
    day = i18n.fmt_month(value, lang())
    if not day:
        return ""
    return tr("since.published" if len(value) == 10 else "since.published_month", date=day)


def show_developments(rows: pd.DataFrame, heading: str | None = None, empty: str | None = None) -> None:
    """Post-study developments as a short list (newest first): the badge, then for each its date and sentence, and a
    line with its source (publisher, linked) and an excerpt. ``empty`` is said when there are none."""
    from smt_dashboard import developments as dv

    if heading:
        st.markdown(f"**{escape_md(heading)}**")
    if rows.empty:
        if empty:
            st.caption(escape_md(empty))
        return
    st.badge(dv.badge(rows["read_on"], lang()), icon=":material/travel_explore:", color="orange")
    for _, row in rows.iterrows():
        st.markdown(f"**{escape_md(row['date_label'])}** — {escape_md(row['text'])}")
        link = f"[{escape_md(row['source_publisher'])}]({row['source_url']})"
        published = _published(row)
        st.caption(tr("since.source_label") + " " + link + (f" ({escape_md(published)})" if published else "") + " · "
                   + escape_md(tr("since.quote", lang=row["quote_lang"], quote=row["quote"])))


def show_company_developments(prepared: pd.DataFrame, searches: pd.DataFrame, company_id: str) -> None:
    """A company's post-study developments, or "no public event found since the study (searched on …)"."""
    from smt_dashboard import developments as dv

    rows, none = dv.company_events(prepared, searches, company_id, lang())
    show_developments(rows, tr("since.related"), empty=none)


def show_development_table(rows: pd.DataFrame, key: str) -> None:
    """Post-study developments as a sortable table: the badge above it, each row with its source's address."""
    from smt_dashboard import developments as dv

    st.badge(dv.badge(rows["read_on"], lang()), icon=":material/travel_explore:", color="orange")
    names = {c: tr(f"since.table.{c}") for c in ("date_label", "kind_label", "jurisdiction_label", "text", "companies",
                                                 "source_publisher", "source_url", "quote", "read_on")}
    table = rows[list(names)].rename(columns=names)
    config = {names["source_url"]: st.column_config.LinkColumn(names["source_url"], display_text=tr("since.open")),
              names["text"]: st.column_config.TextColumn(names["text"], width="large"),
              names["quote"]: st.column_config.TextColumn(names["quote"], width="medium")}
    source = dv.source_line(rows, lang())
    show_table(table, key=key, column_config=config, title=tr("since.timeline_title"), source=source)
    st.caption(escape_md(source))


SHORT_LIST = 6  # developments shown open, whatever their year


def show_developments_by_year(rows: pd.DataFrame, key: str) -> None:
    """The developments read whole: one folded section per year (all open when the list is short), each
    development a wrapped row with its date, sentence, companies, source (linked) and excerpt; the table of them in
    the export menu."""
    from smt_dashboard import developments as dv

    ordered = rows.sort_values("when", ascending=False, kind="stable")
    short = len(ordered) <= SHORT_LIST  # a short list is read open; a long one by the year the reader opens
    for year, group in ordered.groupby("year", sort=False):
        label = trp("since.year_count", len(group), year=int(year), n=i18n.fmt_number(len(group), lang()))
        with st.expander(label, expanded=short, icon=":material/event:"):
            show_developments(group)
    names = {c: tr(f"since.table.{c}") for c in ("date_label", "kind_label", "jurisdiction_label", "text", "companies",
                                                 "source_publisher", "source_url", "quote", "read_on")}
    source = dv.source_line(rows, lang())
    st.caption(escape_md(source))
    export_menu(key, rows[list(names)].rename(columns=names), title=tr("since.timeline_title"), source=source)


def show_then_now(keys: tuple[str, ...] | None = None) -> None:
    """The study's figure beside the latest public one, as cards (the "then → now" view's pairs): the question, then
    « Dans l'étude » with its date, then « Aujourd'hui » badged « Hors étude », its date and source."""
    built = view("then_now")
    pairs = [p for p in built.figures if keys is None or p.key in keys]
    if not pairs:
        return
    if keys is None:
        st.markdown(f"**{escape_md(built.title)}**")
        if filter_state().is_filtered:  # beside filtered figures, never read as filtered
            st.badge(tr("common.national"), icon=":material/public:", color="gray", help=tr("common.national_help"))
    short_badge = tr("since.then_now.badge")
    for column, pair in zip(st.columns(len(pairs)), pairs):
        with column, st.container(border=True, key=f"then_now_{pair.key}", gap="small"):
            # The question (what the study's figure counted, and why the two are not the same measure, in its
            # help), the study's figure, then the latest public one badged « Hors étude » with its date and source.
            then_line = f"**{tr('since.then_now.col.then')}** — {pair.then.text(lang())}"
            st.markdown(f"**{escape_md(pair.question)}**", help=then_line + "\n\n" + pair.caveat)
            st.markdown(f"{escape_md(tr('since.then_now.col.then'))} · **{escape_md(pair.then.value)}**")
            st.markdown(f":orange-badge[:material/travel_explore: {escape_md(short_badge)}] "
                        f"**{escape_md(pair.now.value)}** ({escape_md(pair.now.date)})  \n"
                        f":small[{escape_md(pair.now.detail)}"
                        + (" — " + escape_md(pair.now.beside) if pair.now.beside else "") + "]")
            st.caption(escape_md(pair.now_source))
    if keys is None:
        export_menu("then_now", built.content, title=built.title, source=built.source)


def news_choice() -> str:
    """The day the "what is new" list counts from: the last meeting (when the secretariat entered one), 3 or 12
    months, since the study, or a date; kept in the address (``since=``)."""
    from datetime import date, timedelta

    from smt_dashboard import address, news
    from smt_dashboard.schemas.post_study import STUDY_DATE

    today = date.today()
    has_meeting = news.last_meeting(load("meetings"), today) is not None
    options = [q for q in news.QUICK if q != "last_meeting" or has_meeting] + ["date"]
    binding = address.Binding("since", "text", "")
    asked = str(address.value(binding) or "")
    is_day = len(asked) == 10 and asked[4] == "-"
    current = asked if asked in options else ("date" if is_day else options[0])
    st.session_state.setdefault("since_quick", current)
    if asked and st.session_state.get("since_quick") != current and asked != st.session_state.get("since_written"):
        st.session_state["since_quick"] = current  # a link (or the back button) named another choice
    pick = st.segmented_control(tr("since.news.choice"), options, key="since_quick", required=True,
                                format_func=lambda q: tr(f"since.news.quick.{q}"))
    if not has_meeting:
        st.caption(tr("since.news.no_meeting"))
    value = pick or options[0]
    if pick == "date":
        start = date.fromisoformat(asked) if is_day else today - timedelta(days=91)
        day = st.date_input(tr("since.news.pick_date"), value=min(max(start, STUDY_DATE), today),
                            min_value=STUDY_DATE, max_value=today, key="since_day", format="DD/MM/YYYY")
        value = day.isoformat()
    st.session_state["since"] = value if value != options[0] or asked else ""
    st.session_state["since_written"] = st.session_state["since"]
    address.follow(binding)
    return value


def deck_news_choice() -> str | None:
    """The briefing page's "open the deck on what is new" switch and its period (None when off)."""
    from datetime import date

    from smt_dashboard import news

    if not st.toggle(tr("briefing.news_toggle"), key="briefing_news", help=tr("briefing.news_toggle_help")):
        return None
    has_meeting = news.last_meeting(load("meetings"), date.today()) is not None
    options = [q for q in news.QUICK if q != "last_meeting" or has_meeting]
    return st.segmented_control(tr("since.news.choice"), options, key="briefing_news_since", required=True,
                                default=options[0], format_func=lambda q: tr(f"since.news.quick.{q}")) or options[0]


def show_followup_evidence() -> None:
    """Each recommendation's follow-up status with its evidence: the developments behind it, linked to their source."""
    from smt_dashboard import developments as dv

    prepared = dv.prepare(load("developments"), load("companies"), lang())
    table = dv.followup(load("recommendation_followup"), load("recommendations"), prepared, lang())
    records = table.to_dict("records")
    backed = [r for r in records if r["development_ids"]]
    for row in backed:
        label = f"{row['status_label']} — {row['recommendation']}"
        with st.expander(label, icon=":material/fact_check:"):
            st.markdown(escape_md(row["note"]))
            evidence = prepared[prepared["development_id"].isin(row["development_ids"])]
            show_developments(evidence.iloc[::-1], empty=tr("since.followup_no_evidence"))
    # The recommendations nothing public backs: one section, each with what was searched for (its note).
    unbacked = [r for r in records if not r["development_ids"]]
    if unbacked:
        label = trp("since.followup_unbacked", len(unbacked), n=i18n.fmt_number(len(unbacked), lang()))
        with st.expander(label, icon=":material/search_off:"):
            st.caption(tr("since.followup_no_evidence"))
            st.markdown("\n".join(f"- **{escape_md(r['status_label'])}** — {escape_md(r['recommendation'])}  \n"
                                   f"  :small[{escape_md(r['note'])}]" for r in unbacked))


