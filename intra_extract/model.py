"""The dataset's data model: the one place where the dataset contract (`docs/dataset.md`) becomes code.

Everything written to `structured/` is an instance of a model below, and the JSON
Schemas in `structured/schema/` are generated from them (`intra-extract schema`).
Extend freely (new optional fields, new record kinds); never remove or retype a field
the contract names. Bump SCHEMA_VERSION with every change and note it in CHANGELOG.md.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.2.0"

ISODate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
BBox = Annotated[list[float], Field(min_length=4, max_length=4)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Span(_Strict):
    """Code-point offsets into `Document.text`, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


ReviewStatus = Literal["unreviewed", "accepted", "corrected", "rejected", "added"]


# One rectangle a record covers: [page, x0, top, x1, bottom] (page 1-based, box in PDF points).
# The page is an integer, so a consumer indexes pages with it as it stands (1, not 1.0).
PageBox = tuple[Annotated[int, Field(ge=1)], float, float, float, float]


class _Record(_Strict):
    id: str
    doc_id: str
    text: str
    span: Span
    page: int | None = Field(default=None, ge=1)
    bbox: BBox | None = None
    boxes: list[PageBox] = Field(
        default_factory=list,
        description="Every box the record's text covers, in reading order (a record may cross "
        "a column or a page). Empty for plain-text inputs.",
    )
    language: str
    review: ReviewStatus = Field(
        default="unreviewed",
        description="An archivist's decision, from DATASET/corrections/ (see `corrections.py`). A rejected "
        "record stays in its document but is left out of records.jsonl; an added one the machine missed.",
    )
    machine: dict[str, Any] | None = Field(
        default=None,
        description="The machine's values of the fields a correction changed (null when none changed).",
    )


class Section(_Record):
    kind: Literal["section"] = "section"
    heading: str
    level: int = Field(ge=1)


class Recommendation(_Record):
    kind: Literal["recommendation"] = "recommendation"
    number: int
    body: str
    list_heading: str | None = None
    list_index: int = Field(
        default=0, ge=0, description="Which numbered list of the document the item belongs to (0-based)."
    )
    parent_id: str | None = Field(
        default=None, description="The record this list belongs to (e.g. a good practice), if any."
    )


RegionLevel = Literal["country", "nuts1", "nuts2", "nuts3", "city"]


class Region(_Record):
    kind: Literal["region"] = "region"
    name: str = Field(description="Canonical English name.")
    nuts_code: str | None = None
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2; GB for the UK.")
    level: RegionLevel


Granularity = Literal["day", "month", "quarter", "half", "year"]


class Date(_Record):
    kind: Literal["date"] = "date"
    start: ISODate
    end: ISODate
    granularity: Granularity


class Link(_Record):
    kind: Literal["link"] = "link"
    url: str


class Place(_Strict):
    """A region or country a record is linked to, as a `region` record names it."""

    name: str = Field(description="Canonical English name.")
    nuts_code: str | None = None
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2; GB for the UK.")
    level: RegionLevel
    text: str = Field(description="The mention as written in the field.")


class GoodPractice(_Record):
    """One practice of a handbook of good practices: the whole practice (its span covers
    every field), and the text of each labelled field of the template."""

    kind: Literal["good_practice"] = "good_practice"
    title: str | None = Field(default=None, description="The practice's title as printed.")
    country: Place | None = Field(default=None, description="The country field, linked (level `country`).")
    region: Place | None = Field(default=None, description="The region field, linked (NUTS 2 where known).")
    institution: str | None = Field(default=None, description="The main institution involved, as printed.")
    start: ISODate | None = Field(default=None, description="First day of the practice's timescale.")
    end: ISODate | None = Field(default=None, description="Last day of its timescale; null when ongoing or not given.")
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="Field key (see data/good_practice_fields.toml: title, country, region, institution, "
        "location, timescale, summary, description, resources, evidence, difficulties, transfer, contact, "
        "keywords, ...) -> the field's text, without its label; document.text[field_spans[key]] == text.",
    )
    field_spans: dict[str, Span] = Field(default_factory=dict, description="Field key -> its span in document.text.")
    field_labels: dict[str, str] = Field(default_factory=dict, description="Field key -> the label as printed.")


Record = Annotated[Union[Section, Recommendation, Region, Date, Link, GoodPractice], Field(discriminator="kind")]
RECORD_KINDS: dict[str, type[_Record]] = {
    m.model_fields["kind"].default: m for m in (Section, Recommendation, Region, Date, Link, GoodPractice)
}


class TextQuoteSelector(_Strict):
    """The quoted text with some context either side (W3C Web Annotation)."""

    type: Literal["TextQuoteSelector"] = "TextQuoteSelector"
    exact: str
    prefix: str = ""
    suffix: str = ""


