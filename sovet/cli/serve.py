"""``sovet serve``: the web pages and the API over the database, with the 1917 scenario
and two demo logins when the database is empty."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
from dataclasses import dataclass
from typing import Annotated

import typer
import uvicorn
from uvicorn.supervisors import Multiprocess

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
    config = _Config(
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
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    elif not _serve_here(config):
        raise typer.Exit(3)


class _Config(uvicorn.Config):
    """uvicorn's settings, but the socket bound for several workers is marked TCP, as
    the one a single worker binds is. Accepted connections inherit the mark, and
    asyncio turns Nagle's algorithm off (TCP_NODELAY) only on connections marked TCP:
    unmarked, each answer on a kept-alive connection waited some 40 ms for the
    client's delayed ACK (uvicorn issue 3149)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


def _serve_here(config: uvicorn.Config) -> bool:
    """Serve in this process; whether the server started."""
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    return server.started
