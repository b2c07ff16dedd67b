"""Parameters shared by several routes, declared once with their OpenAPI descriptions."""

from __future__ import annotations

import datetime
from typing import Annotated

from litestar.params import QueryParameter

from schema.base import SLUG

PartyFilter = Annotated[
    str | None,
    QueryParameter(
        pattern=SLUG,
        max_length=64,
        description="A party id (`kor`, `usa-dod`). A state also matches the organisations acting for it.",
        examples=[],
    ),
]
OnDate = Annotated[
    datetime.date | None,
    QueryParameter(description="Evaluate status on this date (YYYY-MM-DD). Default: today (UTC)."),
]
TextQuery = Annotated[str | None, QueryParameter(min_length=1, max_length=200, description="Text to look for.")]
