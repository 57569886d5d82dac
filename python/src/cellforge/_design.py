"""Recipes, the design calculation, the seed claims and design-around, as
``cellforge design`` and ``cellforge claims`` compute them (docs/recipe.md,
docs/seeds.md)."""

from __future__ import annotations

import copy
import json
import os
from typing import Any, Dict, List, Optional, Union

from . import _core
from ._cell import Cell

PathLike = Union[str, "os.PathLike[str]"]
#: A run record: a dict with the keys of ``simulate --record`` (a protocol
#: Solution's ``process_record``), a Solution, or a path to such a JSON file.
RunLike = Union[Dict[str, Any], PathLike, Any]


class Recipe:
    """A cell recipe (docs/recipe.md): materials, loadings and format.

    It is the recipe's JSON as a dict, with dotted-path access for editing::

        r = cellforge.Recipe.load("examples/recipe_sn_ni.json")
        r["negative.porosity"] = 0.30
        r.validate()                # the library's checks, as `cellforge design`
        d = r.design()              # masses, capacities, N/P, Wh/kg, Wh/L
        r.save("mine.json")

    Every method that computes parses the current dict with the library (one
    schema, one set of checks, the same messages as the CLI)."""

    def __init__(self, data: Dict[str, Any], source: str = "<recipe>") -> None:
        if not isinstance(data, dict):
            raise TypeError(f"a recipe is a dict (got {type(data).__name__})")
        self.data: Dict[str, Any] = data
        self.source = source
        self._text: Optional[str] = None  # the file's own text while unedited (its line numbers)

    @classmethod
    def load(cls, path: PathLike) -> "Recipe":
        """Reads a recipe file (JSON); it is validated when used."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or os.PathLike (got {type(path).__name__})")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            from ._errors import invalid

            raise invalid(f"{os.fspath(path)}:{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}") from None
        r = cls(data, os.fspath(path))
        r._text = text
        return r

    @classmethod
    def loads(cls, text: str, source: str = "<string>") -> "Recipe":
        """A recipe from JSON text."""
        r = cls(json.loads(text), source)
        r._text = text
        return r

    def to_json(self) -> str:
        """The recipe as JSON text (2-space indent)."""
        return self._text if self._text is not None else json.dumps(self.data, indent=2) + "\n"

    def save(self, path: PathLike) -> None:
        """Writes the recipe as cellforge writes every output (complete or not at all)."""
        _core.write_file(path, json.dumps(self.data, indent=2) + "\n")

    def copy(self) -> "Recipe":
        """An independent copy."""
        return Recipe(copy.deepcopy(self.data), self.source)

    @property
    def name(self) -> str:
        return str(self.data.get("name", ""))

    def __getitem__(self, path: str) -> Any:
        node: Any = self.data
        for part in _split(path):
            if isinstance(node, list):
                node = node[int(part)]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                raise KeyError(f"recipe has no '{path}' (at '{part}')")
        return node

    def __setitem__(self, path: str, value: Any) -> None:
        parts = _split(path)
        node: Any = self.data
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        if isinstance(node, list):
            node[int(parts[-1])] = value
        else:
            node[parts[-1]] = value
        self._text = None

    def __delitem__(self, path: str) -> None:
        parts = _split(path)
        parent = self[".".join(parts[:-1])] if len(parts) > 1 else self.data
        del parent[parts[-1]]
        self._text = None

    def validate(self) -> None:
        """Raises InvalidInputError (with the key path) for what the library refuses."""
        _core.design(self.to_json(), self.source)

    def design(self) -> Dict[str, Any]:
        """The design calculation, as ``cellforge design --json``: a dict with
        ``negative`` and ``positive`` (coating, capacity, components),
        ``cell`` (``np_ratio``, ``capacity_Ah``, ``energy_Wh``, ``mass_g``,
        ``volume_cm3``, ``wh_per_kg``, ``wh_per_L``, cut-offs, ...), the mass
        ``breakdown`` and ``notes``."""
        return design(self)

    def to_cell(self) -> Cell:
        """The cell the simulator runs for this recipe (cut-offs from the
        electrodes' windows; assembled discharged)."""
        return Cell(_core.recipe_to_cell(self.to_json(), self.source))

    def claims(self, run: Optional[RunLike] = None) -> List[Dict[str, Any]]:
        """See :func:`claims`."""
        return claims(self, run)

    def __repr__(self) -> str:
        return f"<cellforge.Recipe {self.name!r} from {self.source}>"


def _split(path: str) -> List[str]:
    if not isinstance(path, str) or not path:
        raise TypeError("a recipe key is a non-empty str such as 'negative.porosity'")
    return path.split(".")


def _recipe(recipe: Union[Recipe, PathLike, Dict[str, Any]]) -> Recipe:
    if isinstance(recipe, Recipe):
        return recipe
    if isinstance(recipe, dict):
        return Recipe(recipe)
    if isinstance(recipe, (str, os.PathLike)):
        return Recipe.load(recipe)
    raise TypeError(f"recipe must be a cellforge.Recipe, a dict or a path (got {type(recipe).__name__})")


def _run_text(run: Optional[RunLike]) -> Optional[str]:
    if run is None:
        return None
    record = getattr(run, "process_record", None)
    if record is not None or hasattr(run, "voltage"):
        if record is None:
            raise ValueError("run: this Solution has no process record (a constant-rate run); "
                             "simulate a protocol")
        run = record
    if isinstance(run, dict):
        return json.dumps(run)
    if isinstance(run, (str, os.PathLike)):
        with open(run, encoding="utf-8") as fh:
            return fh.read()
    raise TypeError(f"run must be a dict, a Solution or a path (got {type(run).__name__})")


def design(recipe: Union[Recipe, PathLike, Dict[str, Any]]) -> Dict[str, Any]:
    """The design of a recipe (a :class:`Recipe`, a dict or a recipe file):
    the object ``cellforge design --json`` prints (one writer for both)."""
    r = _recipe(recipe)
    out: Dict[str, Any] = json.loads(_core.design(r.to_json(), r.source))
    return out


def claims(recipe: Union[Recipe, PathLike, Dict[str, Any]], run: Optional[RunLike] = None) -> List[Dict[str, Any]]:
    """Every claim of the seeds, checked against the recipe (and a run's
    process record: a protocol :class:`Solution`, its ``process_record`` dict,
    or a ``simulate --record`` file): a list of dicts with ``seed``,
    ``claim``, ``status`` (``"met"``, ``"not_met"``, ``"undetermined"``),
    ``values``, ``range``, ``depends_on`` and ``reason``, as ``cellforge
    claims --json``."""
    r = _recipe(recipe)
    out: List[Dict[str, Any]] = _core.claims(r.to_json(), r.source, _run_text(run))
    return out


def design_around(recipe: Union[Recipe, PathLike, Dict[str, Any]], seed: str, claim: int,
                  run: Optional[RunLike] = None) -> Dict[str, Any]:
    """The smallest single-variable changes of the recipe that flip one
    claim, best first, with their cost in Wh/kg and Wh/L (``cellforge claims
    --design-around``)."""
    r = _recipe(recipe)
    out: Dict[str, Any] = _core.design_around(r.to_json(), r.source, _run_text(run), seed, claim)
    return out


def claim_seeds() -> List[str]:
    """The seeds whose claims are checked."""
    return list(_core.claim_seeds())


def explain_claim(seed: str, claim: int) -> Dict[str, Any]:
    """One claim of a seed explained, as ``cellforge claims --explain SEED N
    --json``: ``seed`` (the full name), ``claim``, ``depends_on`` (the claims
    it follows from), ``text`` (the claim as the seed states it) and
    ``check`` (what the check computes and how the bounds are read).
    ``seed`` may be ``"000"``, the full name or its hash; an unknown seed or
    claim raises InvalidInputError naming the ones that exist."""
    out: Dict[str, Any] = _core.claim_explain(seed, claim)
    return out


def materials() -> List[Dict[str, Any]]:
    """The material facts every design and simulation of a recipe uses, one
    dict per active material, as ``cellforge materials --json`` (one writer
    for both): ``material``, ``formula``, ``density_kg_m3``,
    ``molar_mass_g_mol``, ``theoretical_mAh_g``, ``c_max_mol_m3`` and
    ``c_max_from_density_and_capacity`` (the check c_max = density x capacity
    x 3.6 / F), ``window_V`` (stable potential window vs Li/Li+),
    ``sto_window`` (the stoichiometries its OCP gives there),
    ``sto_as_made``, ``practical_mAh_g``, ``first_cycle_efficiency``,
    ``first_cycle_loss_applied``, ``ocp`` and ``source`` (docs/materials.md)."""
    out: List[Dict[str, Any]] = json.loads(_core.material_facts())
    return out
