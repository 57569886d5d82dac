"""Exceptions: the classes live in the C module (so C and Python raise the
same ones); this module re-exports them and builds them for checks made in
Python."""

from __future__ import annotations

from . import _core

Error = _core.Error
InvalidInputError = _core.InvalidInputError
FileError = _core.FileError
SolverError = _core.SolverError
OutOfMemoryError = _core.OutOfMemoryError
LimitError = _core.LimitError
UnsupportedError = _core.UnsupportedError

_CF_EINVAL = 1


def invalid(where: str, message: str) -> InvalidInputError:
    """An InvalidInputError with the same attributes the C module sets (and,
    as there, control characters from user text shown visibly)."""
    where = _core.escape_text(where)
    message = _core.escape_text(message)
    exc = InvalidInputError(f"{where}: {message}" if where else message)
    exc.code = _CF_EINVAL
    exc.status = "invalid input"
    exc.where = where
    exc.message = message
    return exc
