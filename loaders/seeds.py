"""Reading the seeds directory into checked records.

Layout (see docs/curating.md):

    seeds/documents.yaml       manifest of the source documents
    seeds/documents/*.txt      the documents, byte for byte as received
    seeds/parties.yaml         states and the organisations acting for them
    seeds/subjects.yaml        subjects information is shared about
    seeds/agreements/*.yaml    one curated record per agreement

`load_seeds` decodes every file strictly, checks everything that crosses files (ids, references,
quotes, dates) and raises `SeedErrors` with all problems found, or returns a `Seeds`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.cleaning import CleanText, classify
from loaders.errors import SeedError, SeedErrors
from loaders.official_text import split_official_text
from loaders.quotes import NormalisedText
from loaders.yamlfile import YamlDocument, convert, read_yaml
from schema.agreements import Agreement
from schema.documents import DocumentEntry, Manifest
from schema.parties import PartiesFile, Party
from schema.texts import OfficialText, TextEntry, TextsFile
from schema.vocabulary import Subject, SubjectsFile

Progress = Callable[[str], None]

_TARGETS = {
    Manifest: "document",
    TextsFile: "document",
    PartiesFile: "party",
    SubjectsFile: "subject",
    Agreement: "agreement",
}


@dataclass
class SourceDocument:
    entry: DocumentEntry
    raw: str
    cleaned: CleanText
    normalised: NormalisedText


@dataclass
class SourceText:
    """An official text: its language versions, split into units."""

    entry: TextEntry
    raw: str
    versions: dict[str, OfficialText]
    normalised: dict[str, NormalisedText]


@dataclass
class Seeds:
    root: Path
    documents: dict[str, SourceDocument] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    files: dict[str, YamlDocument] = field(default_factory=dict)
    """Parsed YAML by file label, to give later checks line numbers."""
    agreement_files: dict[str, str] = field(default_factory=dict)
    """Agreement id -> the label of the file it came from."""
    unusable_documents: set[str] = field(default_factory=set)
    """Listed documents that failed their own checks: citing them is not a second error."""
    incomplete: set[str] = field(default_factory=set)
    """Reference targets ("party", ...) whose file failed to load: references to them go unchecked."""
    content_hash: str = ""

    def source(self, doc_id: str) -> SourceDocument | SourceText | None:
        """A citable source by id: a news document or an official text."""
        return self.documents.get(doc_id) or self.texts.get(doc_id)


def _label(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def content_hash(root: Path) -> str:
    """sha256 over every input file's relative path and bytes: equal inputs, equal hash."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _read(root: Path, path: Path, cls: type, errors: list[SeedError], seeds: Seeds):  # type: ignore[no-untyped-def]
    label = _label(root, path)
    doc, problems = read_yaml(path, label)
    errors.extend(problems)
    if doc is None:
        seeds.incomplete.add(_TARGETS[cls])
        return None
    seeds.files[label] = doc
    value, problems = convert(doc, cls)
    errors.extend(problems)
    if value is None:
        seeds.incomplete.add(_TARGETS[cls])
    return value


