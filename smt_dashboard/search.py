"""One search over what the datasets name: companies, their SMT and products, therapy areas and regions, the
catalogue's examples, digital therapeutics, recommendations, SWOT items, policy milestones, post-study
developments, trainings and schools, institutions and sources.

The index is built once per data version (and language, for what a result shows); both languages' words are
indexed, so "insulin" and "insuline" find the same rows. Matching is accent- and case-insensitive and tolerant of
small typos: each query word is matched against the index's vocabulary with RapidFuzz (exact, prefix, then edit
ratio), and an entry must match every word. Pure: no Streamlit."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from smt_dashboard import i18n
from smt_dashboard.catalogue import translated

# Result groups, in the order the page shows them.
KINDS = ("company", "product", "area", "region", "smt", "dtx", "development", "recommendation", "swot", "policy",
         "training", "institution", "source")
# Tables the index reads (the regions GeoJSON is passed apart, as region names).
DATASETS = ("companies", "company_products", "smt_examples", "digital_therapeutics", "dtx_developers", "developments",
            "recommendations", "swot", "policy_timeline", "training_dus", "training_ra_masters",
            "training_engineering_masters", "training_ux_establishments", "institutions", "sources")
# Words that say nothing on their own: ignored in a query.
STOPWORDS = frozenset("""a au aux avec d de des du en et l la le les un une pour par sur dans qui que
the of and an in on for with to by at is are""".split())
TITLE_WEIGHT = 1.0
TEXT_WEIGHT = 0.6
PREFIX_SCORE = 96.0
MIN_PREFIX = 3
NAME_BONUS = 40.0
_SPLIT = re.compile(r"[^0-9a-z]+")


def normalize(text: object) -> str:
    """Lower case, accents removed, punctuation as spaces: ``"Diabétologie (FR)"`` → ``"diabetologie fr"``."""
    if i18n.is_missing(text):
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).lower().replace("œ", "oe").replace("æ", "ae"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_SPLIT.split(plain)).strip()


def words(text: object) -> list[str]:
    """The normalized words of a text."""
    return [w for w in normalize(text).split(" ") if w]


def _cutoff(word: str) -> float:
    """The edit ratio a vocabulary word needs to count as this query word (one typo in a short word)."""
    return 0.0 if len(word) < 4 else (75.0 if len(word) < 6 else 80.0)


@dataclass(frozen=True)
class Target:
    """Where a result leads: a page, its own address parameters, and the global filters the link sets."""

    page: str
    params: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One thing the search can find: its kind, id, name, a one-line context (in the index's language) and where
    it leads."""

    kind: str
    entry_id: str
    title: str
    context: str
    target: Target


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


@dataclass
class Index:
    """Entries, the vocabulary (sorted, for prefix lookups) and which entries hold each word, with its weight."""

    entries: list[Entry]
    vocab: list[str]
    postings: dict[str, dict[int, float]]
    names: list[str]  # normalized titles, for the whole-name bonus and suggestions
    lang: str = "fr"
    _by_word: dict[str, list[tuple[str, float]]] = field(default_factory=dict, repr=False)


# --- building ------------------------------------------------------------------------------------

def _text(*values: object) -> str:
    return " ".join(str(v) for v in values if not i18n.is_missing(v))


def _codes(cell: object) -> list[str]:
    return [] if i18n.is_missing(cell) else [c for c in str(cell).split(";") if c]


def _both(kind: str, codes: Iterable[str]) -> str:
    """A code list's labels in both languages (so that either language's word finds it)."""
    return " ".join(i18n.label(kind, c, lang) for c in codes for lang in i18n.LANGS)


def _both_cols(row: Mapping, stem: str) -> str:
    return _text(*(row.get(f"{stem}_{lang}") for lang in i18n.LANGS))


def _short(text: object, limit: int = 140) -> str:
    text = "" if i18n.is_missing(text) else " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _records(frames: Mapping[str, pd.DataFrame], name: str) -> list[dict]:
    df = frames.get(name)
    return [] if df is None else df.to_dict("records")


