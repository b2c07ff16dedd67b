"""Reading the seeds directory (and the source library) into checked records.

Layout (see docs/curating.md):

    seeds/documents.yaml       manifest of the source documents (news, statements, cables)
    seeds/documents/*.txt      the five seed articles, byte for byte as received
    seeds/texts.yaml           manifest of the official agreement texts
    seeds/parties.yaml         states and the organisations acting for them
    seeds/subjects.yaml        subjects information is shared about
    seeds/agreements/*.yaml    one curated record per agreement
    ../shared/sources/...      the source library: every other source, found by manifest and sha256

`load_seeds` decodes every file strictly, checks everything that crosses files (ids, references,
quotes, dates) and raises `SeedErrors` with all problems found, or returns a `Seeds`. Without the
library (or with a library that lacks a file) it leaves out the records that need a missing source
and says so in `Seeds.missing_sources` and `Seeds.left_out`, unless `strict`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from loaders import yamlfile
from loaders.cache import BuildCache, digest_of
from loaders.errors import SeedError, SeedErrors
from loaders.files import MAX_SOURCE_BYTES, Library, UnsafeFile, inside, read_bounded
from loaders.manifests import load_documents, load_texts
from loaders.partial import leave_out_incomplete
from loaders.review import unreviewed
from loaders.seeds_model import LeftOut, MissingSource, Seeds, SourceDocument, SourceText, label_of
from loaders.source_cache import store_sources
from loaders.yamlfile import YamlDocument, convert, read_yaml
from schema.agreements import Agreement
from schema.documents import Manifest
from schema.parties import PartiesFile
from schema.texts import TextsFile
from schema.vocabulary import SubjectsFile

__all__ = ["LeftOut", "MissingSource", "Progress", "Seeds", "SourceDocument", "SourceText", "load_seeds"]

Progress = Callable[[str], None]

_TARGETS: dict[type, str] = {
    Manifest: "document",
    TextsFile: "document",
    PartiesFile: "party",
    SubjectsFile: "subject",
    Agreement: "agreement",
}


def content_hash(root: Path, missing: Iterable[str] = ()) -> str:
    """sha256 over every seed file's relative path and bytes, and the ids of the missing sources."""
    return content_hashes(root, missing)[0]


def content_hashes(root: Path, missing: Iterable[str] = ()) -> tuple[str, str]:
    """`content_hash`, and the same over every seed file but the agreement records (the context every record is
    read in: parties, subjects, the manifests with their library files' sha256, the missing sources).

    Library files need not be hashed again: each one's sha256 is in a manifest and was checked. A seed file is
    bounded as it was when read: a source by MAX_SOURCE_BYTES, a YAML file by the YAML limit (which the benchmark
    raises for its generated manifests; with the source limit alone, a 66 MB one was refused here)."""
    limit = max(MAX_SOURCE_BYTES, yamlfile.MAX_FILE_BYTES)
    whole, context = hashlib.sha256(), hashlib.sha256()
    agreements = root / "agreements"
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        entry = str(path.relative_to(root)).encode() + b"\0" + hashlib.sha256(read_bounded(path, root, limit)).digest()
        whole.update(entry)
        if not path.is_relative_to(agreements):
            context.update(entry)
    for source_id in sorted(missing):
        whole.update(b"missing\0" + source_id.encode())
        context.update(b"missing\0" + source_id.encode())
    return whole.hexdigest(), context.hexdigest()


def _cached(seeds: Seeds, path: Path, label: str, cls: type, cache: BuildCache) -> tuple[str | None, Any]:
    """The file's sha256 and its record from the cache (None on a miss, or when the file cannot be read here:
    `read_yaml` then reports why). A hit keeps the file's text for line numbers, composed only for an error."""
    try:
        raw = read_bounded(path, seeds.root, yamlfile.MAX_FILE_BYTES)
    except UnsafeFile:
        return None, None
    digest = digest_of(raw)
    value = cache.get(cls.__name__, digest, cls)
    if value is not None:
        seeds.files[label] = YamlDocument(label, None, None, text=raw.decode("utf-8"), may_be_draft=False)
    return digest, value


def _read(seeds: Seeds, path: Path, cls: type, errors: list[SeedError], cache: BuildCache | None = None) -> Any:
    label = label_of(seeds.root, path)
    digest = None
    if cache is not None:
        digest, value = _cached(seeds, path, label, cls, cache)
        if value is not None:
            return value
    doc, problems = read_yaml(path, label, folder=seeds.root)
    errors.extend(problems)
    if doc is None:
        seeds.incomplete.add(_TARGETS[cls])
        return None
    seeds.files[label] = doc
    drafts = unreviewed(doc)
    if drafts:  # a draft (`pactstore propose`) is not a record until every mark and gap is resolved
        errors.extend(drafts)
        seeds.incomplete.add(_TARGETS[cls])
        return None
    clean = not problems
    value, problems = convert(doc, cls)
    errors.extend(problems)
    if value is None:
        seeds.incomplete.add(_TARGETS[cls])
    elif cache is not None and digest is not None and clean and not problems:
        cache.put(cls.__name__, digest, value)  # only a file without problems: its errors are never skipped
    return value


