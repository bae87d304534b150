"""Administration: the organisation's structure as a tree, and a member roll imported
from a CSV file in the background with its progress shown (htmx fetches the progress
part every second; without JavaScript the page reloads itself while the import runs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Path, Request, Response, UploadFile

from sovet.domain.errors import InvalidInput, NotFound
from sovet.services import commands as c
from sovet.web.errors import Problem
from sovet.web.imports import ImportJob, ImportJobs
from sovet.web.pages.common import Org, pages, see_other
from sovet.web.render import page
from sovet.web.session import Visitor, Who, installation, run

router = pages()

MAX_ROLL_BYTES = 256 * 1024 * 1024
JobId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{8,40}$")]


def jobs_of(request: Request) -> ImportJobs:
    state = request.app.state
    if not hasattr(state, "imports"):
        state.imports = ImportJobs()
    return state.imports  # type: ignore[no-any-return]


def admin_page(
    request: Request, who: Visitor, org: str, problem: Problem | None = None
) -> Response:
    tree = run(request, who, c.ShowTree(org))
    return page(
        request,
        who,
        "admin.html",
        org=org,
        tree=tree,
        problem=problem,
        importer=who.may("roll.import", org),
    )


@router.get("/orgs/{org}/admin")
def admin(request: Request, who: Who, org: Org) -> Response:
    return admin_page(request, who, org)


@router.post("/orgs/{org}/admin/roll")
async def import_roll(
    request: Request, who: Who, org: Org, roll: Annotated[UploadFile, File()]
) -> Response:
    """Start importing the uploaded roll; the answer is the import's progress page."""
    data = await roll.read(MAX_ROLL_BYTES + 1)
    try:
        if len(data) > MAX_ROLL_BYTES:
            raise InvalidInput(f"a roll file holds at most {MAX_ROLL_BYTES} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"the roll must be UTF-8 text (byte {exc.start} is not)") from None
        if who.account is None:
            raise NotFound("log in to import a roll")  # the job's page is its starter's
    except InvalidInput as exc:
        return admin_page(request, who, org, Problem(exc))
    source = (roll.filename or "roll.csv")[-200:]
    job = jobs_of(request).start(
        installation(request).bus, who.actor, who.account.login, org, source, text
    )
    return see_other(f"/orgs/{org}/admin/imports/{job.id}")


def _job(request: Request, who: Visitor, org: str, job_id: str) -> tuple[ImportJob, Problem | None]:
    job = jobs_of(request).get(job_id, who.account.login if who.account else "")
    if job is None or job.org != org:
        raise NotFound(
            f"no roll import {job_id} of yours in {org} (this server keeps them an hour)"
        )
    problem = Problem(job.error) if job.error is not None and not job.running else None
    return job, problem


@router.get("/orgs/{org}/admin/imports/{job_id}")
def import_progress(request: Request, who: Who, org: Org, job_id: JobId) -> Response:
    """The import's progress; once it has ended, its result (a refusal with its status)."""
    job, failure = _job(request, who, org, job_id)
    return page(request, who, "import.html", org=org, job=job, failure=failure, problem=failure)


@router.get("/orgs/{org}/admin/imports/{job_id}/progress")
def import_part(request: Request, who: Who, org: Org, job_id: JobId) -> Response:
    # the part answers 200 even when the import failed (htmx swaps in only a success):
    # it shows the failure itself
    job, failure = _job(request, who, org, job_id)
    return page(request, who, "_import.html", org=org, job=job, failure=failure)