def _entries(frames: Mapping[str, pd.DataFrame], region_names: Mapping[str, str], areas: Sequence[str],
             lang: str) -> Iterable[tuple[Entry, str, str]]:
    """(entry, title words, other words) for every row the datasets name."""
    t = lambda key, **kw: i18n.t(f"search.{key}", lang, **kw)  # noqa: E731
    companies = _records(frames, "companies")
    company_names = {c["company_id"]: c["name"] for c in companies}
    in_france = {c["company_id"] for c in companies if c["scope"] != "us"}
    examples = {normalize(e["name"]): e for e in _records(frames, "smt_examples")}
    products = _records(frames, "company_products")
    products_of: dict[str, list[dict]] = {}
    for p in products:
        products_of.setdefault(p["company_id"], []).append(p)

    def example_words(name: object) -> str:
        e = examples.get(normalize(name))
        return "" if e is None else _text(e.get("drug"), _both_cols(e, "description"))

    for c in companies:
        own = products_of.get(c["company_id"], [])
        areas_text = _both("area", _codes(c.get("therapy_areas")))
        other = _text(_both_cols(c, "description"), c.get("city"), c.get("region_name"), areas_text,
                      (c.get("pharma_partners") or "").replace(";", " ") if not i18n.is_missing(c.get("pharma_partners")) else "",
                      _both("model", [c["model"]]) if not i18n.is_missing(c.get("model")) else "",
                      " ".join(_text(p["product"], example_words(p["product"])) for p in own))
        place = _text(c.get("city"))
        context = " · ".join(x for x in (i18n.label("nationality", c["scope"], lang), place) if x)
        if c["company_id"] in in_france:
            target = Target("company", (("company", c["company_id"]),))
        else:
            target = Target("map")
        yield Entry("company", c["company_id"], c["name"], context, target), c["name"], other
    for p in products:
        company = company_names.get(p["company_id"], p["company_id"])
        area = "" if i18n.is_missing(p.get("therapy_area")) else i18n.label("area", p["therapy_area"], lang)
        context = " · ".join(x for x in (t("of_company", company=company), i18n.label("status", p["status"], lang),
                                          area) if x)
        other = _text(company, _both("area", _codes(p.get("therapy_area"))), _both_cols(p, "note"),
                      example_words(p["product"]))
        target = Target("company", (("company", p["company_id"]),)) if p["company_id"] in in_france else Target("map")
        yield Entry("product", f"{p['company_id']}:{p['product']}", p["product"], context, target), p["product"], other
    for code in areas:
        title = i18n.label("area", code, lang)
        yield (Entry("area", code, title, t("area_context"), Target("profile", areas=(code,))),
               _both("area", [code]), code)
    for code, name in region_names.items():
        yield Entry("region", code, name, t("region_context"), Target("profile", regions=(code,))), name, ""
    for e in _records(frames, "smt_examples"):
        area = "" if i18n.is_missing(e.get("therapy_area")) else i18n.label("area", e["therapy_area"], lang)
        # Device types and drugs the study names in French read in English too (« Inhalateur » → "Inhaler").
        name, drug = translated(e, "name", lang), translated(e, "drug", lang)
        context = " · ".join(x for x in (i18n.label("category", e["category"], lang), _text(drug), area) if x)
        other = _text(e.get("drug"), e.get("drug_en"), e["name"], e.get("name_en"), _both_cols(e, "description"),
                      _both("category", [e["category"]]), _both("area", _codes(e.get("therapy_area"))))
        yield Entry("smt", e["example_id"], name, context, Target("catalogue")), name, other
    developers = {d["developer_id"]: d for d in _records(frames, "dtx_developers")}
    for d in _records(frames, "digital_therapeutics"):
        dev = developers.get(d.get("developer_id")) or {}
        context = " · ".join(x for x in (t("dtx_context"), _text(dev.get("name")), _text(d.get("pharma_partner"))) if x)
        other = _text(dev.get("name"), d.get("pharma_partner"), _both("area", _codes(d.get("therapy_area"))),
                      _both_cols(d, "note"))
        yield Entry("dtx", d["dtx_id"], d["name"], context, Target("catalogue")), d["name"], other
    for d in developers.values():
        if not i18n.is_missing(d.get("company_id")) and d["company_id"] in in_france:
            continue  # the French developer is its company's page
        context = " · ".join(x for x in (t("developer_context"), _text(d.get("city"))) if x)
        yield Entry("dtx", d["developer_id"], d["name"], context, Target("catalogue")), d["name"], _text(d.get("city"))
    for d in _records(frames, "developments"):
        text = i18n.pick(d, "text", lang) or ""
        companies_here = " ".join(company_names.get(c, c) for c in _codes(d.get("company_ids")))
        other = _text(_both_cols(d, "text"), d.get("source_publisher"), d.get("quote"), companies_here,
                      _both("area", _codes(d.get("therapy_areas"))))
        title = _short(text, 110)
        context = " · ".join(x for x in (i18n.fmt_month(d.get("date"), lang) or _text(d.get("date")),
                                          _text(d.get("source_publisher")), t("post_study")) if x)
        yield (Entry("development", d["development_id"], title, context, Target("since")),
               _both_cols(d, "text"), other)
    for r in _records(frames, "recommendations"):
        title = _short(i18n.pick(r, "text", lang), 120)
        yield (Entry("recommendation", r["reco_id"], title, i18n.t("search.reco_context", lang),
                     Target("recommendations")), _both_cols(r, "text"), "")
    for s in _records(frames, "swot"):
        title = _short(i18n.pick(s, "text", lang), 120)
        context = i18n.label("quadrant", s["quadrant"], lang)
        yield (Entry("swot", s["item_id"], title, context, Target("swot", (("swot_item", s["item_id"]),))),
               _both_cols(s, "text"), "")
    for p in _records(frames, "policy_timeline"):
        title = i18n.pick(p, "title", lang) or ""
        context = " · ".join(x for x in (_text(p.get("date"))[:10], i18n.label("country", p["jurisdiction"], lang)) if x)
        yield (Entry("policy", p["event_id"], title, context, Target("policy")), _both_cols(p, "title"),
               _both_cols(p, "detail"))
    trainings = (
        ("training_dus", "du_id", "name", ("university", "city")),
        ("training_ra_masters", "master_id", "master_name", ("university", "city")),
        ("training_engineering_masters", "master_id", "name", ("partners",)),
        ("training_ux_establishments", "establishment", "establishment", ("city",)),
    )
    for table, id_col, name_col, context_cols in trainings:
        for row in _records(frames, table):
            context = " · ".join(_text(row.get(c)).replace(";", ", ") for c in context_cols if _text(row.get(c)))
            yield (Entry("training", f"{table}:{row[id_col]}", str(row[name_col]), context, Target("trainings")),
                   _text(row[name_col]), context)
    for i in _records(frames, "institutions"):
        name = i18n.pick(i, "name", lang) or ""
        title = f"{i['acronym']} – {name}" if not i18n.is_missing(i.get("acronym")) else name
        yield (Entry("institution", i["institution_id"], title, _short(i18n.pick(i, "mission", lang), 120),
                     Target("policy")), _text(i.get("acronym"), _both_cols(i, "name")), _both_cols(i, "mission"))
    for s in _records(frames, "sources"):
        title = _text(i18n.pick(s, "citation", lang))
        yield (Entry("source", s["source_id"], title, _short(s.get("title"), 120), Target("about")),
               _text(_both_cols(s, "citation"), s.get("publisher")), _text(s.get("title")))