def _read_manifests(seeds: Seeds, errors: list[SeedError], cache: BuildCache | None) -> None:
    root = seeds.root
    manifest = _read(seeds, root / "documents.yaml", Manifest, errors, cache)
    if manifest is not None:
        load_documents(seeds, manifest, seeds.files[label_of(root, root / "documents.yaml")], errors, cache)
    texts_path = root / "texts.yaml"
    if not texts_path.is_file():
        folder = root / "texts"
        if folder.is_dir() and any(folder.iterdir()):
            errors.append(SeedError(file=label_of(root, texts_path), message="missing: list the files of texts/ in it"))
        return
    texts = _read(seeds, texts_path, TextsFile, errors, cache)
    if texts is not None:
        load_texts(seeds, texts, seeds.files[label_of(root, texts_path)], errors, cache)


def _read_vocabularies(seeds: Seeds, errors: list[SeedError], cache: BuildCache | None) -> None:
    root = seeds.root
    parties = _read(seeds, root / "parties.yaml", PartiesFile, errors, cache)
    subjects = _read(seeds, root / "subjects.yaml", SubjectsFile, errors, cache)
    for name, items, target in (
        ("parties", parties.parties if parties else [], seeds.parties),
        ("subjects", subjects.subjects if subjects else [], seeds.subjects),
    ):
        for index, item in enumerate(items):
            if item.id in target:
                doc = seeds.files[label_of(root, root / f"{name}.yaml")]
                errors.append(doc.error(f"$.{name}[{index}].id", f"duplicate id {item.id!r}"))
            target[item.id] = item


def _read_agreements(seeds: Seeds, errors: list[SeedError], say: Progress, cache: BuildCache | None) -> None:
    root = seeds.root
    folder = root / "agreements"
    if not folder.is_dir():  # a silently empty store is worse than an error
        errors.append(
            SeedError(file=label_of(root, folder), message="missing: a directory with one YAML file per agreement")
        )
        return
    paths = sorted(folder.glob("*.yaml"))
    say(f"reading {len(paths)} agreement records")
    for path in paths:
        label = label_of(root, path)
        if not inside(path, root):
            errors.append(SeedError(file=label, message="it is a link to a file outside the seeds; copy it in instead"))
            continue
        agreement = _read(seeds, path, Agreement, errors, cache)
        if agreement is None:
            continue
        if path.stem != agreement.id:
            errors.append(
                seeds.files[label].error("$.id", f"id {agreement.id!r} must match the file name {path.name!r}")
            )
        if agreement.id in seeds.agreements:
            other = seeds.agreement_files[agreement.id]
            errors.append(seeds.files[label].error("$.id", f"duplicate agreement id (also in {other})"))
            continue
        seeds.agreements[agreement.id] = agreement
        seeds.agreement_files[agreement.id] = label


def load_seeds(
    root: Path,
    progress: Progress | None = None,
    *,
    sources: Iterable[Path] = (),
    strict: bool = False,
    cache: BuildCache | None = None,
) -> Seeds:
    """Read and check everything under `root`, with library files from `sources` (searched in order).

    Raises SeedErrors listing every problem. With `strict`, a source missing from the library is one.
    With a `cache` (loaders/cache.py), files and sources read and checked before are not read again."""
    from loaders.checks import check_seeds  # checks needs Seeds; import here to keep modules acyclic

    say = progress or (lambda _message: None)
    root = Path(root)
    if not root.is_dir():
        raise SeedErrors([SeedError(file=str(root), message="seeds directory not found")])
    seeds = Seeds(root=root, library=Library(tuple(Path(s) for s in sources)), strict=strict)
    errors: list[SeedError] = []

    say(f"reading sources (library: {seeds.library.describe()})")
    _read_manifests(seeds, errors, cache)
    say("reading parties and subjects")
    _read_vocabularies(seeds, errors, cache)
    _read_agreements(seeds, errors, say, cache)
    if seeds.missing_sources:
        leave_out_incomplete(seeds)
        say(f"sources missing: {len(seeds.missing_sources)}; records left out that need them: {len(seeds.left_out)}")

    say("checking references, dates and quotes")
    errors.extend(check_seeds(seeds))
    if cache is not None:
        store_sources(cache, seeds)
        cache.save(prune=not errors)  # a failed build keeps what it did not reach, for the next attempt
    if errors:
        raise SeedErrors(errors)
    try:
        seeds.content_hash, seeds.context_hash = content_hashes(root, seeds.missing_sources)
    except UnsafeFile as exc:  # a file under seeds/ that no manifest reads (checked above) is unsafe
        raise SeedErrors([SeedError(file=label_of(root, root), message=f"cannot hash the seeds: {exc}")]) from None
    return seeds
