"""The tables. Rows are mapped to domain objects explicitly in the repositories
(docs/adr/0002): no class serves as both a table and a domain object."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

K = 80  # key length

organisations = Table(
    "organisations",
    metadata,
    Column("key", String(K), primary_key=True),
    Column("name", Text, nullable=False),
    Column("calendar", String(16), nullable=False),
)

bodies = Table(
    "bodies",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("level", Text, nullable=False),
    Column("seat_rule", String(16), nullable=False),
    Column("size", Integer),
    Column("method", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("curiae", Text, nullable=False),  # JSON list
    Column("membership", Integer),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
)

links = Table(
    "links",
    metadata,
    Column("org", String(K), nullable=False),
    Column("source", String(K), nullable=False),
    Column("target", String(K), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "source", "target", "kind"),
)

norms = Table(
    "norms",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("seats", Integer),
    Column("per", Integer),
    Column("minimum", Integer, nullable=False),
    Column("maximum", Integer),
    Column("rounding", String(16), nullable=False),
    Column("curia", Text),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
)

constituencies = Table(
    "constituencies",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("body", String(K), nullable=False),
    Column("source", String(K), nullable=False),
    Column("norm", String(K)),
    Column("curia", Text),
    Column("membership_override", Integer),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
)

factions = Table(
    "factions",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("name", Text, nullable=False),
    Column("party", Text),
    Column("parent", String(K)),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
)

members = Table(
    "members",
    metadata,
    Column("org", String(K), nullable=False),
    Column("number", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("council", String(K), nullable=False),
    Column("faction", String(K)),
    Column("email", Text),
    # No secondary indexes: they would triple the cost of a roll import, and the
    # queries by council or faction scan one organisation's rows once.
    PrimaryKeyConstraint("org", "number"),
)

mandates = Table(
    "mandates",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("body", String(K), nullable=False),
    Column("constituency", String(K)),
    Column("holder", String(40), nullable=False),
    Column("faction", String(K)),
    Column("status", String(16), nullable=False),
    Column("credential", String(16)),
    PrimaryKeyConstraint("org", "key"),
    Index("ix_mandates_body", "org", "body"),
)

# The ledger: insert-only (triggers in the migration refuse UPDATE and DELETE).
ledger = Table(
    "ledger",
    metadata,
    Column("org", String(K), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(32), nullable=False),  # exactly the ledger's time text
    Column("actor", Text),
    Column("op", String(80), nullable=False),
    Column("subjects", Text, nullable=False),  # canonical JSON list
    Column("payload", Text, nullable=False),  # canonical JSON object
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    PrimaryKeyConstraint("org", "seq"),
)

# One row per organisation: its chain's head. Locked by every writer of that
# organisation, which keeps the chain linear under concurrent writers.
ledger_heads = Table(
    "ledger_heads",
    metadata,
    Column("org", String(K), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", String(32), nullable=False),
)

# -- aggregates kept as streams of their events (sittings, polls) ---------------

aggregate_events = Table(
    "aggregate_events",
    metadata,
    Column("org", String(K), nullable=False),
    Column("stream", String(2 * K), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("op", String(80), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    PrimaryKeyConstraint("org", "stream", "seq"),
)

# -- polls and ballots -----------------------------------------------------------

polls = Table(
    "polls",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("sitting", String(K), nullable=False),
    Column("body", String(K), nullable=False),
    Column("mode", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("motion", String(K)),
    PrimaryKeyConstraint("org", "key"),
)

poll_voters = Table(
    "poll_voters",
    metadata,
    Column("org", String(K), nullable=False),
    Column("poll", String(K), nullable=False),
    Column("voter", String(40), nullable=False),
    Column("mandate", String(K), nullable=False),
    Column("weight", Integer, nullable=False),
    Column("delegation", String(K)),
    Column("curia", Text),
    Column("constituency", String(K)),
    PrimaryKeyConstraint("org", "poll", "voter"),
)

# Named ballots (roll call, card, delegation): one per voter, by primary key.
ballots = Table(
    "ballots",
    metadata,
    Column("org", String(K), nullable=False),
    Column("poll", String(K), nullable=False),
    Column("voter", String(40), nullable=False),
    Column("choice", String(16), nullable=False),
    Column("contrary", Integer, nullable=False),
    PrimaryKeyConstraint("org", "poll", "voter"),
)

# Secret polls: who voted (the register) is kept apart from the ballot box. While a
# poll is open its ballots wait in secret_ballots_open; at the close they move to
# secret_ballots in receipt order and the waiting rows are deleted, so nothing that
# stays in the database orders or times a ballot next to its voter.
poll_register = Table(
    "poll_register",
    metadata,
    Column("org", String(K), nullable=False),
    Column("poll", String(K), nullable=False),
    Column("voter", String(40), nullable=False),
    PrimaryKeyConstraint("org", "poll", "voter"),
)

secret_ballots_open = Table(
    "secret_ballots_open",
    metadata,
    Column("org", String(K), nullable=False),
    Column("poll", String(K), nullable=False),
    Column("receipt", String(64), nullable=False),
    Column("choice", String(16), nullable=False),
    PrimaryKeyConstraint("org", "poll", "receipt"),
)

secret_ballots = Table(
    "secret_ballots",
    metadata,
    Column("org", String(K), nullable=False),
    Column("poll", String(K), nullable=False),
    Column("receipt", String(64), nullable=False),
    Column("choice", String(16), nullable=False),
    PrimaryKeyConstraint("org", "poll", "receipt"),
)

instructions = Table(
    "instructions",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("constituency", String(K), nullable=False),
    Column("motion", String(K), nullable=False),
    Column("direction", String(16), nullable=False),
    Column("binding", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
    Index("ix_instructions_motion", "org", "motion", "constituency"),
)

decrees = Table(
    "decrees",
    metadata,
    Column("org", String(K), nullable=False),
    Column("key", String(K), nullable=False),
    Column("body", String(K), nullable=False),
    Column("number", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("effective", String(10), nullable=False),
    Column("status", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("org", "key"),
    Index("ux_decrees_number", "org", "body", "number", unique=True),
)

# The dissemination log: one row per decree and body in its scope, holding the
# body's current state; the ledger holds every response that led to it.
decree_receipts = Table(
    "decree_receipts",
    metadata,
    Column("org", String(K), nullable=False),
    Column("decree", String(K), nullable=False),
    Column("body", String(K), nullable=False),
    Column("tier", Integer, nullable=False),
    Column("parent", String(K), nullable=False),
    Column("branch", String(K), nullable=False),
    Column("state", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("conflict", String(K)),
    PrimaryKeyConstraint("org", "decree", "body"),
    Index("ix_decree_receipts_parent", "org", "decree", "parent"),
)
