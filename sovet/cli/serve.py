"""``sovet serve``: the web pages and the API over the database, with the 1917 scenario
and two demo logins when the database is empty."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Annotated

import typer
import uvicorn

from sovet.bootstrap import App
from sovet.cli.runtime import app as installation
from sovet.cli.runtime import reports_errors
from sovet.services import commands as c
from sovet.services.permissions import Actor
from sovet.services.scenario import build_structure, load_scenario


@dataclass(frozen=True)
class Login:
    role: str
    login: str
    password: str


def prepare(sovet: App) -> tuple[str, list[Login]] | None:
    """On an empty database: load the 1917 scenario (as ``sovet demo`` does), add two
    members to its first base council, make the first the organisation's
    administrator (``role.grant``), and open an account with a generated password for
    each. None when the database already holds an organisation."""
    operator = Actor.operator()
    if sovet.bus.execute(operator, c.ListOrganisations()):
        return None
    scenario = load_scenario("petrograd1917")
    org = build_structure(sovet.bus, operator, scenario)
    council = str(scenario.structure["bodies"][0]["key"])
    logins = []
    for number, name, login, role in (
        ("demo-1", "Demo administrator", "admin", "administrator"),
        ("demo-2", "Demo member", "member", None),
    ):
        sovet.bus.execute(operator, c.AddMember(org, number, name, council))
        if role is not None:
            sovet.bus.execute(operator, c.GrantRole(org, number, role))
        password = secrets.token_urlsafe(12)
        sovet.accounts.create(login, password, org=org, member=number)
        logins.append(Login(role or "member", login, password))
    return org, logins


@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="server processes")] = 1,
) -> None:
    """Serve the web pages (at /) and the API (its docs at /api/v1/docs); an empty
    database gets the 1917 scenario and two demo logins, printed once."""
    sovet = installation()
    made = prepare(sovet)
    url = sovet.engine.url.render_as_string(hide_password=False)
    os.environ["SOVET_DATABASE_URL"] = url  # each worker opens the same database
    if made is None:
        typer.echo("The database holds organisations already: log in with their accounts.")
    else:
        org, logins = made
        typer.echo(f"Loaded the 1917 scenario into the empty database: organisation {org}.")
        for who in logins:
            typer.echo(f"  {who.role}: login {who.login}  password {who.password}")
    typer.echo(f"Serving http://{host}:{port}/ and the API at /api/v1/docs  (Ctrl-C stops)")
    sovet.engine.dispose()
    uvicorn.run(
        "sovet.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # a worker builds the app (every operation's route) before it answers the
        # supervisor's first health check: more than uvicorn's 5 s on a busy machine
        timeout_worker_healthcheck=60,
        log_level="info",
    )