class TextPositionSelector(_Strict):
    """Code-point offsets into the document's text when the correction was made (W3C Web Annotation)."""

    type: Literal["TextPositionSelector"] = "TextPositionSelector"
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Anchor(_Strict):
    """Where a correction points: the record's text, found again in a later run's output by its
    quote and context (the position only breaks ties), plus its page and boxes for people."""

    source: str = Field(description="The source file's path, as in `Source.path`.")
    doc_id: str = Field(description="The document version the correction was made on.")
    record_id: str | None = Field(default=None, description="The record's id then (ids move; not used to re-anchor).")
    kind: str
    selector: list[Annotated[Union[TextQuoteSelector, TextPositionSelector], Field(discriminator="type")]]
    page: int | None = None
    boxes: list[PageBox] = Field(default_factory=list)


CorrectionAction = Literal["accept", "reject", "edit", "add", "undo"]


class Correction(_Strict):
    """One line of DATASET/corrections/<document key>.jsonl: one archivist's decision."""

    id: str = Field(description="Unique in its file; `undo` lines name the decision they take back.")
    reviewer: str
    time: str = Field(description="UTC, ISO 8601.")
    action: CorrectionAction
    target: Anchor | None = Field(default=None, description="The record decided on (for `add`: the new text).")
    before: dict[str, Any] | None = Field(default=None, description="The record's fields before (null for `add`).")
    after: dict[str, Any] | None = Field(default=None, description="The record's fields after (null for `reject`).")
    undoes: str | None = Field(default=None, description="For `undo`: the id of the decision taken back.")


class CorrectionOutcome(_Strict):
    """What a run made of one correction."""

    id: str = Field(description="The decision's id, or `line N` for a line that is not a correction.")
    action: CorrectionAction | None
    status: Literal["applied", "orphaned", "undone"]
    record_id: str | None = Field(default=None, description="The record it applied to in this document.")
    reason: str | None = Field(default=None, description="Why it is orphaned: what could not be found again.")


class CorrectionCounts(_Strict):
    sha256: str = Field(description="Of the corrections file the run applied.")
    applied: int = Field(ge=0)
    orphaned: int = Field(ge=0)


class Warning(_Strict):
    code: str
    message: str
    page: int | None = None


class Source(_Strict):
    path: str = Field(description="As given, relative to the input root, with '/' separators.")
    sha256: str
    format: str
    bytes: int = Field(ge=0)
    pages: int | None = None


class Furniture(_Strict):
    """A running header, footer or page number removed from `text`, kept for review."""

    page: int = Field(ge=1)
    text: str
    bbox: BBox
    role: Literal["header", "footer", "page_number", "margin"] = Field(
        description="header, footer, page_number; margin: sideways text beside the body (a spine, a stamp)"
    )


class Document(_Strict):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    document_key: str | None = Field(
        default=None, description="Names the source path, not its content: the same across re-issues of the "
        "file (see identity.document_key). Null only in datasets older than schema 1.2.")
    source: Source
    language: str
    languages: dict[str, float]
    title: str | None
    doc_type: Literal["bulletin", "handbook", "unknown"]
    text: str
    records: list[Record]
    warnings: list[Warning] = Field(default_factory=list)
    furniture: list[Furniture] = Field(default_factory=list)
    pipeline: str = Field(default="", description="Name of the pipeline configuration used.")
    corrections: list[CorrectionOutcome] = Field(
        default_factory=list, description="Each correction of DATASET/corrections/ for this file, in file order, "
        "applied or orphaned (with the reason).")


class ErrorInfo(_Strict):
    code: str
    message: str


Status = Literal["ok", "failed", "unchanged", "unsupported", "duplicate"]


class ManifestEntry(_Strict):
    path: str
    sha256: str | None
    doc_id: str | None
    document_key: str | None = Field(default=None, description="The path's stable key; see Document.document_key.")
    replaces: str | None = Field(
        default=None, description="The doc_id this path had before its content changed (a re-issue), if any.")
    status: Status
    error: ErrorInfo | None = None
    records: int = 0
    duplicate_of: str | None = None
    pages: int | None = None
    seconds: float | None = Field(default=None, description="Processing time; only here, never in documents.")
    peak_memory_mib: float | None = Field(
        default=None, description="Peak resident memory of the worker that processed the file, up to then."
    )
    corrections: CorrectionCounts | None = Field(
        default=None, description="The file's corrections (DATASET/corrections/), applied or orphaned; null when none.")


class Manifest(_Strict):
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    documents: list[ManifestEntry]
    removed: list[str] = Field(default_factory=list, description="Inputs gone since the previous run.")
    sources: str | None = Field(
        default=None, description="The input folder, relative to the dataset folder when it can be ('/'-separated).")
    started: str | None = None
    finished: str | None = None


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "document": Document,
    "manifest": Manifest,
    "correction": Correction,
    **{f"record.{kind}": model for kind, model in RECORD_KINDS.items()},
}
