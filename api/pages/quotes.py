"""The sources behind a fact as the pages show them: the quote, how it is credited, and a link to where it
stands -- the cited article of an official text, or the document.

A paraphrase is never shown as the outlet's words: its credit says "curator's paraphrase of ..." (the
store's own attribution, api/domain/models.py SourceQuote), and the page marks it as such. A quote from
the official text of the agreement on the page links to its unit in the page's own reading of the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import msgspec

from api.domain.models import SourceQuote
from api.store import Snapshot

LANGUAGES = {"en": "English", "nl": "Dutch", "fr": "French", "de": "German", "ja": "Japanese", "ko": "Korean"}
UnitLink = Callable[[str, str], str]
"""(language, unit id) -> the link to that unit on the page."""


class QuoteView(msgspec.Struct, frozen=True, kw_only=True):
    """One source quote, ready to show."""

    quote: str
    paraphrase: bool
    """A curator's retelling, not the source's words."""
    text_kind: str
    credit: str
    """How it is credited ("Yonhap News Agency, 2014-12-29", "curator's paraphrase of ...")."""
    where: str
    """What the link points at: the article of the text ("Article 1, item iv, English"), or the document."""
    in_text: bool
    """From an official text: the link names the article, and the credit follows it."""
    href: str
    title: str
    """The document's headline or the text's title, for a tooltip."""
    data_href: str
    """The source as JSON (the document, or the unit with the provisions citing it)."""


def language_name(code: str | None) -> str:
    return LANGUAGES.get(code or "", code or "")


class UnitLabels:
    """Readable names of official-text units ("Article 1, item iv"), read per text on first use."""

    def __init__(self, db: Snapshot) -> None:
        self.db = db
        self.labels: dict[tuple[str, str, str], str] = {}
        self.loaded: set[str] = set()

    def _load(self, text_id: str) -> None:
        self.loaded.add(text_id)
        rows = self.db.rows(
            "select language, unit_id, kind, number, heading, parent_id from text_units where text_id = ? "
            "order by language, ord",
            (text_id,),
        )
        for r in rows:
            own = r["heading"] or " ".join(part for part in (r["kind"].replace("_", " "), r["number"] or "") if part)
            parent = self.labels.get((text_id, r["language"], r["parent_id"] or ""))
            label = f"{parent}, {own}" if parent else own[:1].upper() + own[1:]
            self.labels[(text_id, r["language"], r["unit_id"])] = label

    def label(self, text_id: str, language: str | None, unit_id: str | None) -> str:
        """The unit's name, or its id when the text does not hold it."""
        if unit_id is None:
            return "the text"
        if text_id not in self.loaded:
            self._load(text_id)
        return self.labels.get((text_id, language or "", unit_id), unit_id)


class QuoteContext:
    """What turning sources into QuoteViews needs from the database: document headlines, unit names, and how
    the page links to units of the text it shows (if any)."""

    def __init__(self, db: Snapshot, page_text: str | None = None, unit_link: UnitLink | None = None) -> None:
        self.titles = {r["id"]: r["title"] for r in db.rows("select id, title from documents")}
        self.titles.update({r["id"]: r["title"] for r in db.rows("select id, title from texts")})
        self.units = UnitLabels(db)
        self.page_text = page_text
        self.unit_link = unit_link

    def view(self, source: SourceQuote) -> QuoteView:
        paraphrase = source.text_kind == "paraphrase"
        if source.text_id:
            unit = self.units.label(source.text_id, source.language, source.unit_id)
            where = f"{unit}, {language_name(source.language)}"
            on_page = source.text_id == self.page_text and self.unit_link is not None and source.unit_id
            href = (
                self.unit_link(source.language or "", source.unit_id or "")
                if on_page and self.unit_link
                else source.url
            )
            title = self.titles.get(source.text_id, source.text_id)
        else:
            where = "the document"
            href = source.url
            title = self.titles.get(source.document_id or "", source.document_id or "")
        return QuoteView(
            quote=source.quote,
            paraphrase=paraphrase,
            text_kind=source.text_kind,
            credit=source.attribution,
            where=where,
            in_text=source.text_id is not None,
            href=href,
            title=title,
            data_href=source.url,
        )

    def views(self, sources: Iterable[SourceQuote]) -> list[QuoteView]:
        return [self.view(s) for s in sources]
