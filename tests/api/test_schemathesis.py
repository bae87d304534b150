"""Property-based requests against the published OpenAPI document: whatever the
generated input, the API never answers with a server error.

Requests go in-process to the ASGI app, as a site administrator (so that handlers run,
not only the permission check), over the small union on a fresh SQLite file. The
fuzzing phase sends valid and invalid inputs, a bounded number per route, which keeps
the run near a minute; ``SOVET_FUZZ_COVERAGE=1`` adds schemathesis's coverage phase,
every boundary case the schema defines (several minutes)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from sovet.accounts import Accounts
from sovet.api import create_app
from sovet.bootstrap import App, bootstrap
from sovet.services.permissions import Actor
from sovet.storage.accounts_store import SqlAccountStore
from tests.api.conftest import CHEAP
from tests.factories import small_union

# The schema is read once, when the module is collected; the installation each test
# runs against is set up by the fixture below, before any request is made.
API = create_app(App(None, None, None, None))  # type: ignore[arg-type]
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", API)
schema.config.phases.update(
    phases=["examples", "fuzzing", *(["coverage"] if os.environ.get("SOVET_FUZZ_COVERAGE") else [])]
)
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    sovet = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'sovet.db'}")
    sovet.accounts = Accounts(SqlAccountStore(sovet.engine), passwords=CHEAP)
    small_union(sovet.bus, Actor.operator())
    sovet.accounts.create("root", "a long password", site_admin=True)
    TOKEN["root"] = sovet.accounts.create_token("root", "fuzzing").secret
    API.state.sovet = sovet
    yield sovet
    sovet.engine.dispose()


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN['root']}"}, checks=[not_a_server_error]
    )
