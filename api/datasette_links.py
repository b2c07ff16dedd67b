"""Links from Datasette's cells to the readable pages: an agreement's short name to `/agreements/{id}`,
a party's name to `/parties/{id}`, and in the results of a canned or ad-hoc query every `agreement_id`
column to its agreement's page. A `render_cell` hook of our own (registered by api/datasette_app.py):
Datasette 0.65 links only absolute http(s) URLs by itself, and this needs no plugin that loads assets.

Primary and foreign keys keep Datasette's own links (to its row pages): the hook leaves those columns alone.

The `extra_template_vars` hook mends one of Datasette's own links: the "…" after a truncated facet is built
with `path_with_replaced_args` from the request path alone, without `base_url`, so under the /data mount it
pointed at /pactstore/... (the family of simonw/datasette#1619 and #1523). The replacement returns the same
path prefixed (a PrefixedUrlString, which the table template's `fix_path` leaves as it is).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils import path_with_replaced_args
from markupsafe import Markup, escape

from api.pages.links import agreement_page, party_page
from api.settings import DATASETTE_DATABASE

LINKED_COLUMNS = {("agreements", "short_name"): "id", ("parties", "name"): "id"}
"""(table, column) -> the row's id column, for the cells that link to the row's page."""
QUERY_COLUMNS = {"agreement_id": agreement_page}
"""Columns of query results (no table) whose value is an id with a page."""


def _link(href: str, text: Any, title: str) -> Markup:
    return Markup('<a href="{}" title="{}">{}</a>').format(href, title, escape(str(text)))


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Markup | None:
    """The cell as a link to its page, for the columns above; None leaves it to Datasette."""
    if database != DATASETTE_DATABASE or not isinstance(value, str) or not value:
        return None
    key = LINKED_COLUMNS.get((table or "", column))
    if key is not None:
        try:
            record_id = row[key]
        except (KeyError, IndexError):  # a view of the table without its id
            return None
        page = agreement_page(record_id) if table == "agreements" else party_page(record_id)
        return _link(page, value, "Its page")
    if table is None and column in QUERY_COLUMNS:
        return _link(QUERY_COLUMNS[column](value), value, "The agreement's page")
    return None


@hookimpl
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    """`path_with_replaced_args` for the templates, with Datasette's `base_url` (see the module docstring)."""

    def prefixed(request: Any, args: Any, path: str | None = None) -> Any:
        return datasette.urls.path(path_with_replaced_args(request, args, path))  # a PrefixedUrlString: keep it

    return {"path_with_replaced_args": prefixed}
