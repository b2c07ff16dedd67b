"""The domain's own errors. The web layer maps them to RFC 9457 problems (api/errors.py), the CLI
prints their `detail`; both say how to fix the request."""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a question to the domain can end in; `detail` is for a person."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """No record with the id the question names (a 404 on the web)."""

    def __init__(self, kind: str, record_id: str, hint: str = "") -> None:
        super().__init__(f"No {kind} with id {record_id!r}.{(' ' + hint) if hint else ''}")
        self.kind = kind
        self.record_id = record_id


class BadParameter(DomainError):
    """A parameter that is well-formed but names nothing, or contradicts another (a 400 on the web)."""

    def __init__(self, name: str, reason: str, source: str = "query", allowed: list[str] | None = None) -> None:
        super().__init__(f"Invalid {source} parameter `{name}`: {reason}")
        self.name = name
        self.reason = reason
        self.source = source
        self.allowed = allowed or []
        """The values the parameter may take, where the store can list them (known markings)."""
