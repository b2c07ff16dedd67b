"""Hostile requests get a 2xx or a 4xx problem, never a 500 or a traceback; and no SQL is built from them.

- Every parameter of every operation in the app's own OpenAPI spec (so a new endpoint is covered without
  touching this file) gets SQL fragments, path traversal, 10 kB strings, control characters, invalid
  UTF-8, out-of-range numbers and repeated values.
- The limits of api/security.py: long URLs (414), bodies (413), undecodable bytes (400), writes to
  Datasette (405).
- A static check that every SQL string in api/ is built from fixed fragments only: values are bound
  parameters, never formatted in.
"""

from __future__ import annotations

import ast
import asyncio
import re._parser as re_parser
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from litestar import Litestar

from api.security import MAX_BODY_BYTES, MAX_DATA_QUERY_BYTES, MAX_PATH_BYTES, MAX_QUERY_BYTES
from tests.conftest import ROOT

SQL = ["' OR 1=1 --", "1; DROP TABLE agreements", "1) union select * from build_info --", '" or ""="', "*", "%", "_"]
TRAVERSAL = ["../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f"]
WEIRD = ["", " ", "\x00", "a\r\nSet-Cookie: pwned=1", "\u202egnp.exe", "😀" * 10, "<script>alert(1)</script>"]
WEIRD += ["NEAR(", 'a "b', "null", "[]", "{}", "\\", "x" * 10_000]
NUMBERS = ["-1", "0", "1.5", "1e309", "NaN", "0x10", "1_000", "99999999999999999999999999", "١"]
DATES = ["2016-02-30", "0000-01-01", "9999-12-31", "20160101", "2016-01-01T00:00:00"]
HOSTILE = SQL + TRAVERSAL + WEIRD + NUMBERS + DATES
# Sent as they are, already percent-encoded: bytes that are not UTF-8, and encoded control characters (a NUL inside
# a word reached FTS5, which reads a string only up to it, as an unterminated string: found by bench/fuzz.py).
ENCODED = [
    "%ff%fe",
    "%c3%28",
    "%ed%a0%80",
    "%00",
    "treaty%00text",
    "%0d%0aX-Injected:%201",
    "%25",
    "%",
    "%zz",
    "%2e%2e%2f",
]

GOOD: dict[str, str] = {
    "agreement_id": "jpn-kor-gsomia-2016",
    "provision_id": "jpn-kor-gsomia-2016.notify-loss-immediately",
    "party_id": "kor",
    "document_id": "our-bureau-2016-11-12",
    "text_id": "nato-1997-security-of-information-text",
    "q": "intelligence",
    "party": "kor",
    "from": "kor",
    "to": "jpn",
}


def _good(parameter: dict[str, Any], path: str) -> str:
    """A valid value for a parameter, so the hostile one is the only thing wrong with a request."""
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    if any(o.get("format") == "date" for o in options):
        return "2016-12-01"
    enum = [v for o in options for v in o.get("enum", []) if v is not None]
    if enum:
        return str(enum[0])
    if any(o.get("type") == "integer" for o in options):
        return str(int(schema.get("minimum", 1)))
    if path.startswith("/api/v1/agreements/{agreement_id}/text") and parameter["name"] == "agreement_id":
        return "nato-1997-security-of-information"
    return GOOD.get(parameter["name"], "x")


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "get":
                yield path, operation.get("parameters", [])


def _url(path: str, parameters: list[dict[str, Any]], name: str, value: str, *, encoded: bool = False) -> str:
    """The operation's URL with `value` (raw, or percent-encoded here) as `name`, valid values elsewhere."""
    sent = value if encoded else quote(value, safe="")
    query = []
    for parameter in parameters:
        if parameter["in"] == "path":
            replacement = sent if parameter["name"] == name else quote(_good(parameter, path), safe="")
            path = path.replace("{" + parameter["name"] + "}", replacement)
        elif parameter["name"] == name:
            query.append(f"{quote(name)}={sent}")
        elif parameter.get("required"):
            query.append(f"{quote(parameter['name'])}={quote(_good(parameter, path), safe='')}")
    return path + ("?" + "&".join(query) if query else "")


