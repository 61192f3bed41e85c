"""The review server: a Starlette app over one dataset folder.

It reads `documents/` as the last run wrote them, shows each with its corrections file applied
(so a decision shows at once, without a run), and appends each new decision to
`DATASET/corrections/` through `corrections.py`. Writes need the session's token, which only
the page this server served knows. Text goes to the page as JSON and is put in with
`textContent`, never as HTML.
"""

from __future__ import annotations

import functools
import getpass
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import corrections, model, output
from ..discovery import raw_name
from .pages import PageSource, find_printed

STATIC = Path(__file__).parent / "static"
KINDS = list(model.RECORD_KINDS)
ACTIONS = {"accept", "reject", "edit", "add", "undo"}


@dataclass
class Review:
    """One review session over a dataset."""

    dataset: Path
    sources: Path | None = None
    reviewer: str = ""
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    _pages: dict[str, PageSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.dataset = Path(self.dataset)
        self.reviewer = self.reviewer or _login_name()
        if self.sources is None:
            manifest = output.read_manifest(self.dataset)
            if manifest and manifest.sources:
                self.sources = (self.dataset / manifest.sources).resolve()
        self.session: list[tuple[str, str]] = []  # (doc_id, decision id) made here, for undo

    # --- reading ---

    def manifest(self) -> model.Manifest | None:
        return output.read_manifest(self.dataset)

    def doc_ids(self) -> list[str]:
        manifest = self.manifest()
        if manifest:
            return [e.doc_id for e in manifest.documents if e.doc_id and e.status in ("ok", "unchanged")
                    and output.document_path(self.dataset, e.doc_id).is_file()]
        return sorted(p.stem for p in (self.dataset / output.DOCUMENTS).glob("*.json"))

    def stored(self, doc_id: str, known: list[str] | None = None) -> model.Document:
        """`known`: the dataset's doc_ids when the caller has them (a list of every document
        would otherwise read the manifest once per document)."""
        if doc_id not in (self.doc_ids() if known is None else known):
            raise HTTPException(404, f"no document {doc_id} in this dataset")
        return model.Document.model_validate_json(output.document_path(self.dataset, doc_id).read_text("utf-8"))

    def current(self, doc_id: str, known: list[str] | None = None) -> model.Document:
        """The document as the machine made it, with every decision of its file applied."""
        stored = self.stored(doc_id, known)
        machine = corrections.machine_document(stored)
        text = corrections.read_text(self.dataset, stored.source.path)
        if not text:
            return machine
        return corrections.apply(machine, text, corrections.simple_maker(stored))

    def pdf(self, doc: model.Document) -> PageSource | None:
        if doc.source.format != "pdf" or self.sources is None:
            return None
        path = self.sources / os.fsdecode(raw_name(doc.source.path))  # the name on disk, not its escaped form
        if doc.doc_id not in self._pages:
            if not path.is_file():
                return None
            self._pages[doc.doc_id] = PageSource(path)
        return self._pages[doc.doc_id]

    # --- writing ---

    def decide(self, doc_id: str, body: dict) -> model.Correction:
        action = body.get("action")
        if action not in ACTIONS:
            raise HTTPException(400, f"action must be one of {sorted(ACTIONS)}")
        doc = self.current(doc_id)
        if action == "undo":
            undoes = body.get("undoes") or self._last_of_session(doc_id, doc)
            if not undoes:
                raise HTTPException(409, "nothing of this session to undo")
            made = corrections.decision(doc, "undo", self.reviewer, undoes=undoes)
        elif action == "add":
            start, end = _span(body, doc)
            kind = body.get("kind")
            if kind not in model.RECORD_KINDS:
                raise HTTPException(400, f"kind must be one of {KINDS}")
            made = corrections.decision(doc, "add", self.reviewer, span=(start, end), kind=kind,
                                        after=_fields(body))
        else:
            record = next((r for r in doc.records if r.id == body.get("record_id")), None)
            if record is None:
                raise HTTPException(404, f"no record {body.get('record_id')!r} in {doc_id}")
            after = _fields(body) if action == "edit" else None
            if action == "edit" and "span" in body:
                start, end = _span(body, doc)
                after["span"] = {"start": start, "end": end}
            made = corrections.decision(doc, action, self.reviewer, record, after)
        # Tried before it is kept: a decision that would not apply is refused, not stored.
        trial = corrections.apply(doc, made.model_dump_json(exclude_none=True), corrections.simple_maker(doc))
        outcome = trial.corrections[-1] if trial.corrections else None
        if action != "undo" and (outcome is None or outcome.status != "applied"):
            raise HTTPException(422, outcome.reason if outcome and outcome.reason else "the decision does not apply")
        corrections.append(self.dataset, doc.source.path, made)
        self.session.append((doc_id, made.id))
        return made

    def _last_of_session(self, doc_id: str, doc: model.Document) -> str | None:
        undone = {o.id for o in doc.corrections if o.status == "undone"}
        for did, cid in reversed(self.session):
            if did == doc_id and cid not in undone and any(o.id == cid for o in doc.corrections):
                return cid
        return None


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return "unknown"


def _span(body: dict, doc: model.Document) -> tuple[int, int]:
    try:
        start, end = int(body["span"]["start"]), int(body["span"]["end"])
    except (KeyError, TypeError, ValueError):
        raise HTTPException(400, "span must be {start, end}") from None
    if not 0 <= start < end <= len(doc.text):
        raise HTTPException(400, f"span {start}-{end} is outside the document's text")
    return start, end


def _fields(body: dict) -> dict:
    fields = body.get("fields") or {}
    if not isinstance(fields, dict):
        raise HTTPException(400, "fields must be an object")
    return {k: v for k, v in fields.items() if k not in corrections.FIXED or k == "boxes"}


# --- views ----------------------------------------------------------------------------------

def create_app(review: Review) -> Starlette:
    def page(name: str):
        """The page shell with `name`.html as its body and `name`.js as its script."""
        async def view(request: Request) -> HTMLResponse:
            html = ((STATIC / "shell.html").read_text("utf-8").replace("{{TOKEN}}", review.token)
                    .replace("{{SCRIPT}}", name).replace("{{BODY}}", (STATIC / f"{name}.html").read_text("utf-8")))
            return HTMLResponse(html, headers=_NO_STORE)
        return view

    async def documents(request: Request) -> JSONResponse:
        manifest = review.manifest()
        out = []
        ids = review.doc_ids()
        for doc_id in ids:
            doc = review.current(doc_id, ids)
            kinds: dict[str, int] = {}
            for rec in doc.records:
                kinds[rec.kind] = kinds.get(rec.kind, 0) + 1
            reviewed = sum(r.review != "unreviewed" for r in doc.records)
            orphaned = sum(o.status == "orphaned" for o in doc.corrections)
            out.append({"doc_id": doc_id, "path": doc.source.path, "title": doc.title, "format": doc.source.format,
                        "pages": doc.source.pages, "kinds": kinds, "records": len(doc.records),
                        "reviewed": reviewed, "warnings": len(doc.warnings), "orphaned": orphaned})
        return JSONResponse({"dataset": str(review.dataset), "reviewer": review.reviewer,
                             "sources": str(review.sources) if review.sources else None,
                             "pipeline_version": manifest.pipeline_version if manifest else None,
                             "documents": out})

    async def document(request: Request) -> JSONResponse:
        doc_id = request.path_params["doc_id"]
        doc = review.current(doc_id)
        source = review.pdf(doc)
        data = doc.model_dump(mode="json", exclude={"furniture"})
        data["page_sizes"] = source.sizes() if source else None
        data["source_missing"] = doc.source.format == "pdf" and source is None
        data["source_changed"] = bool(source and source.sha256 != doc.source.sha256)
        data["reviewer"] = review.reviewer
        return JSONResponse(data)

    def page_image(request: Request) -> Response:  # rendering blocks: Starlette runs it in a thread
        doc = review.stored(request.path_params["doc_id"])
        source = review.pdf(doc)
        if source is None:
            raise HTTPException(404, "the source PDF is not found; give its folder with --sources")
        try:
            return Response(source.png(int(request.path_params["page"])), media_type="image/png",
                            headers={"Cache-Control": "private, max-age=3600"})
        except IndexError:
            raise HTTPException(404, "no such page") from None

    async def decide(request: Request) -> JSONResponse:
        _check_token(request)
        body = await _json(request)
        made = review.decide(request.path_params["doc_id"], body)
        return JSONResponse({"decision": made.model_dump(mode="json", exclude_none=True)})

    async def box_text(request: Request) -> JSONResponse:
        """The span of the document's text printed inside a drawn box."""
        _check_token(request)
        body = await _json(request)
        doc = review.current(request.path_params["doc_id"])
        source = review.pdf(doc)
        if source is None:
            raise HTTPException(404, "the source PDF is not found")
        try:
            page, box = int(body["page"]), [float(v) for v in body["box"]][:4]
        except (KeyError, TypeError, ValueError):
            raise HTTPException(400, "page and box [x0, top, x1, bottom] are needed") from None
        printed = source.text_in(page, box)
        near = next((r.span.start for r in doc.records if r.page == page), 0)
        where = find_printed(doc.text, printed, near)
        if where is None:
            raise HTTPException(422, "no text of the document lies in that box" if not printed.strip()
                                else f"the text in the box is not in the document's text: {printed[:80]!r}")
        return JSONResponse({"span": {"start": where[0], "end": where[1]}, "text": doc.text[where[0]:where[1]]})

    async def places(request: Request) -> JSONResponse:
        return JSONResponse(_complete(request.query_params.get("q", ""), request.query_params.get("country", "")))

    routes = [
        Route("/", page("index")),
        Route("/doc/{doc_id}", page("document")),
        Route("/api/documents", documents),
        Route("/api/documents/{doc_id}", document),
        Route("/api/documents/{doc_id}/decisions", decide, methods=["POST"]),
        Route("/api/documents/{doc_id}/box-text", box_text, methods=["POST"]),
        Route("/api/places", places),
        Route("/page/{doc_id}/{page:int}.png", page_image),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _error})
    app.state.review = review
    return app


