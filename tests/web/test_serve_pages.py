"""``sovet serve`` serves the pages beside the API: its demo login works through the
login form, and the member's councils page follows."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import httpx

from tests.api.test_serve import SOVET, free_port, read_until


def test_serve_shows_the_pages_and_their_static_files(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOVET_DATABASE_URL"}
    proc = subprocess.Popen(
        [
            str(SOVET),
            "--database",
            f"sqlite:///{tmp_path / 'sovet.db'}",
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        printed = read_until(proc, r"Uvicorn running on", 120)
        found = re.search(r"member: login (\S+)  password (\S+)", printed)
        assert found is not None, printed
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as http:
            assert "<form" in http.get("/login").text
            assert http.get("/static/htmx.min.js").status_code == 200
            answer = http.post("/login", data={"login": found[1], "password": found[2]})
            assert answer.status_code == 303 and answer.headers["location"] == "/"
            # the cookie is Secure: a browser sends it back to localhost, this client
            # on plain http is handed it by hand
            session = {"Cookie": f"sovet_session={answer.cookies['sovet_session']}"}
            home = http.get("/", headers=session)
            assert home.status_code == 303 and home.headers["location"].endswith("/me")
            me = http.get(home.headers["location"], headers=session)
            assert me.status_code == 200 and "My councils and who represents me" in me.text
            assert http.get("/api/v1/openapi.json").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
