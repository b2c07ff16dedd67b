"""Versioned bulk releases of the store (`pactstore export DIR`, served at /downloads).

A release is a folder `pactstore-<version>/` holding the SQLite database, one CSV per table and view, an
ATOP-style dyad-year table, a codebook of every column of every CSV, a changelog against the previous
release, a manifest and SHA-256 sums. The version is the package version and, as a PEP 440 local label,
the first 12 hex digits of the build's content hash (the SHA-256 over the seed files, library files
included by their checked hashes): `0.1.0+3f2a9c1b7d04`. Equal data and code give the same version
whatever day it is built; a partial build (without some library sources) adds `.partial`. The build
time and export time are in the manifest.

The release withholds the article texts (documents.raw_text and clean_text, document_blocks.text and the
search index's copies of them): they remain their publishers' and are only quoted for citation; the
quotes, offsets and hashes stay, and anyone with the sources rebuilds the full file with `pactstore build`.
"""
