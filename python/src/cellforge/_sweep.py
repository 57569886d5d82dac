"""sweep(): many variants of a cell, as ``cellforge sweep`` runs them
(docs/sweeps.md)."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any, Dict, Optional, Union

import numpy as np

from . import _core

PathLike = Union[str, "os.PathLike[str]"]


def sweep(spec: Union[Dict[str, Any], PathLike], threads: Optional[int] = None,
          base_dir: Optional[PathLike] = None) -> Any:
    """Runs every variant of a sweep spec (a dict laid out as a spec file, or
    the path of one; docs/sweeps.md) on ``threads`` threads of the library
    (default: every core; the GIL is released) and returns its table: one
    row per run in run order, the columns of ``cellforge sweep --out``
    (``run``, the varied quantities, the outputs, ``error``).

    The table is a pandas DataFrame when pandas is installed, else a dict of
    numpy arrays (``error`` as a list of str: empty when the run succeeded).
    Paths in a dict spec (``cell``, ``recipe``) are relative to ``base_dir``
    (default: the working directory); a file's are relative to the file."""
    if isinstance(spec, dict):
        text, source = json.dumps(spec), "<spec>"
        base = base_dir
    elif isinstance(spec, (str, os.PathLike)):
        with open(spec, encoding="utf-8") as fh:
            text = fh.read()
        source = os.fspath(spec)
        base = base_dir if base_dir is not None else (os.path.dirname(os.path.abspath(source)) or ".")
    else:
        raise TypeError(f"spec must be a dict or a spec file path (got {type(spec).__name__})")
    out = _core.sweep_run(text, source, base, threads)
    rows = list(csv.reader(io.StringIO(out)))
    header, body = rows[0], rows[1:]
    columns: Dict[str, Any] = {}
    for j, name in enumerate(header):
        values = [r[j] if j < len(r) else "" for r in body]
        if name == "error":
            columns[name] = values
        elif name == "run":
            columns[name] = np.array([int(v) for v in values], dtype=np.int64)
        else:
            columns[name] = np.array([_number(v) for v in values], dtype=object)
            try:
                columns[name] = columns[name].astype(float)
            except (TypeError, ValueError):
                pass  # a text column (a claim's status)
    try:
        import pandas as pd
    except ImportError:
        return columns
    return pd.DataFrame(columns)


def _number(v: str) -> Any:
    if v == "":
        return float("nan")
    try:
        return float(v)
    except ValueError:
        return v
