"""One search over what the datasets name: companies, their SMT and products, therapy areas and regions, the
catalogue's examples, digital therapeutics, recommendations, SWOT items, policy milestones, post-study
developments, trainings and schools, institutions and sources.

The index is built once per data version (and language, for what a result shows); both languages' words are
indexed, so "insulin" and "insuline" find the same rows. Matching is accent- and case-insensitive and tolerant of
small typos: each query word is matched against the index's vocabulary with RapidFuzz (exact, prefix, then edit
ratio), and an entry must match every word. Pure: no Streamlit."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from smt_dashboard import i18n
from smt_dashboard.search_entries import Entry, Target, code_list, normalize, text_of, words  # noqa: F401 - Target: part of the API
from smt_dashboard.search_entries import entries as index_entries

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
# What a query most likely means, at an equal match: a therapy area or a region (it sets a filter) a little before
# the rest, the study before what is said of it since (post-study developments a little after).
KIND_BONUS = {"area": 10.0, "region": 10.0, "development": -10.0}


def _cutoff(word: str) -> float:
    """The edit ratio a vocabulary word needs to count as this query word (one typo in a short word)."""
    return 0.0 if len(word) < 4 else (75.0 if len(word) < 6 else 80.0)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The index's words, sorted (for prefix lookups). Compared and hashed by identity: the word cache's key, so
    that each index (one per data version and language) has its own entries."""

    words: tuple[str, ...]
    known: frozenset[str]


@dataclass
class Index:
    """Entries, the vocabulary (sorted, for prefix lookups) and which entries hold each word, with its weight."""

    entries: list[Entry]
    vocab: list[str]
    postings: dict[str, dict[int, float]]
    names: list[str]  # normalized titles, for the whole-name bonus and suggestions
    lang: str = "fr"
    vocabulary: Vocabulary = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = Vocabulary(tuple(self.vocab), frozenset(self.postings))


# --- building ------------------------------------------------------------------------------------

def areas_present(frames: Mapping[str, pd.DataFrame]) -> tuple[str, ...]:
    """Therapy areas some company, product or catalogue SMT is in (an area nothing is in leads nowhere)."""
    found: set[str] = set()
    for name, column in (("companies", "therapy_areas"), ("company_products", "therapy_area"),
                         ("smt_examples", "therapy_area")):
        df = frames.get(name)
        if df is not None and column in df.columns:
            for cell in df[column].dropna():
                found.update(code_list(cell))
    return tuple(sorted(found))


def build_index(frames: Mapping[str, pd.DataFrame], region_names: Mapping[str, str] | None = None,
                areas: Sequence[str] = (), lang: str = "fr") -> Index:
    """The index of everything the datasets name (built once per data version and language)."""
    lang = i18n.normalize_lang(lang)
    entries: list[Entry] = []
    postings: dict[str, dict[int, float]] = {}
    names: list[str] = []
    for entry, title_words, other_words in index_entries(frames, region_names or {}, areas, lang):
        number = len(entries)
        entries.append(entry)
        names.append(normalize(entry.title))
        for weight, text in ((TEXT_WEIGHT, other_words), (TITLE_WEIGHT, text_of(entry.title, title_words))):
            for word in words(text):
                slot = postings.setdefault(word, {})
                if slot.get(number, 0.0) < weight:
                    slot[number] = weight
    return Index(entries, sorted(postings), postings, names, lang)


# --- searching -----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _word_matches(vocabulary: Vocabulary, word: str) -> tuple[tuple[str, float], ...]:
    """Vocabulary words that count as ``word``, with a score out of 100 (exact 100, prefix 96, else edit ratio).
    Pure, so one bounded cache serves every session (lru_cache locks its own bookkeeping)."""
    vocab = vocabulary.words
    found: dict[str, float] = {}
    if word in vocabulary.known:
        found[word] = 100.0
    if len(word) >= MIN_PREFIX:
        start = bisect.bisect_left(vocab, word)
        for candidate in vocab[start:]:
            if not candidate.startswith(word):
                break
            found.setdefault(candidate, PREFIX_SCORE)
    cutoff = _cutoff(word)
    if cutoff:
        for candidate, score, _ in process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=50):
            if abs(len(candidate) - len(word)) <= (1 if len(word) < 8 else 2):  # a typo, not another word
                found.setdefault(candidate, float(score))
        # A typo inside a word's beginning ("diabto" for "diabetologie"): the same edit ratio against the start
        # of longer words.
        if len(word) >= 5:
            size = len(word)
            longer = [w for w in vocab if len(w) > size + 1]
            for candidate, score, _ in process.extract(word, longer, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                       processor=lambda w, n=size: w[:n], limit=50):
                found.setdefault(candidate, float(score) * 0.9)
    return tuple(sorted(found.items(), key=lambda kv: -kv[1]))


def _matches(index: Index, word: str) -> tuple[tuple[str, float], ...]:
    return _word_matches(index.vocabulary, word)


def clear_word_cache() -> None:
    """Forget every cached word match (the benchmark times queries on a cold cache)."""
    _word_matches.cache_clear()


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
        score += KIND_BONUS.get(index.entries[number].kind, 0.0)
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
