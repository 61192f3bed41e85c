"""The dataset as one SQLite file (sqlite-utils): the tables of `export`, with their primary and
foreign keys, indexes on what people filter by, and full-text search over record and document
text, ready for `datasette OUT.db`."""

from __future__ import annotations

import os
from pathlib import Path

from ..dataset import Dataset
from . import Column, build

_TYPES = {"integer": int, "number": float, "boolean": int}  # everything else is TEXT


def export_sqlite(ds: Dataset, out: str | Path) -> dict[str, int]:
    """Write `ds` to the SQLite file `out` (replaced whole, never left half-written);
    returns the number of rows of each table."""
    import sqlite_utils

    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.unlink(missing_ok=True)
    tables = build(ds)
    db = sqlite_utils.Database(tmp)
    try:
        # Referenced tables are created before the tables that point at them.
        for table in sorted(tables, key=lambda t: bool(t.foreign_keys)):
            db[table.name].create({c.name: _type(c) for c in table.columns}, pk=tuple(table.primary_key)
                                  if len(table.primary_key) > 1 else table.primary_key[0],
                                  foreign_keys=table.foreign_keys, not_null=set(table.primary_key))
            db[table.name].insert_all(table.rows, batch_size=1000)
            for column in table.indexes:
                db[table.name].create_index([column], if_not_exists=True)
            if table.search:
                db[table.name].enable_fts(table.search, tokenize="unicode61 remove_diacritics 2")
        db.conn.commit()
        db.vacuum()
        db.close()
        os.replace(tmp, out)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    return {t.name: len(t.rows) for t in tables}


def _type(column: Column) -> type:
    return _TYPES.get(column.type, str)
