"""The domain layer: what pactstore knows and how it answers, with no web framework in it.

Every rule lives here once (an agreement's status on a date, who may share with whom, the ODRL
policies, the graph of channels) together with the assembly of the records the API sends and the
build step that stores them precomputed. Functions take a `Database` (api/domain/query.py) and plain
values and return msgspec Structs, or raise the errors of api/domain/errors.py. The web layer
(the rest of api/) turns HTTP requests into these calls and the errors into RFC 9457 problems; the
CLI calls them directly. A test checks that nothing here imports Litestar.
"""
