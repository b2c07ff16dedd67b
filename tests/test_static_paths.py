"""Hostile paths under /static: a 400 or a 404 problem, never a 500 and never a file from outside the folders;
every file that is there is served."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.docs import SWAGGER_UI
from api.settings import MAX_STATIC_NAME_CHARS, STATIC
from tests.conftest import problem

FOLDERS = {"/static/pactstore": STATIC, "/static/swagger": SWAGGER_UI}
HOSTILE = [
    "/static/pactstore/landing.css%00",
    "/static/pactstore/%00/landing.css",
    "/static/swagger/%00",
    "/static/pactstore/landing.css%0a",
    "/static/pactstore/%2e%2e/settings.py",
    "/static/pactstore/.%2e/.%2e/.%2e/etc/passwd",
    "/static/pactstore/..%2f..%2fsettings.py",
    "/static/pactstore/%2e%2e%5csettings.py",
    "/static/pactstore/odrl%2fodrl.jsonld",  # a real file, by a second URL
    "/static/pactstore/odrl%5codrl.jsonld",
    "/static/pactstore/odrl%2F..%2F..%2Fsettings.py",
    "/static/pactstore/.hidden",
    "/static/pactstore/%20landing.css",
    "/static/pactstore/" + "a" * 300 + ".css",  # longer than a file system allows a name
    "/static/pactstore/" + "a" * (MAX_STATIC_NAME_CHARS + 1),
    "/static/pactstore/" + "/".join(["a"] * 500),
    "/static/pactstore/%F0%9F%98%80.css",
]


@pytest.mark.parametrize("path", HOSTILE)
async def test_hostile_static_paths(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code in (400, 404), response.text[:300]
    problem(response)


async def test_every_static_file_is_served(client: httpx.AsyncClient) -> None:
    files = {
        f"{prefix}/{file.relative_to(folder).as_posix()}": file
        for prefix, folder in FOLDERS.items()
        for file in sorted(Path(folder).rglob("*"))
        if file.is_file() and "__pycache__" not in file.parts
    }
    assert len(files) > 10
    for url, file in files.items():
        response = await client.get(url)
        assert response.status_code == 200, url
        assert response.content == file.read_bytes(), url
