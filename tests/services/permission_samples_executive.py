"""Permission samples of executives, offices, commissions and conferences (merged into
test_bus.SAMPLES).

Each prepares, on the small union of test_bus, the executive side it needs — an
executive ``cec`` and a commission ``mrc`` of the congress, units ``reg-a`` and
``reg-b``, a conference ``garrison`` — and returns the command to run.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

ORG = "union"


def bodies(bus: Bus, actor: Actor) -> None:
    for key, kind in (
        ("cec", "executive"),
        ("sovnarkom", "executive"),
        ("mrc", "commission"),
        ("garrison", "conference"),
        ("reg-a", "unit"),
        ("reg-b", "unit"),
    ):
        bus.execute(actor, c.CreateBody(ORG, key, key.upper(), kind))


def commission(bus: Bus, actor: Actor) -> None:
    bodies(bus, actor)
    bus.execute(actor, create_commission_command())


def create_commission_command() -> c.CreateCommission:
    return c.CreateCommission(
        ORG,
        "mrc",
        "district",
        mandate="Defence",
        powers=("issue-orders", "appoint-commissars", "countersign", "convoke"),
        reporting="reports to the district council",
        seats=(("north", 1), ("south", 1)),
    )


def commissar(bus: Bus, actor: Actor) -> None:
    """Commission ``mrc`` and its commissar ``c1`` (member 1) attached to ``reg-a``."""
    commission(bus, actor)
    bus.execute(actor, c.AppointOffice(ORG, "c1", "mrc", "1", unit="reg-a", credential="No. 1"))


def executive(bus: Bus, actor: Actor) -> None:
    bodies(bus, actor)
    bus.execute(actor, constitute_command())


def constitute_command() -> c.ConstituteExecutive:
    return c.ConstituteExecutive(ORG, "cec", "congress", ("issue-orders", "appoint-commissars"))


def conference(bus: Bus, actor: Actor) -> None:
    commission(bus, actor)
    bus.execute(actor, c.ConstituteConference(ORG, "garrison", "mrc", ("reg-a",)))


def constitute(bus: Bus, actor: Actor) -> c.ConstituteExecutive:
    bodies(bus, actor)
    return constitute_command()


def add_post(bus: Bus, actor: Actor) -> c.AddPost:
    executive(bus, actor)
    return c.AddPost(ORG, "cec", "interior", "Interior")


def show_executive(bus: Bus, actor: Actor) -> c.ShowExecutive:
    executive(bus, actor)
    return c.ShowExecutive(ORG, "cec")


def appoint(bus: Bus, actor: Actor) -> c.AppointOffice:
    commission(bus, actor)
    return c.AppointOffice(ORG, "c1", "mrc", "1", unit="reg-a", credential="No. 1")


def recall(bus: Bus, actor: Actor) -> c.RecallOffice:
    commissar(bus, actor)
    return c.RecallOffice(ORG, "c1", "mrc", "recalled")


def recognise(bus: Bus, actor: Actor) -> c.RecogniseOffice:
    commissar(bus, actor)
    return c.RecogniseOffice(ORG, "c1", False, "the commandant refuses him")


def list_offices(bus: Bus, actor: Actor) -> c.ListOffices:
    commissar(bus, actor)
    return c.ListOffices(ORG)


def create_commission(bus: Bus, actor: Actor) -> c.CreateCommission:
    bodies(bus, actor)
    return create_commission_command()


def fill_seat(bus: Bus, actor: Actor) -> c.FillCommissionSeat:
    commission(bus, actor)
    return c.FillCommissionSeat(ORG, "mrc", "north", "1")


def boycott(bus: Bus, actor: Actor) -> c.BoycottCommission:
    commission(bus, actor)
    return c.BoycottCommission(ORG, "mrc", "south", "boycott")


def add_department(bus: Bus, actor: Actor) -> c.AddDepartment:
    commission(bus, actor)
    return c.AddDepartment(ORG, "mrc", "defence", "Defence")


def form_bureau(bus: Bus, actor: Actor) -> c.FormBureau:
    commission(bus, actor)
    bus.execute(actor, c.FillCommissionSeat(ORG, "mrc", "north", "1"))
    return c.FormBureau(ORG, "mrc", ("1",), "1")


def show_commission(bus: Bus, actor: Actor) -> c.ShowCommission:
    commission(bus, actor)
    return c.ShowCommission(ORG, "mrc")


def constitute_conference(bus: Bus, actor: Actor) -> c.ConstituteConference:
    commission(bus, actor)
    return c.ConstituteConference(ORG, "garrison", "mrc", ("reg-a",))


def add_member(bus: Bus, actor: Actor) -> c.AddConferenceMember:
    conference(bus, actor)
    return c.AddConferenceMember(ORG, "garrison", "reg-b")


def convene(bus: Bus, actor: Actor) -> c.ConveneConference:
    conference(bus, actor)
    return c.ConveneConference(ORG, "garrison", "mrc")


def roll_call(bus: Bus, actor: Actor) -> c.RecordStance:
    conference(bus, actor)
    bus.execute(actor, c.ConveneConference(ORG, "garrison", "mrc"))
    return c.RecordStance(ORG, "garrison", 1, "reg-a", "support")


def show_conference(bus: Bus, actor: Actor) -> c.ShowConference:
    conference(bus, actor)
    return c.ShowConference(ORG, "garrison")


SAMPLES: dict[str, Callable[[Bus, Actor], object]] = {
    "executive.constitute": constitute,
    "executive.add-post": add_post,
    "executive.show": show_executive,
    "office.appoint": appoint,
    "office.recall": recall,
    "office.recognise": recognise,
    "office.list": list_offices,
    "commission.create": create_commission,
    "commission.fill-seat": fill_seat,
    "commission.boycott": boycott,
    "commission.add-department": add_department,
    "commission.form-bureau": form_bureau,
    "commission.show": show_commission,
    "conference.constitute": constitute_conference,
    "conference.add-member": add_member,
    "conference.convene": convene,
    "conference.roll-call": roll_call,
    "conference.show": show_conference,
}
