"""Orders: issued by a body or an office to addressee units, countersigned or refused
by office holders, signed off or refused by bodies (M17).

Whether an order binds a given addressee is not a property of the order alone: it
depends on the addressee's allegiance and the countersign policies in force, and is
computed by :func:`sovet.domain.validity.evaluate`. This module records the acts:

- an order has an issuing body (through one of its office holders, when an office
  issued it), a type, one or more addressees and a content;
- each office signs once: it countersigns or refuses (with a reason); only an office in
  post holding the countersign power signs (M16: a commissar's listed powers);
- each body signs off once, approving or refusing (with a reason).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sovet.domain import order_events as ordev
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition
from sovet.domain.events import Event, replay_stream
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key
from sovet.domain.offices import Office, OfficePower
from sovet.domain.organisation import Organisation


@dataclass(frozen=True)
class Signature:
    """An office's countersignature (``given``) or refusal, as recorded."""

    office: str
    holder: str
    given: bool
    reason: str = ""
    on_paper: bool = False


@dataclass(frozen=True)
class SignOff:
    body: str
    approved: bool
    reason: str = ""


@dataclass
class Order:
    """An order and the signatures it has gathered (its stream ``order:<key>``)."""

    key: str
    issuer: str
    type: str
    addressees: tuple[str, ...]
    content: str
    office: str | None = None
    signatures: dict[str, Signature] = field(default_factory=dict)
    sign_offs: dict[str, SignOff] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def issue(
        cls,
        org: Organisation,
        key: str,
        issuer: str,
        order_type: str,
        addressees: Sequence[str],
        content: str,
        *,
        office: Office | None = None,
    ) -> Order:
        """Issue an order. Rules: the issuer is a body of the organisation; issued
        through an office, the office is in post, holds the power to issue orders, and
        the issuer is its appointing body; the addressees are one or more other bodies,
        each named once; the type is a key (``mobilisation``, ``issue-arms``)."""
        check_key(key, "order")
        check_key(order_type, "order type")
        org.body(issuer)
        if office is not None:
            if not office.may(OfficePower.ISSUE_ORDERS):
                state = "holds no power to issue orders" if office.active else "has ended"
                raise InvalidInput(f"order {key}: office {office.key} {state}")
            if office.appointed_by != issuer:
                raise InvalidInput(
                    f"order {key}: office {office.key} acts for {office.appointed_by}, "
                    f"not for {issuer}"
                )
        if not addressees:
            raise InvalidInput(f"order {key}: name at least one addressee")
        if len(set(addressees)) != len(addressees):
            raise InvalidInput(f"order {key}: an addressee is named twice")
        for unit in addressees:
            org.body(unit)
            if unit == issuer:
                raise InvalidInput(f"order {key}: {issuer} cannot address an order to itself")
        text = check_text(content, f"order {key}: content")
        event = ordev.OrderIssued(
            key, issuer, order_type, tuple(addressees), text, None if office is None else office.key
        )
        order = cls.from_issued(event)
        order.pending.append(event)
        return order

    @classmethod
    def from_issued(cls, event: ordev.OrderIssued) -> Order:
        return cls(
            event.key, event.issuer, event.type, event.addressees, event.content, event.office
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Order:
        return replay_stream(events, ordev.OrderIssued, cls.from_issued, "an order")

    # -- signatures ---------------------------------------------------------------
    def countersign(self, office: Office, *, on_paper: bool = False) -> Event:
        """The holder of ``office`` countersigns, once."""
        self._may_sign(office)
        return self.record(ordev.OrderCountersigned(self.key, office.key, office.holder, on_paper))

    def refuse(self, office: Office, reason: str, *, on_paper: bool = False) -> Event:
        """The holder of ``office`` refuses to countersign, once, giving a reason."""
        self._may_sign(office)
        text = check_text(reason, f"order {self.key}: reason for refusing")
        return self.record(
            ordev.CountersignRefused(self.key, office.key, office.holder, text, on_paper)
        )

    def sign_off(self, body: str, approved: bool, reason: str = "") -> Event:
        """Body ``body`` approves or refuses the order, once; a refusal gives a reason."""
        if body in self.sign_offs:
            done = "approved" if self.sign_offs[body].approved else "refused"
            raise AlreadyExists(f"order {self.key}: {body} has already {done} it")
        text = reason.strip()
        if not approved:
            text = check_text(reason, f"order {self.key}: reason for refusing the sign-off")
        return self.record(ordev.OrderSignedOff(self.key, body, approved, text))

    def _may_sign(self, office: Office) -> None:
        if not office.active:
            raise InvalidTransition(
                f"office {office.key} was ended by {office.ended_by}; it signs no more"
            )
        if OfficePower.COUNTERSIGN not in office.powers:
            raise InvalidInput(f"office {office.key} holds no countersign power")
        done = self.signatures.get(office.key)
        if done is not None:
            what = "countersigned" if done.given else "refused to countersign"
            raise AlreadyExists(f"order {self.key}: office {office.key} has already {what} it")

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case ordev.OrderCountersigned():
                self.signatures[event.office] = Signature(
                    event.office, event.holder, True, on_paper=event.on_paper
                )
            case ordev.CountersignRefused():
                self.signatures[event.office] = Signature(
                    event.office, event.holder, False, event.reason, event.on_paper
                )
            case ordev.OrderSignedOff():
                self.sign_offs[event.body] = SignOff(event.body, event.approved, event.reason)
            case _:
                pass
