"""Worked scenarios of executives, commissions and the Garrison Conference through the
bus, on any bus (fake, SQLite, PostgreSQL), each ending with a clean replay.

- ``sovnarkom_formed``: the Second Congress constitutes its CEC and the Council of
  People's Commissars accountable to it, with Communications left open for agreement
  with the railway workers (fact ``sovnarkom-composition``); Kamenev as the CEC's
  president is not modelled (fact ``cec-president``) beyond the CEC itself. The posts
  shown are four of the fifteen; the members are illustrative.
- ``mrc_regulations_and_garrison_conference``: the MRC's regulations with seats allotted
  to organisations, one boycotted (M15; fact ``mrc-draft-executive-committee``), its
  bureau, and the Garrison Conference's first session and the CEC's rival assembly
  the next morning, where the Peter and Paul committees opposed (M18; fact
  ``peter-paul-fortress-stance-19th``).
"""

from __future__ import annotations

import pytest

from sovet.domain.errors import NotCompetent
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from tests.mandates_scenarios import assert_replays

OPERATOR = Actor.operator()


def congress(bus: Bus, org: str = "congress2") -> None:
    bus.execute(OPERATOR, c.CreateOrganisation(org, "Second Congress (illustrative)", "julian"))
    for key, name, kind in (
        ("congress", "Second All-Russian Congress of Soviets", "congress"),
        ("cec", "Central Executive Committee", "executive"),
        ("sovnarkom", "Council of People's Commissars", "executive"),
        ("vikzhel", "All-Russian Executive Committee of the Railwaymen", "executive"),
    ):
        bus.execute(OPERATOR, c.CreateBody(org, key, name, kind))
    for number, name in (
        ("lenin", "Lenin"),
        ("trotsky", "Trotsky"),
        ("rykov", "Rykov"),
        ("stalin", "Stalin"),
        ("kamenev", "Kamenev"),
    ):
        bus.execute(OPERATOR, c.AddMember(org, number, name, "congress"))


def sovnarkom_formed(bus: Bus, org: str = "congress2") -> None:
    congress(bus, org)
    bus.execute(
        OPERATOR,
        c.ConstituteExecutive(
            org, "cec", "congress", ("issue-orders", "appoint-commissars", "convoke")
        ),
    )
    assert (
        bus.execute(
            OPERATOR,
            c.ConstituteExecutive(
                org, "sovnarkom", "congress", ("issue-orders",), accountable_to="cec"
            ),
        )
        == "cec"
    )
    for post, title, open_for in (
        ("chair", "Chairman", ""),
        ("foreign-affairs", "Foreign Affairs", ""),
        ("interior", "Interior", ""),
        (
            "communications",
            "Communications",
            "open for an agreement with the organisations of the railroad workers",
        ),
    ):
        bus.execute(OPERATOR, c.AddPost(org, "sovnarkom", post, title, open_for))
    sitting = c.OpenSitting(org, "s26", "congress")
    bus.execute(OPERATOR, sitting)
    for office, holder, post in (
        ("pc-chair", "lenin", "chair"),
        ("pc-foreign", "trotsky", "foreign-affairs"),
        ("pc-interior", "rykov", "interior"),
    ):
        bus.execute(
            OPERATOR,
            c.AppointOffice(org, office, "congress", holder, executive="sovnarkom", post=post),
        )
    view = bus.execute(OPERATOR, c.ShowExecutive(org, "sovnarkom"))
    assert view.kind == "council of commissars"
    assert [(p.post, p.holder) for p in view.posts] == [
        ("chair", "lenin"),
        ("foreign-affairs", "trotsky"),
        ("interior", "rykov"),
        ("communications", None),
    ]
    assert view.posts[3].open_for.startswith("open for an agreement")
    # While the Congress sits, its CEC does not act in its place (M14).
    with pytest.raises(NotCompetent, match="sitting s26 of congress is in session"):
        bus.execute(OPERATOR, c.RecallOffice(org, "pc-interior", "cec", "replaced"))
    bus.execute(OPERATOR, c.SetSittingStatus(org, "s26", "closed"))
    # A rival body's removal order is recorded, contested, and not applied (M16).
    rival = bus.execute(OPERATOR, c.RecallOffice(org, "pc-interior", "vikzhel", "ultimatum"))
    assert not rival.effective
    # Between congresses the CEC replaces a member of the council (M14).
    assert bus.execute(OPERATOR, c.RecallOffice(org, "pc-interior", "cec", "replaced")).effective
    replacement = c.AppointOffice(
        org, "pc-interior-2", "cec", "stalin", executive="sovnarkom", post="interior"
    )
    bus.execute(OPERATOR, replacement)
    listed = bus.execute(OPERATOR, c.ListOffices(org, appointed_by="congress"))
    interior = next(o for o in listed.offices if o.key == "pc-interior")
    assert (interior.active, interior.ended_by) == (False, "cec")
    assert interior.contested_removals == (("vikzhel", "ultimatum"),)
    assert_replays(bus, org)


