"""The pages' Jinja templates (`api/templates/`), configured for Litestar and for rendering outside a request.

Every template is autoescaped, whatever its extension (.html, .svg, .j2): strings from the database
are escaped by Jinja, never by hand. A missing context variable is an error, not an empty string.
Numbers are written into SVG with the `n` filter (rounded, finite, no `-0`). Templates link to pages
and data with the globals `agreement_page`, `party_page`, `record_json` and `datasette_row`
(api/pages/links.py), write a date as precisely as it is known with `when`, and a language code as
its name with `language_name`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, select_autoescape
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig

from api.pages.events_view import when
from api.pages.links import agreement_page, datasette_row, party_page, record_json
from api.pages.quotes import language_name
from api.pages.vocabulary import words

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ESCAPED_EXTENSIONS = ("html", "svg", "j2", "xml")


def coordinate(value: float) -> str:
    """A coordinate for an SVG attribute: finite, rounded to 0.1, no `-0`."""
    if not math.isfinite(value):
        raise ValueError(f"non-finite coordinate {value!r}")
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def thousands(value: int) -> str:
    return f"{value:,}"


def _configure(engine: JinjaTemplateEngine) -> None:
    environment = engine.engine
    environment.autoescape = select_autoescape(ESCAPED_EXTENSIONS, default_for_string=True, default=True)
    environment.undefined = StrictUndefined
    environment.trim_blocks = True
    environment.lstrip_blocks = True
    environment.filters.update(n=coordinate, words=words, thousands=thousands, language_name=language_name)
    environment.globals.update(
        agreement_page=agreement_page,
        party_page=party_page,
        record_json=record_json,
        datasette_row=datasette_row,
        when=when,
    )


TEMPLATE_CONFIG: TemplateConfig[JinjaTemplateEngine] = TemplateConfig(
    directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=_configure
)
"""For `Litestar(template_config=...)`."""


def render(template_name: str, context: Mapping[str, Any]) -> str:
    """A template rendered outside a request (tests, and anything that writes pages to files)."""
    return TEMPLATE_CONFIG.engine_instance.get_template(template_name).render(**context)
