"""``sovet serve`` as a person runs it: on an empty SQLite file and a free port, it loads
the 1917 scenario, prints a login, and serves; logging in over HTTP with that login
gives the organisation's tree."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SOVET = Path(sys.executable).with_name("sovet")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def read_until(proc: subprocess.Popen[str], pattern: str, seconds: float) -> str:
    """What the server printed up to the line matching ``pattern``."""
    assert proc.stdout is not None
    seen = ""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
        if re.search(pattern, line):
            return seen
    raise AssertionError(f"no line matching {pattern!r} within {seconds}s:\n{seen}")


def test_serve_loads_the_scenario_prints_a_login_and_serves(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "sovet.db"
    env = {k: v for k, v in os.environ.items() if k != "SOVET_DATABASE_URL"}
    proc = subprocess.Popen(
        [str(SOVET), "--database", f"sqlite:///{db}", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        printed = read_until(proc, r"Uvicorn running on", 120)
        assert "organisation petrograd-1917" in printed
        login = re.search(r"administrator: login (\S+)  password (\S+)", printed)
        assert login is not None, printed
        base = f"http://127.0.0.1:{port}/api/v1"
        answer = httpx.post(
            f"{base}/auth/login", json={"login": login[1], "password": login[2]}, timeout=30
        )
        assert answer.status_code == 200, answer.text
        # The cookie is Secure: a browser sends it back over https (or to localhost);
        # this client, on plain http, is handed it explicitly.
        cookie = answer.cookies["sovet_session"]
        tree = httpx.get(
            f"{base}/orgs/petrograd-1917", cookies={"sovet_session": cookie}, timeout=30
        )
        assert tree.status_code == 200, tree.text
        roots = [node["key"] for node in tree.json()["roots"]]
        assert "all-russian-congress" in roots
        me = httpx.get(f"{base}/auth/me", cookies={"sovet_session": cookie}, timeout=30).json()
        assert me["admin_of"] == ["petrograd-1917"]
        assert httpx.get(f"{base}/orgs/petrograd-1917", timeout=30).status_code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serve_prepares_only_an_empty_database(tmp_path: Path) -> None:
    from argon2 import PasswordHasher

    from sovet.accounts import Accounts
    from sovet.accounts.passwords import Passwords
    from sovet.bootstrap import bootstrap
    from sovet.cli.serve import prepare
    from sovet.services import commands as c
    from sovet.services.permissions import Actor
    from sovet.storage.accounts_store import SqlAccountStore

    sovet = bootstrap(f"sqlite:///{tmp_path / 'sovet.db'}")
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))
    sovet.accounts = Accounts(SqlAccountStore(sovet.engine), passwords=cheap)
    made = prepare(sovet)
    assert made is not None
    org, logins = made
    assert [(x.role, x.login) for x in logins] == [("administrator", "admin"), ("member", "member")]
    assert all(len(x.password) >= 16 for x in logins)
    member = sovet.accounts.login("member", logins[1].password, "127.0.0.1").account
    assert not sovet.accounts.actor(member).admin_of
    assert prepare(sovet) is None
    replay = sovet.bus.execute(Actor.operator(), c.ReplayLedger(org))
    assert replay.ok, replay.differences
    sovet.engine.dispose()
