"""The ``sovet`` command: wires each command group onto one Typer app."""

from __future__ import annotations

from typing import Annotated

import typer

from sovet.cli.count import count_command
from sovet.cli.decrees import act_app, decree_app
from sovet.cli.demo import demo
from sovet.cli.ledger import ledger_app
from sovet.cli.runtime import set_database
from sovet.cli.serve import serve
from sovet.cli.sittings import instruction_app, poll_app, sitting_app
from sovet.cli.structure import (
    body_app,
    constituency_app,
    credential_app,
    faction_app,
    mandate_app,
    member_app,
    norm_app,
    org_app,
    roll_app,
)

app = typer.Typer(
    name="sovet",
    help="Sovet: a council-democracy engine. Councils, congresses, recallable delegates, "
    "polls, decrees and a verifiable ledger.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def options(
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "-d",
            envvar="SOVET_DATABASE_URL",
            help="SQLAlchemy URL, e.g. postgresql://localhost/sovet (default: sqlite:///sovet.db)",
        ),
    ] = None,
) -> None:
    """Sovet: councils, congresses, recallable delegates, polls, decrees, a verifiable ledger."""
    set_database(database)


app.command(name="demo")(demo)
app.command(name="count")(count_command)
app.command(name="serve")(serve)
app.add_typer(org_app, name="org")
app.add_typer(decree_app, name="decree")
app.add_typer(act_app, name="act")
app.add_typer(body_app, name="body")
app.add_typer(norm_app, name="norm")
app.add_typer(constituency_app, name="constituency")
app.add_typer(faction_app, name="faction")
app.add_typer(member_app, name="member")
app.add_typer(roll_app, name="roll")
app.add_typer(mandate_app, name="mandate")
app.add_typer(credential_app, name="credential")
app.add_typer(ledger_app, name="ledger")
app.add_typer(sitting_app, name="sitting")
app.add_typer(poll_app, name="poll")
app.add_typer(instruction_app, name="instruction")


def main() -> None:  # pragma: no cover - console entry point
    app()