def _check(response: httpx.Response, what: str) -> str | None:
    """What is wrong with the answer to a hostile request, or None."""
    status, text = response.status_code, response.text
    if not (200 <= status < 300 or 400 <= status < 500) and status != 304:
        return f"{what}: status {status}: {text[:200]}"
    if "Traceback" in text or 'File "/' in text:
        return f"{what}: a traceback in the answer"
    if status >= 400:
        if not response.headers.get("content-type", "").startswith("application/problem+json"):
            return f"{what}: {status} as {response.headers.get('content-type')}, not a problem"
        body = response.json()
        if body.get("status") != status or not body.get("title") or not body.get("detail"):
            return f"{what}: incomplete problem {body}"
    return None


def test_the_answer_check_can_fail() -> None:
    request = httpx.Request("GET", "http://test/")
    problem = {"status": 404, "title": "Not Found", "detail": "No."}
    assert _check(httpx.Response(200, json={}, request=request), "x") is None
    assert (
        _check(
            httpx.Response(404, json=problem, request=request, headers={"content-type": "application/problem+json"}),
            "x",
        )
        is None
    )
    assert _check(httpx.Response(500, text="oops", request=request), "x")
    assert _check(httpx.Response(404, text="<html>", request=request, headers={"content-type": "text/html"}), "x")
    assert _check(
        httpx.Response(400, text='Traceback (most recent call last):\n  File "/app.py"', request=request), "x"
    )
    incomplete = {"status": 400, "title": "Bad Request"}
    assert _check(
        httpx.Response(400, json=incomplete, request=request, headers={"content-type": "application/problem+json"}), "x"
    )


@pytest.fixture(scope="module")
def spec(app: Litestar) -> dict[str, Any]:
    return app.openapi_schema.to_schema()


def test_the_spec_has_parameters_to_attack(spec: dict[str, Any]) -> None:
    operations = list(_operations(spec))
    assert len(operations) >= 20
    assert sum(len(parameters) for _, parameters in operations) >= 60


async def test_hostile_values_in_every_parameter(client: httpx.AsyncClient, spec: dict[str, Any]) -> None:
    problems, sent = [], 0
    for path, parameters in _operations(spec):
        for parameter in parameters:
            name = parameter["name"]
            urls = [_url(path, parameters, name, value) for value in HOSTILE]
            urls += [_url(path, parameters, name, value, encoded=True) for value in ENCODED]
            if parameter["in"] == "query":  # the same parameter twice: a valid value and a hostile one
                good = quote(_good(parameter, path), safe="")
                urls += [f"{url}&{quote(name)}={good}" for url in urls[:5]]
                urls += [_url(path, parameters, name, good, encoded=True) + f"&{quote(name)}={good}"]
            for url in urls:
                response = await client.get(url)
                sent += 1
                if problem := _check(response, f"GET {url[:150]}"):
                    problems.append(problem)
    assert sent > 2000
    assert not problems, f"{len(problems)} bad answers:\n" + "\n".join(problems[:20])


async def test_out_of_range_numbers(client: httpx.AsyncClient, spec: dict[str, Any]) -> None:
    problems, checked = [], 0
    for path, parameters in _operations(spec):
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if schema.get("type") != "integer":
                continue
            for value in (schema.get("minimum", 0) - 1, schema.get("maximum", 10**9) + 1, 10**30, -(10**30)):
                response = await client.get(_url(path, parameters, parameter["name"], str(int(value))))
                checked += 1
                if response.status_code != 400:
                    problems.append(f"{path} {parameter['name']}={int(value)}: {response.status_code}")
                elif problem := _check(response, path):
                    problems.append(problem)
    assert checked >= 40
    assert not problems, problems[:20]


