"""An agreement's official text as its page shows it: one language version, article by article, every
unit with an anchor (`#u-art_1__item_iv`) that the page's quotes link to, the quoted passages marked,
and beside each article the provisions that cite it (or a unit inside it) and the ledger's reason when
it holds no terms.

The text comes from the domain (api/domain/texts.py); a unit's own words are the part of its text
outside its sub-units, cut by the units' offsets into the version's clean text, so nothing is shown twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import msgspec

from api.domain import texts
from api.domain.errors import NotFound
from api.domain.models import SourceQuote
from api.domain.source_models import UnitOut
from api.pages.quotes import UnitLabels
from api.pages.terms_view import ProvisionView
from api.settings import API_PREFIX
from api.store import Snapshot


class Piece(msgspec.Struct, frozen=True, kw_only=True):
    """A stretch of a unit's words, quoted by a citation or not."""

    text: str
    cited: bool


class UnitView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    anchor: str
    heading: str | None
    lead: tuple[Piece, ...]
    """The unit's own words before its first sub-unit (all of them when it has none)."""
    children: tuple[UnitView, ...]
    tail: tuple[Piece, ...]
    """The unit's own words after its last sub-unit."""


class CitingProvision(msgspec.Struct, frozen=True, kw_only=True):
    provision: ProvisionView
    where: str
    """The cited units inside the article, by name ("item iv; item i, a")."""


class ArticleView(msgspec.Struct, frozen=True, kw_only=True):
    unit: UnitView
    provisions: tuple[CitingProvision, ...]
    no_terms: str | None
    """The ledger's reason the unit holds no terms ("recitals: ..."), when it names one."""


class TextReading(msgspec.Struct, frozen=True, kw_only=True):
    text_id: str
    title: str
    source: str
    language: str
    version_kind: str
    """"authentic text", "translation" ..., from the version's text kind."""
    languages: tuple[str, ...]
    """The languages the text is held in (the page links each version)."""
    articles: tuple[ArticleView, ...]
    data_href: str


def _trimmed(text: str, start: int, end: int, base: int) -> tuple[int, int]:
    """[start, end) (offsets into the version) without the whitespace at either end."""
    while start < end and text[start - base].isspace():
        start += 1
    while end > start and text[end - 1 - base].isspace():
        end -= 1
    return start, end


def _pieces(unit: UnitOut, start: int, end: int, marks: Sequence[tuple[int, int]]) -> tuple[Piece, ...]:
    start, end = _trimmed(unit.text, start, end, unit.clean_start)
    if start >= end:
        return ()
    cuts = sorted({start, end, *(p for m in marks for p in m if start < p < end)})
    pieces: list[Piece] = []
    for left, right in itertools.pairwise(cuts):
        cited = any(m0 <= left and right <= m1 for m0, m1 in marks)
        text = unit.text[left - unit.clean_start : right - unit.clean_start]
        if pieces and pieces[-1].cited == cited:
            pieces[-1] = Piece(text=pieces[-1].text + text, cited=cited)
        else:
            pieces.append(Piece(text=text, cited=cited))
    return tuple(pieces)


def _view(unit: UnitOut, children: dict[str | None, list[UnitOut]], marks: Sequence[tuple[int, int]]) -> UnitView:
    inner = children.get(unit.id, [])
    start = unit.clean_start
    if unit.heading and unit.text.startswith(unit.heading):
        start += len(unit.heading)  # the heading is shown as a heading
    lead_end = inner[0].clean_start if inner else unit.clean_end
    return UnitView(
        id=unit.id,
        anchor=f"u-{unit.id}",
        heading=unit.heading or (unit.kind.replace("_", " ").capitalize() if unit.parent_id is None else None),
        lead=_pieces(unit, start, lead_end, marks),
        children=tuple(_view(c, children, marks) for c in inner),
        tail=_pieces(unit, inner[-1].clean_end, unit.clean_end, marks) if inner else (),
    )


def _inside(unit_id: str | None, article: str) -> bool:
    return unit_id is not None and (unit_id == article or unit_id.startswith(f"{article}__"))


def _citing(
    article: str, text_id: str, provisions: Iterable[tuple[ProvisionView, list[SourceQuote]]], labels: UnitLabels
) -> tuple[CitingProvision, ...]:
    found = []
    for view, sources in provisions:
        units = [s for s in sources if s.text_id == text_id and _inside(s.unit_id, article)]
        if not units:
            continue
        named = dict.fromkeys(
            labels.label(text_id, s.language, s.unit_id).partition(", ")[2] or "the whole article" for s in units
        )
        found.append(CitingProvision(provision=view, where="; ".join(named)))
    return tuple(found)


def text_reading(
    db: Snapshot,
    agreement_id: str,
    language: str | None,
    sources: Iterable[SourceQuote],
    provisions: Iterable[tuple[ProvisionView, list[SourceQuote]]],
    labels: UnitLabels,
) -> TextReading | None:
    """The official text in `language` (default: its first version), or None when the store holds none.
    `sources` are every quote on the page (their passages are marked); `provisions` the page's provisions
    with their sources (listed beside the articles they cite)."""
    try:
        text = texts.agreement_text(db, agreement_id, language)
    except NotFound:
        return None
    version = text.versions[0]
    marks = sorted(
        (s.clean_start, s.clean_end) for s in sources if s.text_id == text.text_id and s.language == version.language
    )
    children: dict[str | None, list[UnitOut]] = {}
    for unit in version.units:
        children.setdefault(unit.parent_id, []).append(unit)
    kind = db.row(
        "select text_kind, authentic from text_versions where text_id = ? and language = ? order by main desc",
        (text.text_id, version.language),
    )
    version_kind = "authentic text" if kind and kind["authentic"] else (kind["text_kind"] if kind else "") or ""
    no_terms = {
        r["unit_id"]: r["no_terms"]
        for r in db.rows(
            "select unit_id, no_terms from text_ledger where agreement_id = ? and text_id = ?",
            (agreement_id, text.text_id),
        )
    }
    listed = list(provisions)
    return TextReading(
        text_id=text.text_id,
        title=version.title or text.title,
        source=text.source,
        language=version.language,
        version_kind=version_kind.replace("_", " "),
        languages=tuple(text.languages),
        articles=tuple(
            ArticleView(
                unit=_view(unit, children, marks),
                provisions=_citing(unit.id, text.text_id, listed, labels),
                no_terms=no_terms.get(unit.id),
            )
            for unit in children.get(None, [])
        ),
        data_href=f"{API_PREFIX}/agreements/{quote(agreement_id, safe='')}/text?language={version.language}",
    )