def mrc_regulations_and_garrison_conference(bus: Bus, org: str = "garrison") -> None:
    bus.execute(OPERATOR, c.CreateOrganisation(org, "Petrograd garrison (illustrative)"))
    for key, name, kind in (
        ("soviet", "Petrograd Soviet", "council"),
        ("cec", "Central Executive Committee (old)", "executive"),
        ("mrc", "Military Revolutionary Committee", "commission"),
        ("presidium", "Presidium of the Soviet", "presidium"),
        ("soldiers", "Soldiers' section", "section"),
        ("mensheviks", "Menshevik military organisation", "faction"),
        ("garrison", "Permanent Conference of the Garrison", "conference"),
        ("grenadiers", "Grenadier regiment", "unit"),
        ("ninth-cavalry", "Ninth Cavalry regiment", "unit"),
        ("guard-cavalry", "Squadrons of the cavalry of the Guard", "unit"),
        ("peter-paul", "Committees of the Peter and Paul fortress", "unit"),
    ):
        bus.execute(OPERATOR, c.CreateBody(org, key, name, kind))
    for number, name in (("trotsky", "Trotsky"), ("lazimir", "Lazimir"), ("sverdlov", "Sverdlov")):
        bus.execute(OPERATOR, c.AddMember(org, number, name, "soviet"))
    bus.execute(
        OPERATOR,
        c.CreateCommission(
            org,
            "mrc",
            "soviet",
            mandate="Revolutionary defence of the capital",
            powers=("issue-orders", "appoint-commissars", "countersign", "convoke"),
            reporting="reports to the plenary Soviet",
            seats=(("presidium", 2), ("soldiers", 1), ("mensheviks", 2)),
        ),
    )
    bus.execute(OPERATOR, c.FillCommissionSeat(org, "mrc", "presidium", "trotsky"))
    bus.execute(OPERATOR, c.FillCommissionSeat(org, "mrc", "soldiers", "lazimir"))
    bus.execute(OPERATOR, c.BoycottCommission(org, "mrc", "mensheviks", "boycott"))
    bus.execute(OPERATOR, c.AddDepartment(org, "mrc", "defence", "Defence"))
    bus.execute(OPERATOR, c.FormBureau(org, "mrc", ("lazimir", "trotsky"), "lazimir"))
    shown = bus.execute(OPERATOR, c.ShowCommission(org, "mrc"))
    assert [(s.organisation, str(s.state), s.holder) for s in shown.seats] == [
        ("presidium", "filled", "trotsky"),
        ("presidium", "empty", None),
        ("soldiers", "filled", "lazimir"),
        ("mensheviks", "boycotted", None),
        ("mensheviks", "boycotted", None),
    ]
    assert (shown.bureau, shown.president) == (("lazimir", "trotsky"), "lazimir")
    units = ("grenadiers", "ninth-cavalry", "guard-cavalry")
    bus.execute(OPERATOR, c.ConstituteConference(org, "garrison", "mrc", units))
    assert bus.execute(OPERATOR, c.ConveneConference(org, "garrison", "mrc")) == 1
    for unit, stance, authority in (
        ("grenadiers", "conditional", "soviet"),
        ("ninth-cavalry", "oppose", None),
        ("guard-cavalry", "neutral", None),
    ):
        bus.execute(OPERATOR, c.RecordStance(org, "garrison", 1, unit, stance, authority))
    # The CEC's rival assembly next morning, adding the fortress's committees.
    second = c.ConveneConference(org, "garrison", "cec", invited=("peter-paul",))
    assert bus.execute(OPERATOR, second) == 2
    bus.execute(OPERATOR, c.RecordStance(org, "garrison", 2, "peter-paul", "oppose"))
    view = bus.execute(OPERATOR, c.ShowConference(org, "garrison"))
    first, rival = view.sessions
    assert (first.rival, rival.rival, rival.convener) == (False, True, "cec")
    assert dict(first.counts) == {"support": 0, "oppose": 1, "neutral": 1, "conditional": 1}
    assert rival.not_answering == units
    assert [(s.unit, s.invited) for s in rival.stances] == [("peter-paul", True)]
    assert_replays(bus, org)