def _source_text(
    root: Path, folder: Path, name: str, sha256: str, doc: YamlDocument, path: str, errors: list[SeedError]
) -> str | None:
    """The text of a source file kept byte for byte, or None with the reason added to `errors`."""
    file = folder / name
    if not file.is_file():
        errors.append(doc.error(f"{path}.file", f"no such file: {_label(root, file)}"))
        return None
    data = file.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        errors.append(
            doc.error(
                f"{path}.sha256",
                f"{name} has sha256 {actual}; sources are kept byte for byte, so restore the "
                "file or, for a deliberately new version, record its new hash",
            )
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(doc.error(f"{path}.file", f"{name} is not UTF-8 (byte {exc.start})"))
        return None


def _unlisted(root: Path, folder: Path, listed: set[str], manifest: str) -> list[SeedError]:
    """Files in a sources folder that its manifest does not list."""
    if not folder.is_dir():
        return []
    return [
        SeedError(
            file=_label(root, folder / extra),
            message=f"{extra} is not in {manifest}; add an entry for it or remove it",
        )
        for extra in sorted(p.name for p in folder.iterdir() if p.is_file())
        if extra not in listed
    ]


def _load_documents(root: Path, seeds: Seeds, errors: list[SeedError]) -> None:
    manifest_path = root / "documents.yaml"
    label = _label(root, manifest_path)
    manifest = _read(root, manifest_path, Manifest, errors, seeds)
    if manifest is None:
        return
    doc = seeds.files[label]
    folder = root / "documents"
    listed = set()
    for index, entry in enumerate(manifest.documents):
        path = f"$.documents[{index}]"
        listed.add(entry.file)
        if entry.id in seeds.documents:
            errors.append(doc.error(f"{path}.id", f"duplicate document id {entry.id!r}"))
            continue
        seeds.unusable_documents.add(entry.id)  # until it passes the checks below
        raw = _source_text(root, folder, entry.file, entry.sha256, doc, path, errors)
        if raw is None:
            continue
        cleaned = classify(raw, outlet=entry.outlet, captions=entry.captions)
        for j, prefix in enumerate(entry.captions):
            if not any(b.kind == "caption" and b.text.startswith(prefix) for b in cleaned.blocks):
                errors.append(doc.error(f"{path}.captions[{j}]", "no line of the document starts with this"))
        raw_text = NormalisedText(raw)
        for name in ("outlet_quote",):
            quote = getattr(entry, name)
            if quote and not raw_text.find_all(quote):
                errors.append(doc.error(f"{path}.{name}", "not found in the document's raw text"))
        published = entry.published
        if published.basis == "stated" and not published.quote:
            errors.append(doc.error(f"{path}.published.quote", "a stated date needs the words that state it"))
        if published.basis == "inferred" and not published.note:
            errors.append(doc.error(f"{path}.published.note", "an inferred date needs a note saying how"))
        if published.quote and not raw_text.find_all(published.quote):
            errors.append(doc.error(f"{path}.published.quote", "not found in the document's raw text"))
        seeds.documents[entry.id] = SourceDocument(entry, raw, cleaned, NormalisedText(cleaned.clean))
        seeds.unusable_documents.discard(entry.id)
    errors.extend(_unlisted(root, folder, listed, "documents.yaml"))


def _load_texts(root: Path, seeds: Seeds, errors: list[SeedError]) -> None:
    manifest_path = root / "texts.yaml"
    folder = root / "texts"
    if not manifest_path.is_file():
        if folder.is_dir() and any(folder.iterdir()):
            errors.append(
                SeedError(file=_label(root, manifest_path), message="missing: list the files of texts/ in it")
            )
        return
    manifest = _read(root, manifest_path, TextsFile, errors, seeds)
    if manifest is None:
        return
    doc = seeds.files[_label(root, manifest_path)]
    listed = set()
    for index, entry in enumerate(manifest.texts):
        path = f"$.texts[{index}]"
        listed.add(entry.file)
        if entry.id in seeds.texts or entry.id in seeds.documents:
            errors.append(doc.error(f"{path}.id", f"duplicate source id {entry.id!r}"))
            continue
        seeds.unusable_documents.add(entry.id)
        raw = _source_text(root, folder, entry.file, entry.sha256, doc, path, errors)
        if raw is None:
            continue
        try:
            versions = split_official_text(raw)
        except ValueError as exc:
            errors.append(doc.error(f"{path}.file", f"cannot split {entry.file}: {exc}"))
            continue
        found = [v.language for v in versions]
        if found != entry.languages:
            errors.append(
                doc.error(f"{path}.languages", f"the file holds versions {found}, the entry lists {entry.languages}")
            )
            continue
        by_language = {v.language: v for v in versions}
        seeds.texts[entry.id] = SourceText(
            entry=entry,
            raw=raw,
            versions=by_language,
            normalised={lang: NormalisedText(v.clean) for lang, v in by_language.items()},
        )
        seeds.unusable_documents.discard(entry.id)
    errors.extend(_unlisted(root, folder, listed, "texts.yaml"))


def load_seeds(root: Path, progress: Progress | None = None) -> Seeds:
    """Read and check everything under `root`. Raises SeedErrors listing every problem."""
    from loaders.checks import check_seeds  # checks needs Seeds; import here to keep modules acyclic

    say = progress or (lambda _message: None)
    root = Path(root)
    if not root.is_dir():
        raise SeedErrors([SeedError(file=str(root), message="seeds directory not found")])
    seeds = Seeds(root=root)
    errors: list[SeedError] = []

    say("reading documents")
    _load_documents(root, seeds, errors)

    say("reading and splitting official texts")
    _load_texts(root, seeds, errors)

    say("reading parties and subjects")
    parties = _read(root, root / "parties.yaml", PartiesFile, errors, seeds)
    subjects = _read(root, root / "subjects.yaml", SubjectsFile, errors, seeds)
    for label, items, target in (
        ("parties.yaml", parties.parties if parties else [], seeds.parties),
        ("subjects.yaml", subjects.subjects if subjects else [], seeds.subjects),
    ):
        for index, item in enumerate(items):
            if item.id in target:
                doc = seeds.files[_label(root, root / label)]
                errors.append(doc.error(f"$.{label.split('.')[0]}[{index}].id", f"duplicate id {item.id!r}"))
            target[item.id] = item

    folder = root / "agreements"
    if not folder.is_dir():  # a silently empty store is worse than an error
        errors.append(
            SeedError(file=_label(root, folder), message="missing: a directory with one YAML file per agreement")
        )
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    say(f"reading {len(paths)} agreement records")
    for path in paths:
        agreement = _read(root, path, Agreement, errors, seeds)
        if agreement is None:
            continue
        label = _label(root, path)
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

    say("checking references, dates and quotes")
    errors.extend(check_seeds(seeds))
    if errors:
        raise SeedErrors(errors)
    seeds.content_hash = content_hash(root)
    return seeds