async def test_page_size_is_capped(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/events", params={"limit": 500})).status_code == 200
    response = await client.get("/api/v1/events", params={"limit": 501})
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "limit"


# --- limits ------------------------------------------------------------------------------------


async def _asgi(
    app: Litestar, method: str, raw_path: bytes, query: bytes = b"", headers: list[tuple[bytes, bytes]] | None = None
) -> tuple[int, dict[bytes, bytes], bytes]:
    """One request straight through ASGI: lets a test send bytes an HTTP client would encode."""
    messages: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path.decode("latin-1"),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"test"), *(headers or [])],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await asyncio.wait_for(app(scope, receive, send), timeout=10)  # an exception here is the test failing
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (b"/api/v1/documents/search", b"q=\xff\xfe"),
        (b"/api/v1/events", b"from=\xff&to=\xff"),
        (b"/api/v1/agreements", b"\xff=1"),
        (b"/api/v1/agreements/\xff", b""),
        (b"/data/pactstore/agreements", b"_sort=\xff"),
        (b"/data/\xff", b""),
    ],
)
async def test_bytes_that_are_not_utf8(app: Litestar, path: bytes, query: bytes) -> None:
    """uvicorn refuses them itself; behind another server they reached Litestar's query parser (a 500)."""
    status, headers, body = await _asgi(app, "GET", path, query)
    assert status == 400, body
    assert headers[b"content-type"].startswith(b"application/problem+json")
    assert b"UTF-8" in body


def _ascii_only(pattern: str) -> bool:
    """Whether every string `pattern` matches is ASCII (no character class like \\w that admits more)."""

    def ascii(items: Any) -> bool:
        for op, value in items:
            name = str(op)
            if name in ("CATEGORY", "ANY", "NOT_LITERAL") or (
                name == "IN" and any(str(o) == "NEGATE" for o, _ in value)
            ):
                return False
            if name == "LITERAL" and value > 127:
                return False
            if name == "RANGE" and value[1] > 127:
                return False
            if name == "IN" and not ascii(value):
                return False
            if name in ("MAX_REPEAT", "MIN_REPEAT") and not ascii(value[2]):
                return False
            if name == "SUBPATTERN" and not ascii(value[3]):
                return False
            if name == "BRANCH" and not all(ascii(branch) for branch in value[1]):
                return False
        return True

    return ascii(re_parser.parse(pattern))


def _bytes_per_char(parameter: dict[str, Any]) -> int:
    """Percent-encoded bytes one character of the parameter can take: 12 for a 4-byte UTF-8 character
    (%F0%9F%98%80), 3 where the pattern (or the list of allowed values) admits ASCII only."""
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    options += [o["items"] for o in options if isinstance(o.get("items"), dict)]
    enum = [str(v) for o in options for v in o.get("enum", []) if v is not None]
    if enum and all(v.isascii() for v in enum):
        return 3
    patterns = [o["pattern"] for o in options if "pattern" in o]
    return 3 if patterns and all(_ascii_only(p) for p in patterns) else 12


def _repeats(parameter: dict[str, Any]) -> int:
    """How many times a parameter may stand in a query: `maxItems` for a repeatable filter, else once."""
    schema = parameter.get("schema", {})
    return int(schema.get("maxItems", 1))


def _longest(parameter: dict[str, Any]) -> int:
    """The longest value the spec allows a parameter (one value of a repeatable one), in characters; 0 when it
    sets no bound."""
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    options += [o["items"] for o in options if isinstance(o.get("items"), dict)]
    if any(o.get("format") == "date" for o in options):
        return len("2016-12-01")
    enum = [str(v) for o in options for v in o.get("enum", []) if v is not None]
    if enum:
        return max(map(len, enum))
    if any(o.get("type") == "integer" for o in options):
        return len(str(-(2**63)))
    bounds = [o["maxLength"] for o in options if "maxLength" in o]
    for option in options:
        if "pattern" in option:
            widest = re_parser.parse(option["pattern"]).getwidth()[1]
            bounds.append(widest if widest < re_parser.MAXREPEAT else 0)
    bounds = [b for b in bounds if b]
    return min(bounds) if bounds else 0


