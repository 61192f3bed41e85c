"""Stage `form_order`: label-column forms read row by row (label, its text, next label), and
field labels the layout took for page furniture put back into the text (`intra_extract.forms`).
Pages that are no such form, and so every bulletin, are left as they are."""

from __future__ import annotations

from ..forms import order_forms
from ..state import DocState
from . import stage


@stage("form_order", reads=("blocks", "furniture"), writes=("blocks", "furniture"))
def form_order(doc: DocState, options) -> None:
    order_forms(doc)
