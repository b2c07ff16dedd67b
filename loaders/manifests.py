"""Reading the source manifests (documents.yaml, texts.yaml) and the files they list.

A manifest entry names its file in the repository (`file:`) or in the source library (`library:`).
Every file is read safely (loaders/files.py) and checked against the entry's sha256. A library file
that no `--sources` root holds is not an error unless the build is strict: it is recorded as a
missing source, and the records that cite it are left out of the build (loaders/partial.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from loaders.cache import BuildCache
from loaders.cleaning import classify
from loaders.errors import SeedError
from loaders.files import MAX_SOURCE_BYTES, UnsafeFile, read_bounded, sha256
from loaders.official_text import languages_in, split_official_text
from loaders.quotes import NormalisedText
from loaders.seeds_model import MissingSource, Seeds, SourceDocument, SourceText, label_of
from loaders.source_cache import CachedDocument, CachedText, located_of, source_key
from loaders.yamlfile import YamlDocument
from schema.documents import DocumentEntry, Manifest
from schema.sources import SourceEntry
from schema.texts import TextsFile

E = TypeVar("E", bound=SourceEntry)


def _source_text(
    seeds: Seeds, folder: Path, entry: SourceEntry, doc: YamlDocument, path: str, errors: list[SeedError]
) -> str | None:
    """The text of a source file, or None: missing from the library (recorded), or broken (reported)."""
    if (entry.file is None) == (entry.library is None):
        errors.append(
            doc.error(path, "give exactly one of `file` (in the repository) and `library` (in the source library)")
        )
        return None
    if entry.file is not None:
        file, base, field = folder / entry.file, folder, "file"
    else:
        assert entry.library is not None
        found = seeds.library.find(entry.library)
        if found is None:
            if seeds.strict:
                errors.append(
                    doc.error(
                        f"{path}.library",
                        f"{entry.library} is not in the source library ({seeds.library.describe()}); "
                        "pass --sources DIR or drop --strict",
                    )
                )
            else:
                seeds.missing_sources[entry.id] = MissingSource(id=entry.id, location=entry.location, url=entry.url)
            return None
        file, base = found
        field = "library"
    try:
        data = read_bounded(file, base, MAX_SOURCE_BYTES)
    except UnsafeFile as exc:
        errors.append(doc.error(f"{path}.{field}", f"cannot read {label_of(seeds.root, file)}: {exc}"))
        return None
    actual = sha256(data)
    if actual != entry.sha256:
        errors.append(
            doc.error(
                f"{path}.sha256",
                f"{label_of(seeds.root, file)} has sha256 {actual}, the entry says {entry.sha256}; sources are kept "
                "byte for byte, so restore the file or, for a deliberately new version, record its new hash",
            )
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(doc.error(f"{path}.{field}", f"{label_of(seeds.root, file)} is not UTF-8 (byte {exc.start})"))
        return None


def unlisted(root: Path, folder: Path, listed: set[str], manifest: str) -> list[SeedError]:
    """Files in a repository sources folder that its manifest does not list."""
    if not folder.is_dir():
        return []
    return [
        SeedError(
            file=label_of(root, folder / extra),
            message=f"{extra} is not in {manifest}; add an entry for it or remove it",
        )
        for extra in sorted(p.name for p in folder.iterdir() if p.is_file() or p.is_symlink())
        if extra not in listed
    ]


def _check_publication(entry: SourceEntry, doc: YamlDocument, path: str, raw: NormalisedText) -> list[SeedError]:
    published, errors = entry.published, []
    if published.basis == "unknown":
        if published.date is not None:
            errors.append(doc.error(f"{path}.published.date", "an unknown date has no `date`; use basis: inferred"))
        if not published.note:
            errors.append(doc.error(f"{path}.published.note", "say in `note` why the date is unknown"))
        return errors
    if published.date is None:
        errors.append(doc.error(f"{path}.published.date", f"a {published.basis} date needs a `date`"))
    if published.basis == "stated" and not published.quote:
        errors.append(doc.error(f"{path}.published.quote", "a stated date needs the words that state it"))
    if published.basis == "inferred" and not published.note:
        errors.append(doc.error(f"{path}.published.note", "an inferred date needs a note saying how"))
    if published.quote and not raw.find_all(published.quote):
        errors.append(doc.error(f"{path}.published.quote", "not found in the document's raw text"))
    return errors


def _readable(
    seeds: Seeds,
    manifest: str,
    entries: Sequence[E],
    taken: Callable[[str], bool],
    noun: str,
    doc: YamlDocument,
    errors: list[SeedError],
) -> Iterator[tuple[str, E, str]]:
    """(JSON path, entry, text) of each entry of the manifest `<manifest>.yaml` whose id is not `taken` (else a
    `duplicate <noun> id`) and whose file reads and matches its hash; the rest are reported, then the folder's
    files the manifest does not list.
    Each entry yielded stays unusable to citations until the caller discards it from `unusable_documents`."""
    folder = seeds.root / manifest
    listed = set()
    for index, entry in enumerate(entries):
        path = f"$.{manifest}[{index}]"
        if entry.file:
            listed.add(entry.file)
        if taken(entry.id):
            errors.append(doc.error(f"{path}.id", f"duplicate {noun} id {entry.id!r}"))
            continue
        seeds.unusable_documents.add(entry.id)
        raw = _source_text(seeds, folder, entry, doc, path, errors)
        if raw is not None:
            yield path, entry, raw
    errors.extend(unlisted(seeds.root, folder, listed, f"{manifest}.yaml"))


def load_documents(
    seeds: Seeds, manifest: Manifest, doc: YamlDocument, errors: list[SeedError], cache: BuildCache | None = None
) -> None:
    """Read, check and clean every listed document; with a `cache`, a document read before (the same entry,
    the same file) is not checked or cleaned again (loaders/source_cache.py)."""

    def taken(key: str) -> bool:
        return key in seeds.documents or key in seeds.missing_sources

    for path, entry, raw in _readable(seeds, "documents", manifest.documents, taken, "document", doc, errors):
        key = source_key(entry) if cache is not None else None
        hit = cache.get("document", key, CachedDocument) if cache is not None and key is not None else None
        if hit is not None:
            source = SourceDocument(entry, raw, hit.cleaned, located_of(hit.located), key, len(hit.located))
        else:
            problems = _check_document(entry, doc, path, raw)
            cleaned = classify(raw, outlet=entry.publisher, captions=entry.captions)
            for j, prefix in enumerate(entry.captions):
                if not any(b.kind == "caption" and b.text.startswith(prefix) for b in cleaned.blocks):
                    problems.append(doc.error(f"{path}.captions[{j}]", "no line of the document starts with this"))
            errors.extend(problems)
            source = SourceDocument(entry, raw, cleaned, cache_key=None if problems else key)
        seeds.documents[entry.id] = source
        seeds.unusable_documents.discard(entry.id)


def _check_document(entry: DocumentEntry, doc: YamlDocument, path: str, raw: str) -> list[SeedError]:
    raw_text = NormalisedText(raw)
    errors = _check_publication(entry, doc, path, raw_text)
    if len(entry.versions) != 1:
        errors.append(doc.error(f"{path}.versions", "a document has one language version; list others separately"))
    if entry.publisher_quote and not raw_text.find_all(entry.publisher_quote):
        errors.append(doc.error(f"{path}.publisher_quote", "not found in the document's raw text"))
    return errors


def load_texts(
    seeds: Seeds, manifest: TextsFile, doc: YamlDocument, errors: list[SeedError], cache: BuildCache | None = None
) -> None:
    def taken(key: str) -> bool:
        return key in seeds.texts or key in seeds.documents or key in seeds.missing_sources

    for path, entry, raw in _readable(seeds, "texts", manifest.texts, taken, "source", doc, errors):
        key = source_key(entry) if cache is not None else None
        hit = cache.get("text", key, CachedText) if cache is not None and key is not None else None
        if hit is not None:
            seeds.texts[entry.id] = SourceText(
                entry=entry, raw=raw, versions=hit.versions, located=located_of(hit.located), cache_key=key
            )
            seeds.texts[entry.id].cached_quotes = len(hit.located)
            seeds.unusable_documents.discard(entry.id)
            continue
        problems = _check_publication(entry, doc, path, NormalisedText(raw))
        errors.extend(problems)
        try:
            versions = split_official_text(raw)
        except ValueError as exc:
            errors.append(doc.error(f"{path}.{'library' if entry.library else 'file'}", f"cannot split it: {exc}"))
            continue
        found = languages_in(versions)
        if found != entry.languages:
            errors.append(
                doc.error(
                    f"{path}.versions",
                    f"the file holds language versions {found}, the entry lists {entry.languages}",
                )
            )
            continue
        seeds.texts[entry.id] = SourceText(entry=entry, raw=raw, versions=versions, cache_key=None if problems else key)
        seeds.unusable_documents.discard(entry.id)