def test_the_length_estimate_can_tell_ascii_patterns() -> None:
    assert _ascii_only(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    assert not _ascii_only(r"^\w+$")
    assert not _ascii_only(r"^[^a]+$")
    assert _repeats({"schema": {"maxItems": 10}}) == 10
    assert _longest({"schema": {"oneOf": [{"type": "array", "items": {"enum": ["ab", "abcd"]}}]}}) == 4


def test_the_limits_leave_room_for_every_valid_request(spec: dict[str, Any]) -> None:
    """A request the spec allows never meets a limit (schemathesis sends such requests and expects no 414)."""
    unbounded, longest_path, longest_query = [], 0, 0
    for path, parameters in _operations(spec):
        path_bytes, query_bytes = len(path), 0
        for parameter in parameters:
            chars = _longest(parameter)
            if not chars:
                unbounded.append(f"{path} {parameter['name']}")
            encoded = chars * _bytes_per_char(parameter)
            if parameter["in"] == "path":
                path_bytes += encoded
            else:
                query_bytes += _repeats(parameter) * (len(quote(parameter["name"])) + 2 + encoded)
        longest_path, longest_query = max(longest_path, path_bytes), max(longest_query, query_bytes)
    assert not unbounded, f"parameters without a maximum length: {unbounded}"
    assert longest_path <= MAX_PATH_BYTES
    assert longest_query <= MAX_QUERY_BYTES


async def test_long_query_string(client: httpx.AsyncClient) -> None:
    base = "/api/v1/agreements?q=intelligence&x="
    ok = await client.get(base + "a" * (MAX_QUERY_BYTES - len(base.split("?")[1])))
    assert ok.status_code == 200
    response = await client.get(base + "a" * MAX_QUERY_BYTES)
    assert response.status_code == 414
    assert str(MAX_QUERY_BYTES) in response.json()["detail"]
    assert _check(response, "long query") is None


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_datasette_takes_longer_sql_but_not_unlimited(client: httpx.AsyncClient) -> None:
    sql = "select id from agreements where id != '" + "x" * 6000 + "'"
    response = await client.get("/data/pactstore", params={"sql": sql})
    assert response.status_code == 200
    assert "jpn-kor-gsomia-2016" in response.text
    response = await client.get("/data/pactstore", params={"sql": "select 1 -- " + "x" * MAX_DATA_QUERY_BYTES})
    assert response.status_code == 414
    assert _check(response, "long sql") is None


async def test_long_path(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/agreements/" + "a" * MAX_PATH_BYTES)
    assert response.status_code == 414
    assert _check(response, "long path") is None
    assert (await client.get("/data/pactstore/" + "a" * MAX_PATH_BYTES)).status_code == 414


@pytest.mark.parametrize("url", ["/api/v1/agreements", "/data/pactstore/agreements.json", "/"])
async def test_request_bodies(client: httpx.AsyncClient, url: str) -> None:
    small = await client.request("GET", url, content=b"x" * 10)
    assert small.status_code == 200
    large = await client.request("GET", url, content=b"x" * (MAX_BODY_BYTES + 1))
    assert large.status_code == 413
    assert _check(large, "large body") is None


async def test_body_of_unknown_length_and_bad_lengths(app: Litestar) -> None:
    for headers in ([(b"transfer-encoding", b"chunked")], [(b"content-length", b"abc")], [(b"content-length", b"-1")]):
        status, response_headers, _ = await _asgi(app, "GET", b"/api/v1/agreements", headers=headers)
        assert status == 413, headers
        assert response_headers[b"content-type"].startswith(b"application/problem+json")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/data/pactstore", "/data/-/messages", "/data/-/logout", "/data/pactstore/agreements"])
async def test_datasette_is_read_only(client: httpx.AsyncClient, method: str, url: str) -> None:
    response = await client.request(method, url, content=b"message=hi&message_type=1")
    assert response.status_code == 405
    assert "read-only" in response.json()["detail"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(
    "sql",
    [
        "delete from agreements",
        "insert into build_info (id) values (2)",
        "drop table agreements",
        "attach database '/tmp/pactstore-attack.db' as x",
        "pragma writable_schema = 1",
    ],
)
async def test_datasette_sql_cannot_write(client: httpx.AsyncClient, sql: str) -> None:
    response = await client.get("/data/pactstore.json", params={"sql": sql})
    assert 400 <= response.status_code < 500
    assert (await client.get("/api/v1/agreements/jpn-kor-gsomia-2016")).status_code == 200
    assert not Path("/tmp/pactstore-attack.db").exists()


# --- no SQL from user values -------------------------------------------------------------------

SQL_METHODS: dict[str, tuple[int | str, ...]] = {
    **dict.fromkeys(("rows", "row", "one", "value", "execute", "executemany", "executescript"), (0,)),
    # The domain's query helper (api/domain/query.py): what they format into SQL must be fixed too.
    **dict.fromkeys(("exists", "condition", "equal", "any_of"), (0,)),
    "either": (),  # takes `Where`s, each built through the calls above
    "page": (1, "order_by", "columns"),
    "listed": ("order_by",),  # api/domain/summaries.py: a page of stored summaries, `page`'s twin
    # The per-build count cache: `Database.count(sql, params)`, `CountCache.count(sql, params, connection)`.
    "count": (0,),
}
"""Calls that run or build SQL, and which of their arguments (position or keyword) are SQL text."""
SAFE_CALLS = {"placeholders", "party_agreements"}
"""Functions whose result is fixed SQL whatever their argument: `placeholders(xs)` is `?, ?, ?`, and
`party_agreements(xs)` a constant query with `placeholders(xs)` in it."""


class _SqlSources:
    """Decides whether an expression can only ever be fixed SQL text (string literals put together).

    Follows module constants (`_ORDER`, `records.PARTY_COLUMNS`), local variables (every assignment,
    `+=`, `.append`/`.extend` of the name in its function), `" and ".join(list)`, a lookup in a constant
    dict (its values are all fixed, whichever key a request picks) and loop variables over constant
    tuples. Anything else (a parameter, a call, `%` or `.format`) is not fixed.
    """

    def __init__(self, modules: dict[str, ast.Module]) -> None:
        self.constants = {
            (Path(name).stem, target.id): node.value
            for name, module in modules.items()
            for node in module.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

    def fixed(self, node: ast.expr, module: str, function: ast.AST | None, depth: int = 0) -> bool:
        if depth > 20:
            return False
        again = lambda n: self.fixed(n, module, function, depth + 1)  # noqa: E731
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str | int)
        if isinstance(node, ast.JoinedStr):
            return all(again(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return again(node.left) and again(node.right)
        if isinstance(node, ast.IfExp):
            return again(node.body) and again(node.orelse)
        if isinstance(node, ast.Tuple | ast.List):
            return all(again(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(again(v) for v in node.values)
        if isinstance(node, ast.Subscript):  # CONSTANT_DICT[key]: one of its fixed values
            return again(node.value)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SAFE_CALLS:
                return True
            if name == "join" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
                return all(again(a) for a in node.args)
            return False
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):  # records.PARTY_COLUMNS
            value = self.constants.get((node.value.id, node.attr))
            return value is not None and again(value)
        if isinstance(node, ast.Name):
            sources = self._local_sources(node.id, function) if function is not None else None
            if sources:
                return all(again(s) for s in sources)
            value = self.constants.get((module, node.id))
            return value is not None and self.fixed(value, module, None, depth + 1)
        return False

    @staticmethod
    def _local_sources(name: str, function: ast.AST) -> list[ast.expr] | None:
        """Every value given to a local `name` in `function`, or None if it is not assigned there."""
        sources: list[ast.expr] = []
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        sources.append(node.value)
                    elif isinstance(target, ast.Tuple):  # a, b = (x, y) or a, b = (x, y) if c else (z, w)
                        for i, element in enumerate(target.elts):
                            if isinstance(element, ast.Name) and element.id == name:
                                branches = (
                                    [node.value.body, node.value.orelse]
                                    if isinstance(node.value, ast.IfExp)
                                    else [node.value]
                                )
                                for branch in branches:
                                    if isinstance(branch, ast.Tuple) and len(branch.elts) == len(target.elts):
                                        sources.append(branch.elts[i])
                                    else:
                                        sources.append(ast.Name(id="<unpacked>"))  # not followed: not fixed
            elif isinstance(node, ast.AugAssign | ast.AnnAssign) and getattr(node.target, "id", None) == name:
                if node.value is not None:
                    sources.append(node.value)
            elif isinstance(node, ast.For | ast.comprehension) and getattr(node.target, "id", None) == name:
                sources.append(node.iter)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "insert")
                and getattr(node.func.value, "id", None) == name
            ):
                sources.extend(node.args[-1:])
        return sources or None


def _api_modules() -> dict[str, tuple[Path, ast.Module]]:
    """Every module of api/, the domain layer included, by its file name (`records` for api/domain/records.py)."""
    paths = sorted((ROOT / "api").rglob("*.py"))
    return {str(p.relative_to(ROOT / "api")): (p, ast.parse(p.read_text(), str(p))) for p in paths}


def _stem(name: str) -> str:
    return Path(name).stem


def _sql_args(call: ast.Call) -> list[ast.expr]:
    """The arguments of a SQL call that are SQL text."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    found: list[ast.expr] = []
    for which in SQL_METHODS.get(name, ()):
        if isinstance(which, int) and len(call.args) > which:
            found.append(call.args[which])
        found += [k.value for k in call.keywords if k.arg == which]
    return found


def _sql_calls(module: ast.Module) -> Iterator[tuple[ast.Call, ast.AST | None]]:
    """(call, enclosing function) for every `.rows/.row/.value/.execute...(sql, ...)` call (and the query
    helper's `page(db, source, ...)`, `.condition(sql, ...)`, `.equal(column, ...)`)."""

    def visit(node: ast.AST, function: ast.AST | None) -> Iterator[tuple[ast.Call, ast.AST | None]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call) and _sql_args(child):
                yield child, function
            yield from visit(child, inner)

    yield from visit(module, None)


def _passes_through(sql: ast.expr, function: ast.AST | None) -> bool:
    """A SQL helper (`Database.rows(self, sql, ...)`, `page(db, source, ...)`) making SQL of its own SQL
    parameters, and nothing but constants besides: its callers are the ones checked."""
    if not isinstance(function, ast.FunctionDef) or function.name not in SQL_METHODS:
        return False
    args = [a.arg for a in function.args.args + function.args.kwonlyargs if a.arg != "self"]
    own = {
        args[w] if isinstance(w, int) else w
        for w in SQL_METHODS[function.name]
        if not isinstance(w, int) or w < len(args)
    }

    # The helper's own state (`self.clauses`) and `Where` arguments: built through the checked calls above.
    def is_where(annotation: ast.expr | None) -> bool:  # `Where`, or `Sequence[Where]`
        if isinstance(annotation, ast.Subscript):
            return is_where(annotation.slice)
        return isinstance(annotation, ast.Name) and annotation.id == "Where"

    own |= {"self"} | {a.arg for a in function.args.args if is_where(a.annotation)}

    def fixed(node: ast.AST) -> bool:
        if isinstance(node, ast.GeneratorExp):  # (f"({w.sql})" for w in alternatives): over fixed values
            if not all(fixed(g.iter) and isinstance(g.target, ast.Name) for g in node.generators):
                return False
            own.update(g.target.id for g in node.generators if isinstance(g.target, ast.Name))
            return fixed(node.elt)
        if isinstance(node, ast.Name):
            return node.id in own
        if isinstance(node, ast.Attribute):
            return fixed(node.value)
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(fixed(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            return isinstance(node.func.value, ast.Constant) and all(fixed(a) for a in node.args)
        return isinstance(node, ast.Call) and getattr(node.func, "id", None) in SAFE_CALLS

    return fixed(sql)


RUNS_CLIENT_SQL = {
    "sql_sandbox.py": "runs Datasette's SQL as the client wrote it, in a killable, memory-capped child process",
    "datasette_limits.py": "builds rows for Datasette's answers on a private in-memory connection",
    "export/release.py": "writes every table and view of a release's own copy as CSV, by the names sqlite_master "
    "gives (each checked against SAFE_NAME); no request reaches it",
}
"""Modules whose SQL is not the API's own, and why they may run it (docs/deployment.md)."""


def test_sql_in_the_api_is_built_from_fixed_fragments_only() -> None:
    modules = {name: found for name, found in _api_modules().items() if name not in RUNS_CLIENT_SQL}
    sources = _SqlSources({name: tree for name, (_, tree) in modules.items()})
    checked, unsafe = 0, []
    for name, (path, tree) in modules.items():
        for call, function in _sql_calls(tree):
            checked += 1
            for sql in _sql_args(call):
                if not _passes_through(sql, function) and not sources.fixed(sql, _stem(name), function):
                    unsafe.append(f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(sql)[:120]}")
    assert checked >= 40, "the check found too few SQL calls; has the store's API changed?"
    assert not unsafe, "SQL built from something other than fixed fragments:\n" + "\n".join(unsafe)


@pytest.mark.parametrize(
    "code",
    [
        "def f(db, q):\n    return db.rows(f'select * from t where x = {q}')",
        "def f(db, q):\n    return db.rows('select * from t where x = ' + q)",
        "def f(db, q):\n    return db.rows('select * from t where x = %s' % q)",
        "def f(db, q):\n    return db.rows('select * from t where x = {}'.format(q))",
        "def f(db, q):\n    where = ['1 = 1']\n    where.append(f'x = {q}')\n    clause = ' and '.join(where)\n"
        "    return db.rows(f'select 1 where {clause}')",
        "def f(db, q):\n    sql = 'select 1'\n    sql += q\n    return db.value(sql)",
        "def f(c, table):\n    return c.execute(f'select count(*) from {table}')",
    ],
)
def test_the_sql_check_catches_formatted_values(code: str) -> None:
    """The check can fail: each of these formats a request value into SQL."""
    tree = ast.parse(code)
    sources = _SqlSources({"m": tree})
    ((call, function),) = list(_sql_calls(tree))
    assert not sources.fixed(call.args[0], "m", function)


def test_the_sql_check_accepts_fixed_fragments() -> None:
    code = (
        "ORDER = {'a': 'a', '-a': 'a desc'}\n"
        "def f(db, sort, kind):\n"
        "    where, params = ['1 = 1'], []\n"
        "    if kind:\n"
        "        where.append('kind = ?')\n"
        "        params.append(kind)\n"
        "    clause = ' and '.join(where)\n"
        "    return db.rows(f'select * from t where {clause} order by {ORDER[sort]}', params)\n"
    )
    tree = ast.parse(code)
    ((call, function),) = list(_sql_calls(tree))
    assert _SqlSources({"m": tree}).fixed(call.args[0], "m", function)
