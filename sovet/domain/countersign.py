"""Countersign policies: which orders need whose signature before a unit executes them
(M17).

On 18 October the Soviet told the garrison to "fulfil only those orders of headquarters
which should be countersigned by the Soldiers' Sections" (002_9a3e1fc102cad50d.txt,
l. 809); the MRC then placed three commissars at district headquarters, and "Orders of
the commander were to become effective only when countersigned by one of these three"
(l. 883; fact ``mrc-district-hq-commissars``: 1 of 3). A policy is set by a body and
says:

- which orders it covers: of the listed ``types``, from the listed ``issuers`` (a body,
  or an office through which an order was issued), to the listed ``addressees``; an
  empty list means "any";
- what they need: ``needed`` (k) countersignatures of the ``signatories`` (n offices,
  1 <= k <= n), or the sign-off of a named body.

A body keeps any number of policies, each under its own key; setting a key again
replaces the policy, and a revoked policy no longer applies. Validity is always judged
against the policies in force when it is evaluated (:mod:`sovet.domain.validity`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sovet.domain import order_events as ordev
from sovet.domain.errors import InvalidInput, InvalidTransition, NotFound
from sovet.domain.events import Event
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key
from sovet.domain.offices import Office, OfficePower


@dataclass(frozen=True)
class CountersignPolicy:
    """One policy of body ``setter`` (see the module's docstring)."""

    setter: str
    key: str
    types: tuple[str, ...]
    issuers: tuple[str, ...]
    addressees: tuple[str, ...]
    signatories: tuple[str, ...]
    needed: int
    sign_off: str | None = None
    note: str = ""

    @property
    def ref(self) -> str:
        return f"{self.setter}/{self.key}"

    def covers(self, order_type: str, issuer: str, office: str | None, unit: str) -> bool:
        """The policy applies to an order of ``order_type`` by ``issuer`` (issued through
        ``office``, if any) for addressee ``unit``."""
        return (
            (not self.types or order_type in self.types)
            and (not self.issuers or issuer in self.issuers or office in self.issuers)
            and (not self.addressees or unit in self.addressees)
        )

    def describe(self) -> str:
        if self.sign_off is not None:
            need = f"the sign-off of {self.sign_off}"
        else:
            need = f"{self.needed} of {len(self.signatories)} countersignatures"
            need += f" ({', '.join(self.signatories)})"
        scope = [
            f"types {', '.join(self.types)}" if self.types else "any type",
            f"from {', '.join(self.issuers)}" if self.issuers else "from any issuer",
            f"to {', '.join(self.addressees)}" if self.addressees else "to any addressee",
        ]
        return f"policy {self.ref}: orders of {'; '.join(scope)} need {need}"


def _keys(values: Iterable[str], what: str, where: str) -> tuple[str, ...]:
    out = tuple(check_key(v, what) for v in values)
    twice = sorted({v for v in out if out.count(v) > 1})
    if twice:
        raise InvalidInput(f"{where}: {what} {', '.join(twice)} listed twice")
    return out


@dataclass
class PolicyBook:
    """The countersign policies a body has set (its stream ``policies:<body>``)."""

    body: str
    policies: dict[str, CountersignPolicy] = field(default_factory=dict)
    revoked: dict[str, str] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def replay(cls, body: str, events: Iterable[Event]) -> PolicyBook:
        book = cls(body)
        for event in events:
            book.apply(event)
        return book

    def policy(self, key: str) -> CountersignPolicy:
        try:
            return self.policies[key]
        except KeyError:
            raise NotFound(f"body {self.body} has no countersign policy {key!r}") from None

    def set(
        self,
        key: str,
        *,
        types: Iterable[str] = (),
        issuers: Iterable[str] = (),
        addressees: Iterable[str] = (),
        signatories: Sequence[Office] = (),
        needed: int = 1,
        sign_off: str | None = None,
        note: str = "",
    ) -> Event:
        """Set or replace policy ``key`` (rules in the module's docstring).

        A policy needs either offices (signatories, each in office and holding the
        countersign power, 1 <= ``needed`` <= their number) or one body's sign-off,
        not both (M17: "k of n designated signatories or a body's sign-off").
        """
        check_key(key, "policy")
        where = f"policy {self.body}/{key}"
        kinds = _keys(types, "order type", where)
        froms = _keys(issuers, "issuer", where)
        tos = _keys(addressees, "addressee", where)
        names = _keys((o.key for o in signatories), "signatory", where)
        for office in signatories:
            if not office.may(OfficePower.COUNTERSIGN):
                state = "holds no countersign power" if office.active else "has ended"
                raise InvalidInput(f"{where}: office {office.key} {state}")
        if sign_off is not None:
            check_key(sign_off, "body")
            if names:
                raise InvalidInput(f"{where}: name signatories or a sign-off body, not both")
            count = 0
        else:
            if not names:
                raise InvalidInput(f"{where}: name the signatories or a sign-off body")
            if isinstance(needed, bool) or not 1 <= needed <= len(names):
                raise InvalidInput(
                    f"{where}: needed must be between 1 and the {len(names)} signatories, "
                    f"not {needed!r}"
                )
            count = needed
        text = check_text(note, f"{where}: note", 500) if note.strip() else ""
        return self.record(
            ordev.PolicySet(self.body, key, kinds, froms, tos, names, count, sign_off, text)
        )

    def revoke(self, key: str, reason: str) -> Event:
        """A revoked policy no longer applies to any order, including those issued
        before (validity is judged against the policies in force)."""
        if key in self.revoked and key not in self.policies:
            raise InvalidTransition(f"policy {self.body}/{key} is already revoked")
        self.policy(key)
        text = check_text(reason, f"policy {self.body}/{key}: reason")
        return self.record(ordev.PolicyRevoked(self.body, key, text))

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case ordev.PolicySet():
                self.revoked.pop(event.key, None)
                self.policies[event.key] = CountersignPolicy(
                    event.body,
                    event.key,
                    event.types,
                    event.issuers,
                    event.addressees,
                    event.signatories,
                    event.needed,
                    event.sign_off,
                    event.note,
                )
            case ordev.PolicyRevoked():
                del self.policies[event.key]
                self.revoked[event.key] = event.reason
            case _:
                pass
