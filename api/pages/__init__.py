"""HTML pages, rendered from the Jinja templates in `api/templates/` (see `templating`).

A page module (`landing`) holds the route and builds the template's context. A chart is two
modules: `*_data` reads what it shows from the database into a small typed structure (the only
part that knows SQL), and the layout (`timeline`, `share_graph`) turns that into shapes (positions,
sizes, label places) that the chart's template draws. `placement` and `text_metrics` keep labels
apart; `vocabulary` names and colours kinds and statuses.
"""
