"""Experiment: a protocol built as ``pybamm.Experiment`` builds one."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _core

Step = Union[str, Tuple[str, ...]]


class Experiment:
    """A protocol from PyBaMM-style strings, checked by the library's parser
    when it is made::

        exp = cellforge.Experiment(
            [("Charge at C/2 until 4.2 V", "Hold at 4.2 V until C/50", "Rest for 30 minutes",
              "Discharge at 1C until 2.5 V")] * 3,
            termination="80% capacity", period="10 seconds")
        sol = cellforge.simulate("chen2020", model="spme", protocol=exp, soc=0)

    ``operating_conditions`` is a list of steps; a tuple in it is one cycle
    (as in PyBaMM); a str on its own is a cycle of one step.  ``termination``
    (``"80% capacity"``, ``"4 Ah capacity"``, ``"2.5 V"``) ends the
    experiment after the first cycle that meets it; ``period`` (``"10
    seconds"``) gives every step that has none an output period (a row every
    period).  The text is the protocol language of docs/protocols.md
    (``text``); ``steps`` are the distinct steps as the library reads them,
    ``cycles`` and ``total_steps`` what runs.  Bad text raises
    InvalidInputError with the line and column."""

    def __init__(self, operating_conditions: Sequence[Step], period: Optional[str] = None,
                 termination: Optional[Union[str, Sequence[str]]] = None) -> None:
        if isinstance(operating_conditions, (str, bytes)) or not isinstance(operating_conditions, (list, tuple)):
            raise TypeError("operating_conditions must be a list of steps (str) and cycles (tuples of str)")
        if period is not None and not isinstance(period, str):
            raise TypeError(f"period must be a str such as '10 seconds' (got {type(period).__name__})")
        lines: List[str] = []

        def step(s: Any, where: str) -> str:
            if not isinstance(s, str):
                raise TypeError(f"{where} must be a step (str), got {type(s).__name__}")
            s = s.strip()
            if period is not None and "period" not in s:
                s = f"{s} ({period} period)"
            return s

        for i, item in enumerate(operating_conditions):
            if isinstance(item, tuple):
                lines.append("cycle {\n" + "\n".join(step(s, f"operating_conditions[{i}]") for s in item) + "\n}")
            else:
                lines.append(step(item, f"operating_conditions[{i}]"))
        if termination is not None:
            terms = [termination] if isinstance(termination, str) else list(termination)
            for t in terms:
                if not isinstance(t, str):
                    raise TypeError(f"termination must be a str such as '80% capacity' (got {type(t).__name__})")
                lines.append(f"terminate {t.strip()}")
        self.text: str = "\n".join(lines)
        info: Dict[str, Any] = _core.protocol_describe(self.text)
        self.steps: List[str] = info["steps"]
        self.cycles: int = info["cycles"]
        self.total_steps: int = info["total_steps"]
        self.terminated: bool = info["terminated"]

    @classmethod
    def from_text(cls, text: str) -> "Experiment":
        """An Experiment from protocol text (steps separated by ';' or
        newlines, ``repeat N { }`` blocks, ``terminate`` lines)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str (got {type(text).__name__})")
        exp = cls.__new__(cls)
        info = _core.protocol_describe(text)
        exp.text = text
        exp.steps, exp.cycles, exp.total_steps, exp.terminated = (info["steps"], info["cycles"], info["total_steps"],
                                                                  info["terminated"])
        return exp

    @property
    def canonical(self) -> str:
        """The protocol in canonical form, as ``cellforge protocol TEXT``
        prints it (one step a line, ``repeat N { }`` blocks, units written
        out)."""
        out: str = _core.protocol_canonical(self.text)
        return out

    def expand(self, n: int) -> List[Tuple[int, int, str, bool]]:
        """The first ``n`` steps in execution order, as ``cellforge protocol
        --expand N``: ``(cycle, step in cycle, step text, ends its cycle)``
        with cycle and step numbers from 1; ``n`` in [0, 1e9]."""
        out: List[Tuple[int, int, str, bool]] = _core.protocol_expand(self.text, n)
        return out

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<cellforge.Experiment {self.cycles} cycle(s), {self.total_steps} step(s)>"
