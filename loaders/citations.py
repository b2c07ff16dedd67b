"""Locating a citation's quote in its source: a news document or an official text."""

from __future__ import annotations

import msgspec

from loaders.official_text import unit_at
from loaders.quotes import NormalisedText, differences
from loaders.seeds_model import SourceDocument, SourceText
from schema.base import Citation
from schema.texts import OfficialText


class Located(msgspec.Struct, frozen=True, kw_only=True):
    """Where a quote stands: offsets in the cleaned text (and the raw text, for documents), its
    paragraph (documents) or its language version and unit (official texts)."""

    clean_start: int
    clean_end: int
    raw_start: int | None = None
    raw_end: int | None = None
    paragraph: int | None = None
    """`n` of the block (line) the quote starts in."""
    language: str | None = None
    unit: str | None = None
    instrument: str | None = None
    """For official texts: which instrument of the file the language version is (`agreement`, `note_1`)."""


class NotFound(Exception):
    """The quote cannot be located; the message says why and how to fix it."""


def _span(normalised: NormalisedText, citation: Citation, where: str) -> tuple[int, int]:
    spans = normalised.find_all(citation.quote)
    if not spans:
        raise NotFound("")
    if citation.occurrence is None and len(spans) > 1:
        raise NotFound(f"quote occurs {len(spans)} times in {where}; quote more words or set `occurrence`")
    occurrence = citation.occurrence or 1
    if occurrence > len(spans):
        raise NotFound(f"occurrence {occurrence} asked for, but the quote occurs {len(spans)} time(s)")
    return spans[occurrence - 1]


def locate(source: SourceDocument | SourceText, citation: Citation) -> Located:
    """Where the citation's quote stands in `source`; raises NotFound. Each quote is located once per source
    (the checks and the citation rows both ask), and the build's cache keeps what was found."""
    key = (citation.quote, citation.occurrence, citation.language, citation.unit)
    found = source.located.get(key)
    if found is None:
        found = source.located[key] = _locate(source, citation)
    return found


def _locate(source: SourceDocument | SourceText, citation: Citation) -> Located:
    if isinstance(source, SourceText):
        return _locate_in_text(source, citation)
    if citation.unit or citation.language:
        raise NotFound(f"{source.entry.id} is a news document: `unit` and `language` are for official texts")
    try:
        start, end = _span(source.normalised, citation, source.entry.id)
    except NotFound as exc:
        raise NotFound(str(exc) or _why_not_found(source, citation.quote)) from None
    paragraph = next(
        b.n
        for b in source.cleaned.paragraphs
        if b.clean_start is not None and b.clean_end is not None and b.clean_start <= start < b.clean_end
    )
    return Located(
        clean_start=start,
        clean_end=end,
        raw_start=source.cleaned.raw_offset(start),
        raw_end=source.cleaned.raw_offset(end),
        paragraph=paragraph,
    )


def _locate_in_text(source: SourceText, citation: Citation) -> Located:
    text_id = source.entry.id
    languages = source.languages
    language = citation.language or (languages[0] if len(languages) == 1 else None)
    if language is None:
        raise NotFound(f"{text_id} has versions in {', '.join(languages)}: say which with `language`")
    if language not in languages:
        raise NotFound(f"{text_id} has no {language!r} version (it has {', '.join(languages)})")
    candidates = source.in_language(language)
    where = f"the {language} text of {text_id}"
    if citation.unit is not None:
        holding = [(v, n) for v, n in candidates if any(u.id == citation.unit for u in v.units)]
        if not holding:
            raise NotFound(f"{where} has no unit {citation.unit!r}")
        candidates = holding
    spans = [(version, span) for version, normalised in candidates for span in normalised.find_all(citation.quote)]
    if not spans:
        raise NotFound(_why_not_in_text(source, language, citation))
    if citation.occurrence is None and len(spans) > 1:
        raise NotFound(f"quote occurs {len(spans)} times in {where}; quote more words or set `occurrence`")
    occurrence = citation.occurrence or 1
    if occurrence > len(spans):
        raise NotFound(f"occurrence {occurrence} asked for, but the quote occurs {len(spans)} time(s)")
    version, (start, end) = spans[occurrence - 1]
    containing = unit_at(version, start, end)
    if citation.unit is not None:
        cited = version.unit(citation.unit)
        if not (cited.clean_start <= start and end <= cited.clean_end):
            actual = containing.id if containing else "no single unit"
            raise NotFound(f"the quote is not inside {citation.unit!r}; it is in {actual!r}")
    unit = citation.unit or (containing.id if containing else None)
    return Located(clean_start=start, clean_end=end, language=language, unit=unit, instrument=version.instrument)


def _unit_name(version: OfficialText, span: tuple[int, int]) -> str:
    unit = unit_at(version, *span)
    if unit is None:
        return "no single unit"
    return f"{unit.id!r}" + (f" ({unit.label})" if unit.label else "")


def _why_not_in_text(source: SourceText, language: str, citation: Citation) -> str:
    """Where the nearest match of a quote that is not in the cited version is: the same words with a
    character that differs, the same words in another language version, or the quote's opening."""
    where = f"the {language} text of {source.entry.id}"
    cited = f" (the citation names {citation.unit!r})" if citation.unit else ""
    here = source.in_language(language)
    for version, normalised in here:
        near = normalised.near_span(citation.quote)
        if near is not None:
            found = " ".join(version.clean[near[0] : near[1]].split())
            changes = "; ".join(differences(citation.quote, found))
            return (
                f"quote not found in {where}; the text has it as {found!r}, in {_unit_name(version, near)}{cited}: "
                f"{changes} (copy the text's characters exactly)"
            )
    for other in source.languages:
        if other == language:
            continue
        for other_version, other_normalised in source.in_language(other):
            spans = other_normalised.find_all(citation.quote) or [
                s for s in [other_normalised.near_span(citation.quote)] if s
            ]
            if spans:
                unit = _unit_name(other_version, spans[0])
                return (
                    f"quote not found in {where}, but it is in the {other} version, in {unit}: set `language: {other}`"
                )
    for version, normalised in here:
        opening = normalised.divergence(citation.quote)
        if opening is not None:
            span, text_goes_on, quote_goes_on = opening
            return (
                f"quote not found in {where}; its opening words are in {_unit_name(version, span)}{cited}, where "
                f"the text goes on {text_goes_on!r} and the quote {quote_goes_on!r}"
            )
    return f"quote not found in {where} (whitespace may differ, nothing else may)"


def _why_not_found(document: SourceDocument, quote: str) -> str:
    doc_id = document.entry.id
    near = document.normalised.near_miss(quote)
    if near is not None:
        changes = "; ".join(differences(quote, near))
        return (
            f"quote not found in {doc_id}; the document has it as {near!r} ({changes}; "
            "copy its case and punctuation exactly)"
        )
    in_raw = NormalisedText(document.raw).find_all(quote)
    if in_raw:
        kinds = sorted({b.kind for b in document.cleaned.blocks for s, _ in in_raw if b.raw_start <= s < b.raw_end})
        return (
            f"quote found in {doc_id} only in page furniture ({', '.join(kinds)}), which the cleaner drops; "
            "cite the article text"
        )
    opening = document.normalised.divergence(quote)
    if opening is not None:
        _, text_goes_on, quote_goes_on = opening
        return (
            f"quote not found in {doc_id}; its opening words are there, but the document goes on "
            f"{text_goes_on!r} where the quote has {quote_goes_on!r}"
        )
    return f"quote not found in {doc_id} (whitespace may differ, nothing else may)"