_NO_STORE = {"Cache-Control": "no-store", "Content-Security-Policy":
             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'"}


def _check_token(request: Request) -> None:
    review: Review = request.app.state.review
    if not secrets.compare_digest(request.headers.get("x-review-token", ""), review.token):
        raise HTTPException(403, "writes need this session's token (reload the page)")


async def _json(request: Request) -> dict:
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the body must be a JSON object")
    return body


async def _error(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


@functools.lru_cache(maxsize=1)
def _places() -> list[dict]:
    from ..gazetteer import load_gazetteer

    return sorted(({"nuts_code": p.nuts_code, "name": p.name, "country": p.country, "level": p.level}
                   for p in load_gazetteer().places.values()),
                  key=lambda p: (p["nuts_code"] is None, p["nuts_code"] or "", p["name"]))


def _complete(query: str, country: str = "", limit: int = 20) -> list[dict]:
    """Places of the gazetteer whose NUTS code starts with, or whose name contains, the query."""
    from ..folding import fold

    q = query.strip()
    if not q:
        return []
    folded = fold(q)
    code = q.upper().replace(" ", "")
    hits = [p for p in _places()
            if (not country or p["country"] == country.upper())
            and ((p["nuts_code"] or "").startswith(code) or folded in fold(p["name"]))]
    hits.sort(key=lambda p: (not (p["nuts_code"] or "").startswith(code), len(p["nuts_code"] or "zzzzzz"), p["name"]))
    return hits[:limit]


def serve(review: Review, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
          announce=print) -> None:
    import uvicorn

    app = create_app(review)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    announce(f"Reviewing {review.dataset} as {review.reviewer} at {url}  (Ctrl+C stops)")
    if review.sources is None:
        announce("  the sources' folder is unknown: PDF pages are not shown (give --sources DIR)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")

