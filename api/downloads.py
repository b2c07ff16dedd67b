"""The bulk downloads: /downloads (HTML, from templates/downloads.html) and /downloads.json list the releases
`pactstore export` wrote under build/releases ($PACTSTORE_RELEASES), newest first; /downloads/{release}/{file}
serves one file of one. Only files a release's manifest lists are served (its folder and file names are never
taken from the request as paths), so no request reaches outside a release. Without a release the page says
how to make one: releases are built by `pactstore export` (or `make release`), never on request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import msgspec
from litestar import get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter
from litestar.response import File, Template

from api.export.release import LISTS, Manifest, releases
from api.pages.landing import SiteLinks
from api.pages.links import Twin
from api.pages.routes import page_route

Release = Annotated[str, PathParameter(max_length=100, description="A release folder (`pactstore-0.1.0+...`).")]
FileName = Annotated[str, PathParameter(max_length=200, description="A file of the release (`csv/events.csv`).")]
_TYPES = {".csv": "text/csv", ".md": "text/markdown", ".json": "application/json", ".sqlite": "application/vnd.sqlite3"}


class ReleaseOut(msgspec.Struct, frozen=True, kw_only=True):
    """One release: its manifest, where to get it, and whether it is the latest."""

    name: str
    latest: bool
    url: str
    manifest: Manifest


class Downloads(msgspec.Struct, frozen=True, kw_only=True):
    releases: list[ReleaseOut]
    how_to_release: str = "pactstore export build/releases"


def _releases(folder: Path) -> list[ReleaseOut]:
    return [
        ReleaseOut(name=path.name, latest=n == 0, url=f"/downloads/{path.name}/", manifest=manifest)
        for n, (path, manifest) in enumerate(releases(folder))
    ]


def downloads_routes(folder: Path) -> list[Any]:
    """The three routes over the releases in `folder` (read on every request: a new export shows at once)."""

    @page_route("/downloads", operation_id="getDownloadsPage", summary="The bulk downloads page")
    def downloads_page() -> Template:
        return Template(
            template_name="downloads.html",
            context={
                "site": SiteLinks(),
                "releases": _releases(folder),
                "data_links": [Twin(label="JSON", href="/downloads.json", note="the releases")],
            },
        )

    @get("/downloads.json", operation_id="getDownloads", include_in_schema=False, sync_to_thread=False)
    def downloads_json() -> Downloads:
        return Downloads(releases=_releases(folder))

    @get(
        "/downloads/{release:str}/{name:path}",
        operation_id="getDownloadFile",
        include_in_schema=False,
        sync_to_thread=False,
    )
    def download_file(release: Release, name: FileName) -> File:
        wanted = name.lstrip("/")
        for path, manifest in releases(folder):
            if path.name == release and wanted in {f.name for f in manifest.files} | set(LISTS):
                suffix = Path(wanted).suffix
                return File(
                    path=path / wanted,
                    filename=Path(wanted).name,
                    media_type=_TYPES.get(suffix, "text/plain"),  # SHA256SUMS
                    content_disposition_type="inline" if suffix in (".md", ".json") else "attachment",
                )
        raise NotFoundException(f"No file {wanted!r} in a release {release!r}; see /downloads for the releases.")

    return [downloads_page, downloads_json, download_file]