def areas_present(frames: Mapping[str, pd.DataFrame]) -> tuple[str, ...]:
    """Therapy areas some company, product or catalogue SMT is in (an area nothing is in leads nowhere)."""
    found: set[str] = set()
    for name, column in (("companies", "therapy_areas"), ("company_products", "therapy_area"),
                         ("smt_examples", "therapy_area")):
        df = frames.get(name)
        if df is not None and column in df.columns:
            for cell in df[column].dropna():
                found.update(_codes(cell))
    return tuple(sorted(found))


def build_index(frames: Mapping[str, pd.DataFrame], region_names: Mapping[str, str] | None = None,
                areas: Sequence[str] = (), lang: str = "fr") -> Index:
    """The index of everything the datasets name (built once per data version and language)."""
    lang = i18n.normalize_lang(lang)
    entries: list[Entry] = []
    postings: dict[str, dict[int, float]] = {}
    names: list[str] = []
    for entry, title_words, other_words in _entries(frames, region_names or {}, areas, lang):
        number = len(entries)
        entries.append(entry)
        names.append(normalize(entry.title))
        for weight, text in ((TEXT_WEIGHT, other_words), (TITLE_WEIGHT, _text(entry.title, title_words))):
            for word in words(text):
                slot = postings.setdefault(word, {})
                if slot.get(number, 0.0) < weight:
                    slot[number] = weight
    return Index(entries, sorted(postings), postings, names, lang)


