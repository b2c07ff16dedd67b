"""What one sharing evaluation reads from the database, read once: parties, subjects, the
agreements that can bear on a pair, and each agreement's status on the date (the rule runs once
per agreement and date)."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

import msgspec

from api.domain import records, terms
from api.domain.errors import BadParameter
from api.domain.models import PartyRef, SourceQuote
from api.domain.query import Database, placeholders
from api.domain.sharing_answer import AgreementRef, BindingClaim, Condition, StatusOut
from api.domain.status import StatusOn, status_on
from api.domain.status_answer import answer
from schema.agreements import Agreement
from schema.provisions import BindingStatus, ProvisionBase

_decode = msgspec.json.Decoder(Agreement)
_SELECT = "select id, short_name, kind, level, record_json from agreements"
# INTERSECT of two index scans: a self-join on state_id makes SQLite pair every agreement of one
# state with every agreement of the other (seconds for states with thousands).
_CAN_BEAR = (
    "select * from (select agreement_id from agreement_parties where state_id = ? "
    "intersect select agreement_id from agreement_parties where state_id = ?) "
    "union select r.agreement_id from provision_routes r join parties o on o.id = r.origin "
    "join parties d on d.id = r.destination where o.state_id = ? and d.state_id = ? "
    "union select ap.agreement_id from agreement_parties ap join parties p on p.id = ap.party_id "
    "where p.kind = 'group'"
)


class World:
    """The store as one evaluation sees it. With `detailed=False` (the graph) channels carry no
    conditions, binding claims, deciding events or notices, which only a single answer shows."""

    def __init__(self, db: Database, *, detailed: bool = True) -> None:
        self.db = db
        self.detailed = detailed
        self.parties = {
            r["id"]: r for r in db.rows("select id, name, short_name, kind, state_id, iso_alpha3 from parties")
        }
        self.broader = {r["id"]: r["broader"] for r in db.rows("select id, broader from subjects")}
        self.agreements: dict[str, Agreement] = {}
        self.rows: dict[str, sqlite3.Row] = {}
        self._status: dict[tuple[str, datetime.date], StatusOut] = {}
        self._rule: dict[tuple[str, datetime.date], StatusOn] = {}
        self._refs: dict[str, AgreementRef] = {}

    def party(self, party_id: str, parameter: str) -> PartyRef:
        """A party by id; a bad `parameter` when there is none."""
        row = self.parties.get(party_id)
        if row is None:
            raise BadParameter(parameter, f"no party with id {party_id!r}; see /api/v1/parties")
        return records.convert(row, PartyRef)

    def state(self, party_id: str) -> str:
        """The state a party is or acts for."""
        row = self.parties.get(party_id)
        return str(row["state_id"]) if row else party_id

    def load(self, a: str, b: str) -> list[str]:
        """Ids of the agreements that can bear on a -> b: both states parties to it, a route from a
        to b, or parties given as a group whose members the store may not list."""
        return self._keep(self.db.rows(f"{_SELECT} where id in ({_CAN_BEAR}) order by id", (a, b, a, b)))

    def load_ids(self, ids: Sequence[str]) -> list[str]:
        """The agreements with these ids, loaded (unknown ids left out)."""
        missing = [i for i in ids if i not in self.agreements]
        if missing:
            self._keep(self.db.rows(f"{_SELECT} where id in ({placeholders(missing)}) order by id", tuple(missing)))
        return [i for i in ids if i in self.agreements]

    def load_all(self) -> list[Agreement]:
        """Every agreement, by id."""
        self._keep(self.db.rows(f"{_SELECT} order by id"))
        return [self.agreements[i] for i in sorted(self.agreements)]

    def _keep(self, rows: Sequence[sqlite3.Row]) -> list[str]:
        for row in rows:
            if row["id"] not in self.agreements:
                self.rows[row["id"]] = row
                self.agreements[row["id"]] = _decode.decode(row["record_json"])
        return [row["id"] for row in rows]

    def ref(self, agreement_id: str) -> AgreementRef:
        """An agreement, named (once per agreement)."""
        found = self._refs.get(agreement_id)
        if found is None:
            row = self.rows.get(agreement_id) or self.db.one(
                "select id, short_name, kind, level from agreements where id = ?", (agreement_id,)
            )
            fields = {"id": row["id"], "short_name": row["short_name"], "kind": row["kind"], "level": row["level"]}
            found = self._refs[agreement_id] = records.convert(
                fields, AgreementRef, url=records.url("agreements", row["id"])
            )
        return found

    def members(self, agreement: Agreement) -> set[str]:
        """The states party to the agreement."""
        return terms.members(agreement, self.state)

    def unlisted_groups(self, agreement: Agreement) -> list[str]:
        """Parties given as a group whose members the store does not list."""
        return [
            p.party for p in agreement.parties if p.party in self.parties and self.parties[p.party]["kind"] == "group"
        ]

    def within(self, subject: str, scope: Iterable[str]) -> bool:
        """Whether `subject` is one of `scope` or narrower than one of them."""
        covered, seen = set(scope), set()
        current: str | None = subject
        while current is not None and current not in seen:
            if current in covered:
                return True
            seen.add(current)
            current = self.broader.get(current)
        return False

    def rule(self, agreement: Agreement, on: datetime.date) -> StatusOn:
        """The status rule's answer for the agreement on `on` (once per agreement and date)."""
        key = (agreement.id, on)
        if key not in self._rule:
            self._rule[key] = status_on(agreement, on)
        return self._rule[key]

    def status(self, agreement: Agreement, on: datetime.date) -> StatusOut:
        """The agreement's status on `on` with its qualifiers, from the status rule (once per agreement and date)."""
        key = (agreement.id, on)
        if key not in self._status:
            found = answer(self.db, agreement.id, self.rule(agreement, on), detailed=self.detailed)
            self._status[key] = StatusOut(**msgspec.structs.asdict(found))
        return self._status[key]

    def provision_sources(
        self, agreement: Agreement, provisions: Sequence[ProvisionBase]
    ) -> dict[str, list[SourceQuote]]:
        """The resolved citations of some of the agreement's provisions, by provision id."""
        return records.sources(self.db, "provision", [f"{agreement.id}.{p.id}" for p in provisions])

    def conditions(self, agreement: Agreement) -> tuple[list[Condition], list[BindingClaim]]:
        """The terms that govern an exchange under the agreement and its binding-status claims, as the
        build stored them (`assemble_terms`)."""
        if not self.detailed:
            return [], []
        row = self.db.row("select body from sharing_terms where agreement_id = ?", (agreement.id,))
        if row is None:
            return [], []
        stored = _terms_decoder.decode(row["body"])
        return stored.conditions, stored.binding

    def assemble_terms(self, agreement: Agreement) -> SharingTerms:
        """The terms that govern an exchange under the agreement (terms.TRANSFER_KINDS, not the
        instrument's own mechanics), and its binding-status claims, with their sources: the same on
        every date, so the build assembles them once (api/domain/build.py) and evaluations read them."""
        cited = self.provision_sources(agreement, list(agreement.provisions))
        conditions, binding = [], []
        for p in agreement.provisions:
            pid = f"{agreement.id}.{p.id}"
            if isinstance(p, BindingStatus):
                disputes = f"{agreement.id}.{p.disputes}" if p.disputes else None
                fields = msgspec.structs.asdict(p)
                binding.append(
                    msgspec.convert(
                        {**fields, "provision_id": pid, "disputes": disputes, "sources": cited[pid]}, BindingClaim
                    )
                )
            elif terms.governs_transfer(p):
                conditions.append(
                    Condition(
                        provision_id=pid,
                        kind=terms.kind_of(p),
                        summary=p.summary(),
                        basis=p.basis,
                        binds=p.binds,
                        sources=cited[pid],
                    )
                )
        return SharingTerms(conditions=conditions, binding=binding)


class SharingTerms(msgspec.Struct, frozen=True, kw_only=True):
    """An agreement's conditions of exchange and binding-status claims (the `sharing_terms` table)."""

    conditions: list[Condition]
    binding: list[BindingClaim]


_terms_decoder = msgspec.json.Decoder(SharingTerms)


def sharing_terms_rows(db: Database) -> Iterator[tuple[str, bytes]]:
    """The `sharing_terms` rows of every agreement (the build writes them)."""
    world = World(db)
    for agreement in world.load_all():
        yield agreement.id, msgspec.json.encode(world.assemble_terms(agreement))
