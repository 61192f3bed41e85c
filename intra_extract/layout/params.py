"""The PDF layout's thresholds, named and documented in one place.

Every threshold is relative to a length the page itself gives: `em` is the page's body text
size (the size most characters are set in), `size` the local text size, a `share` is of the
page's width, height or area, or of a count. A pipeline tunes them as `[options.layout]`:

    [options.layout]
    top_band = 0.1           # running headers live in the top 10 % of the page
    paragraph_gap = 0.6      # a paragraph break needs 0.6 size more than the line gap

The defaults are what the generated corpus and the real PDFs of other projects' test suites
were measured with; `structured/` is made with them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class LayoutParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # -- drawn boxes (boxed articles, side bars, banners) and pictures -------------------------
    rule_thickness: float = Field(3.0, gt=0, description="pt; a drawn rectangle this thin or thinner is a rule, not a box")
    box_min_width: float = Field(2.0, ge=0, description="em; narrower rectangles are marks, not boxes")
    box_min_height: float = Field(1.0, ge=0, description="em; lower rectangles are marks, not boxes")
    background_area: float = Field(0.85, gt=0, le=1, description="share of the page area; a larger rectangle is a page background")
    picture_max_area: float = Field(0.8, gt=0, le=1, description="share of the page area; a larger image is a page background, not a picture")
    frame_min_width: float = Field(2.0, ge=0, description="em; shortest horizontal rule of a frame of four rules")
    frame_min_height: float = Field(1.5, ge=0, description="em; shortest vertical rule (and least height) of a frame")
    frame_tolerance: float = Field(3.0, ge=0, description="pt; how far the rules of one frame may miss each other")
    frame_max_rules: int = Field(150, ge=0, description="rules of one direction; above this (a ruled table) no frames are sought")
    box_tolerance: float = Field(0.25, ge=0, description="em; a word this far outside a box still belongs to it")
    border_min_words: int = Field(20, ge=0, description="words on a page before a box can be judged a page border")
    border_word_share: float = Field(0.6, gt=0, le=1, description="share of the page's words; a box holding more is a page border")
    border_area_share: float = Field(0.4, gt=0, le=1, description="share of the page area; a border must also be at least this big")
    band_height: float = Field(2.2, gt=0, description="line heights; a one-row box lower than this hugs its line (a highlight)")
    drawn_picture: float = Field(3.0, ge=0, description="em; a wordless rectangle this wide and high is a drawn picture")
    nest_tolerance: float = Field(0.5, ge=0, description="pt; a box inside another by this margin is nested in it")
    picture_outline: float = Field(1.0, ge=0, description="pt; a rectangle this close to an image on every side is its outline or clip, not a box")
    banner_max_rows: int = Field(3, ge=1, description="rows of text a banner holds at most")
    banner_size: float = Field(1.4, gt=0, description="em; a banner's largest text is at least this big")
    banner_min_width: float = Field(0.5, gt=0, le=1, description="share of the page width a banner spans at least")
    banner_max_top: float = Field(0.35, gt=0, le=1, description="share of the page height; a banner starts above it")

    # -- rows, line gaps and the horizontal cut -------------------------------------------------
    row_overlap: float = Field(0.3, ge=0, le=1, description="share of an element's height it may reach into the row above and still start a new row")
    line_overlap: float = Field(0.5, ge=0, le=1, description="share of the smaller height two words must share to stand on one line")
    tall_glyph: float = Field(1.6, gt=1, description="median word heights; a taller word (a drop cap) is set aside when lines are formed")
    line_gap_max: float = Field(2.0, gt=0, description="em; larger gaps between lines are not line gaps (paragraph or region gaps)")
    line_gap_default: float = Field(0.2, description="em; the line gap of a page where none can be measured")
    strip_gap: float = Field(0.5, ge=0, description="em; a full-width white band this much taller than the line gap cuts the region")

    # -- gutters (column gaps) -------------------------------------------------------------------
    gutter_min_width: float = Field(0.6, gt=0, description="size; narrower white gaps are never gutters")
    gutter_width_1_2_rows: float = Field(2.0, gt=0, description="size; width a strip of one or two rows needs to prove a gutter alone")
    gutter_width_3_4_rows: float = Field(1.0, gt=0, description="size; the same for three or four rows")
    gutter_width_many_rows: float = Field(0.6, gt=0, description="size; the same for five rows or more")
    river_max_rows: int = Field(4, ge=0, description="rows; a gap with evidence up to this may be a river of a justified paragraph")
    river_word_gap: float = Field(0.6, gt=0, description="share of the gap; a row with another word gap this wide is justified")
    edge_tolerance: float = Field(0.2, ge=0, description="size; line starts closer than this are one column edge")
    vouch_distance: float = Field(3.0, ge=0, description="em; a strip this near may vouch for a neighbour's gutter")
    stack_min_strips: int = Field(4, ge=2, description="strips of a run of short strips that prove their common gutters together")
    stack_min_gaps: int = Field(2, ge=1, description="gaps every strip of such a run has (2: three columns or more; forms of two columns stay rows)")
    stack_min_column: float = Field(10.0, ge=0, description="size; narrowest column of such a run (narrower ones are table cells, read row by row)")
    vouch_width_ratio: float = Field(3.0, gt=0, description="a vouching gutter is at most this many times as wide (plus one em)")
    narrow_column: float = Field(4.0, ge=0, description="size; a column narrower than this (in a strip of two rows or more) joins its neighbour")
    gutter_core: float = Field(0.15, gt=0, le=0.5, description="share of a gutter's width either side of its middle that no text may cross")
    max_depth: int = Field(6, ge=0, description="nesting of columns within columns")
    separator_max_rows: int = Field(3, ge=0, description="rows; a gutter-less run this short between two column groups that agree is a separator (a heading across them), not a column's tail")

    # -- lines into blocks -----------------------------------------------------------------------
    paragraph_gap: float = Field(0.45, ge=0, description="size; a gap this much larger than the line gap starts a paragraph")
    size_change: float = Field(0.1, ge=0, description="share; a line whose size differs more from the line before starts a block")
    indent_tolerance: float = Field(0.3, ge=0, description="size; line starts closer than this are at the same indent")
    first_indent_min: float = Field(0.8, ge=0, description="size; least first-line indent of a new paragraph")
    first_indent_max: float = Field(6.0, ge=0, description="size; most first-line indent of a new paragraph")
    hanging_indent: float = Field(0.5, ge=0, description="size; least hanging indent of a list item")
    short_line: float = Field(0.75, gt=0, le=1, description="share of the column width; a shorter line ends its paragraph before a numbered line")

    # -- headings and captions -------------------------------------------------------------------
    heading_max_chars: int = Field(300, ge=1, description="characters; a longer block is never a heading")
    heading_size: float = Field(1.15, gt=0, description="body sizes; a block at least this large is a heading")
    heading_max_lines: int = Field(5, ge=1, description="lines of a heading set larger than the body")
    bold_heading_size: float = Field(0.9, gt=0, description="body sizes; a bold heading (where the body is not bold) is at least this large")
    bold_heading_max_lines: int = Field(3, ge=1, description="lines of a bold heading")
    heading_min_letters: int = Field(2, ge=0, description="letters; a heading has a word with at least this many (not 'z', '20 07', '2.5')")
    sparse_page: int = Field(400, ge=0, description="characters; on a sparser page headings are judged against the document's body size")
    caption_max_size: float = Field(0.92, gt=0, description="em; a caption is set smaller than this")
    caption_max_lines: int = Field(4, ge=1, description="lines of a caption")
    caption_distance: float = Field(2.0, ge=0, description="em; a caption is at most this far above or below its picture")

    # -- sideways text ---------------------------------------------------------------------------
    sideways_ratio: float = Field(2.0, gt=1, description="a stack of glyphs (or a word of 3+ characters) this many times taller than wide is sideways")
    sideways_max_share: float = Field(0.3, ge=0, le=1, description="share of a page's characters; above this the page itself is sideways and its text stays in the body")

    # -- running headers, footers, page numbers -------------------------------------------------
    top_band: float = Field(0.12, gt=0, lt=1, description="share of the page height where running headers live")
    bottom_band: float = Field(0.88, gt=0, lt=1, description="share of the page height below which running footers live")
    repeat_pages: int = Field(2, ge=2, description="pages a line must recur on to be a running header or footer")
    repeat_pages_long: int = Field(3, ge=2, description="the same in a document of more than `long_document` pages with text")
    long_document: int = Field(10, ge=1, description="pages with text")
    furniture_drift: float = Field(0.5, ge=0, description="line heights; a running line recurs at the same height within this")

    # -- text conservation -----------------------------------------------------------------------
    conservation_warning: float = Field(0.99, ge=0, le=1, description="share of a page's characters that must come back (text or furniture) before a warning")


DEFAULT = LayoutParams()