# --- searching -----------------------------------------------------------------------------------

def _matches(index: Index, word: str) -> list[tuple[str, float]]:
    """Vocabulary words that count as ``word``, with a score out of 100 (exact 100, prefix 96, else edit ratio)."""
    cached = index._by_word.get(word)
    if cached is not None:
        return cached
    found: dict[str, float] = {}
    if word in index.postings:
        found[word] = 100.0
    if len(word) >= MIN_PREFIX:
        start = bisect.bisect_left(index.vocab, word)
        for candidate in index.vocab[start:]:
            if not candidate.startswith(word):
                break
            found.setdefault(candidate, PREFIX_SCORE)
    cutoff = _cutoff(word)
    if cutoff:
        for candidate, score, _ in process.extract(word, index.vocab, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=50):
            if abs(len(candidate) - len(word)) <= (1 if len(word) < 8 else 2):  # a typo, not another word
                found.setdefault(candidate, float(score))
        # A typo inside a word's beginning ("diabto" for "diabetologie"): the same edit ratio against the start
        # of longer words.
        if len(word) >= 5:
            size = len(word)
            longer = [w for w in index.vocab if len(w) > size + 1]
            for candidate, score, _ in process.extract(word, longer, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                       processor=lambda w, n=size: w[:n], limit=50):
                found.setdefault(candidate, float(score) * 0.9)
    result = sorted(found.items(), key=lambda kv: -kv[1])
    if len(index._by_word) < 4096:
        index._by_word[word] = result
    return result


def search(index: Index, query: str, limit: int = 200) -> list[Hit]:
    """Entries matching every word of ``query``, best first (the whole name typed counts most)."""
    query_words = words(query)
    meaningful = [w for w in query_words if w not in STOPWORDS]
    if not meaningful:
        return []
    totals: dict[int, float] | None = None
    for word in dict.fromkeys(meaningful):
        best: dict[int, float] = {}
        for candidate, score in _matches(index, word):
            for number, weight in index.postings[candidate].items():
                value = score * weight
                if value > best.get(number, 0.0):
                    best[number] = value
        if totals is None:
            totals = best
        else:
            totals = {n: totals[n] + v for n, v in best.items() if n in totals}
        if not totals:
            return []
    whole = normalize(query)
    scored = []
    for number, score in totals.items():
        name = index.names[number]
        if name == whole:
            score += NAME_BONUS
        elif name.startswith(whole) or fuzz.ratio(whole, name) >= 85:
            score += NAME_BONUS / 2
        scored.append(Hit(index.entries[number], score / len(meaningful)))
    scored.sort(key=lambda h: (-h.score, KINDS.index(h.entry.kind), h.entry.title))
    return scored[:limit]


def grouped(hits: Sequence[Hit]) -> dict[str, list[Hit]]:
    """Hits by kind, each group best first; the group with the best hit first ("diabéto": the area before the
    companies in it), ties in the order of KINDS."""
    groups: dict[str, list[Hit]] = {k: [] for k in KINDS}
    for hit in hits:
        groups[hit.entry.kind].append(hit)
    ranked = sorted((k for k in KINDS if groups[k]), key=lambda k: (-groups[k][0].score, KINDS.index(k)))
    return {k: groups[k] for k in ranked}


def suggestions(index: Index, query: str, n: int = 3) -> list[str]:
    """The nearest names to a query that found nothing (companies, products and areas first)."""
    whole = normalize(query)
    if not whole:
        return []
    names = [(i, name) for i, name in enumerate(index.names)
             if index.entries[i].kind in ("company", "product", "area", "region", "smt", "dtx", "institution")]
    found = process.extract(whole, {i: name for i, name in names}, scorer=fuzz.WRatio, limit=n * 3)
    titles = []
    for _, score, number in found:
        title = index.entries[number].title
        if score >= 50 and title not in titles:
            titles.append(title)
    return titles[:n]


def company_ids(index: Index) -> list[str]:
    """Ids of the companies that have a page (the ones in France)."""
    return [e.entry_id for e in index.entries if e.kind == "company" and e.target.page == "company"]
