"""The source documents: kept byte for byte, listed in the manifest with readable ids."""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec
import pytest

from schema.documents import Manifest
from tests.conftest import ROOT, SEEDS

SHARED = ROOT.parent / "shared" / "seeds"
MANIFEST = msgspec.yaml.decode((SEEDS / "documents.yaml").read_bytes(), type=Manifest)
IN_REPOSITORY = [e for e in MANIFEST.documents if e.file]
"""The seed articles; library documents are checked by tests/test_library_documents.py."""


@pytest.mark.parametrize("entry", IN_REPOSITORY, ids=lambda e: e.id)
def test_document_bytes_match_the_manifest_hash(entry) -> None:
    data = (SEEDS / "documents" / entry.file).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry.sha256


@pytest.mark.parametrize("entry", MANIFEST.documents, ids=lambda e: e.id)
def test_ids_are_readable_not_file_hashes(entry) -> None:
    assert Path(entry.file or entry.library).stem.split("_")[-1] not in entry.id
    assert entry.id.split("-")[-1].isdigit()  # ends with the publication date


def test_every_source_article_is_in_the_manifest() -> None:
    on_disk = sorted(p.name for p in (SEEDS / "documents").iterdir())
    assert sorted(e.file for e in IN_REPOSITORY) == on_disk
    assert len(on_disk) == 5


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared folder is only beside a developer checkout")
def test_documents_are_the_shared_articles_verbatim() -> None:
    for path in SHARED.glob("*.txt"):
        assert (SEEDS / "documents" / path.name).read_bytes() == path.read_bytes()


def test_implied_dates_say_so() -> None:
    for entry in MANIFEST.documents:
        if entry.published.basis == "inferred":
            assert entry.published.note, entry.id
        elif entry.published.basis == "stated":
            assert entry.published.quote, entry.id
