"""Cell: what a cell is (geometry, materials, electrolyte, limits), in SI units.

A Cell owns a C ``cf_cell``.  Its parameters are attributes named as the keys
of cell JSON files (docs/cell-format.md), grouped like them::

    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.thickness_m = 70e-6
    cell.positive.porosity = 0.3
    cell.nominal_capacity_Ah = 4.5

An electrode holds one or more active materials (phases).  With one, its
material parameters read flat on the electrode (``cell.negative.ocp``), as in
cell files; a blend lists them in ``cell.negative.phases[i]``.

The attributes are generated from the C module's parameter table, so every
field the library knows is reachable and documented (``help(cellforge.Phase)``).
Assignments are type-checked at once (a number, finite); ranges and the
constraints between values are checked by :meth:`Cell.validate` and by every
simulation, as for cell files.
"""

from __future__ import annotations

import difflib
import json
import os
from typing import Any, Dict, Iterator, List, Tuple, Union

from . import _core
from ._errors import invalid

#: A material function: a built-in name, a constant, or a table (x, y).
MaterialFunction = Union[str, float, Tuple[Tuple[float, ...], Tuple[float, ...]]]

# (group, name, kind, unit, doc, derived) from the C tables, in file order.
_FIELDS: List[Tuple[str, str, str, str, str, int]] = [tuple(f) for f in _core.cell_fields()]  # type: ignore[misc]
_SECTIONS = ("negative", "positive", "separator", "electrolyte")
# A lithium-metal negative's parameters (the rest of an electrode's are a porous one's).
_LI_METAL = ["lithium_mol_m2", "exchange_current_A_m2", "plating_efficiency"]
_LI_METAL_MOL_M3 = 76934.0  # lithium metal: 0.534 g/cm3, 6.941 g/mol
_LI_MOLAR_MASS_G_MOL = 6.941


def _names(group: str, derived: bool = True) -> List[str]:
    return [n for g, n, _k, _u, _d, der in _FIELDS if g == group and (derived or not der)]


def _kind(group: str, name: str) -> str:
    return next(k for g, n, k, *_ in _FIELDS if g == group and n == name)


class _Group:
    """Parameters of one part of a cell; a live view (setting changes the cell)."""

    __slots__ = ("_cell", "_prefix")
    _group = ""
    _cell: Any
    _prefix: str

    def __init__(self, cell: "Cell", prefix: str) -> None:
        object.__setattr__(self, "_cell", cell)
        object.__setattr__(self, "_prefix", prefix)

    def _handle(self) -> Any:
        return self._cell._h

    def __setattr__(self, name: str, value: Any) -> None:
        if not isinstance(getattr(type(self), name, None), property):
            names = self.parameter_names()
            hint = difflib.get_close_matches(name, names, n=1)
            raise AttributeError(
                f"{self._prefix}{name}: no such parameter"
                + (f" (did you mean '{hint[0]}'?)" if hint else f"; known: {', '.join(names)}"))
        object.__setattr__(self, name, value)

    @classmethod
    def parameter_names(cls) -> List[str]:
        """Names of the parameters of this group, in cell-file order."""
        return _names(cls._group)

    def _dict_of(self, group: str) -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        for name in _names(group, derived=False):
            v = getattr(self, name)
            if _kind(group, name) == "function" and isinstance(v, tuple):
                v = {"x": list(v[0]), "y": list(v[1])}
            out[name] = v
        return out

    def to_dict(self) -> Dict[str, Any]:
        """The group as in a cell file (derived values such as
        initial_stoichiometry left out)."""
        return self._dict_of(self._group)

    def __iter__(self) -> Iterator[Tuple[str, Any]]:
        for name in self.parameter_names():
            yield name, getattr(self, name)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self if not isinstance(v, tuple))
        return f"{type(self).__name__}({inner})"


class Phase(_Group):
    """One active material of an electrode: particles, kinetics, OCP."""

    __slots__ = ()
    _group = "phase"
    material: str
    active_volume_fraction: float
    particle_radius_m: float
    max_concentration_mol_m3: float
    initial_concentration_mol_m3: float
    initial_stoichiometry: float
    diffusivity_m2_s: MaterialFunction
    diffusivity_activation_energy_J_mol: float
    exchange_current_coefficient: float
    exchange_current_activation_energy_J_mol: float
    charge_transfer_coefficient: float
    volume_expansion: float
    ocp: MaterialFunction


class Electrode(_Group):
    """A negative or positive electrode: the coating, and its active
    materials in :attr:`phases`.  With a single material, the material's
    parameters (those of :class:`Phase`) also read and set flat here."""

    __slots__ = ("_side",)
    _group = "electrode"
    _side: str
    thickness_m: float
    porosity: float
    conductivity_S_m: float
    bruggeman_electrolyte: float
    thickness_swelling: float
    bruggeman_electrode: float
    # single material, as on Phase:
    material: str
    active_volume_fraction: float
    particle_radius_m: float
    max_concentration_mol_m3: float
    initial_concentration_mol_m3: float
    initial_stoichiometry: float
    diffusivity_m2_s: MaterialFunction
    diffusivity_activation_energy_J_mol: float
    exchange_current_coefficient: float
    exchange_current_activation_energy_J_mol: float
    charge_transfer_coefficient: float
    volume_expansion: float
    ocp: MaterialFunction

    # the kind of electrode, and a lithium-metal negative's parameters:
    type: str
    plating_exchange_current_A_m2: Any
    lithium_mol_m2: float
    exchange_current_A_m2: float
    plating_efficiency: float

    def __init__(self, cell: "Cell", side: str) -> None:
        super().__init__(cell, side + ".")
        object.__setattr__(self, "_side", side)

    @classmethod
    def parameter_names(cls) -> List[str]:
        return _names("electrode") + _names("phase")

    def _own_names(self) -> List[str]:
        """The electrode's own parameters for its type, in cell-file order."""
        if self.type == "lithium_metal":
            return ["type"] + _LI_METAL
        names = [n for n in _names("electrode") if n not in _LI_METAL and n != "type"]
        if self.plating_exchange_current_A_m2 is None:
            names.remove("plating_exchange_current_A_m2")
        return names

    @property
    def phases(self) -> Tuple[Phase, ...]:
        """The active materials (live views), 1 to 4."""
        n = _core.cell_phase_count(self._handle(), self._side)
        return tuple(Phase(self._cell, f"{self._side}.phases[{i}].") for i in range(n))

    def add_phase(self, like: int = 0) -> Phase:
        """Adds an active material, a copy of phase ``like``, and returns it to
        be changed.  Mind that the volume fractions plus the porosity must
        stay <= 1."""
        i = _core.cell_add_phase(self._handle(), self._side, like)
        return Phase(self._cell, f"{self._side}.phases[{i}].")

    def remove_phase(self, index: int) -> None:
        """Removes active material ``index`` (one must remain)."""
        _core.cell_remove_phase(self._handle(), self._side, index)

    def to_dict(self) -> Dict[str, Any]:
        out = {name: getattr(self, name) for name in self._own_names()}
        if self.type == "lithium_metal":
            return out  # a surface: no particles
        phases = self.phases
        if len(phases) == 1:
            out.update(phases[0].to_dict())  # flat, as cell files write one material
        else:
            out["phases"] = [p.to_dict() for p in phases]
        return out

    def __iter__(self) -> Iterator[Tuple[str, Any]]:
        names = self._own_names() + (_names("phase") if len(self.phases) == 1 else [])
        for name in names:
            yield name, getattr(self, name)


class Separator(_Group):
    """The separator: thickness and porosity."""

    __slots__ = ()
    _group = "separator"
    thickness_m: float
    porosity: float
    bruggeman_electrolyte: float


class Electrolyte(_Group):
    """The electrolyte: initial salt concentration and transport."""

    __slots__ = ()
    _group = "electrolyte"
    initial_concentration_mol_m3: float
    transference_number: float
    thermodynamic_factor: float
    diffusivity_m2_s: MaterialFunction
    conductivity_S_m: MaterialFunction


class Reservoir(_Group):
    """Lithium metal shorted to the positive (seed 001): it lithiates the
    positive through the electrolyte from electrolyte contact on."""

    __slots__ = ()
    _group = "reservoir"
    lithium_mol: float
    area_m2: float
    exchange_current_A_m2: float
    ionic_resistance_ohm: float
    path_length_m: float
    collector_alloying_potential_V: float
    collector_alloying_exchange_current_A_m2: float

    def to_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"lithium_mol": self.lithium_mol, "area_m2": self.area_m2,
                               "exchange_current_A_m2": self.exchange_current_A_m2, "connected_to": "positive"}
        if self.path_length_m > 0:
            out["path_length_m"] = self.path_length_m
        else:
            out["ionic_resistance_ohm"] = self.ionic_resistance_ohm
        out["collector_alloying_potential_V"] = self.collector_alloying_potential_V
        out["collector_alloying_exchange_current_A_m2"] = self.collector_alloying_exchange_current_A_m2
        return out


class Cell(_Group):
    """A lithium-ion cell.  Create with :meth:`builtin`, :meth:`load` or
    :meth:`from_dict`; pass to :func:`cellforge.simulate`.

    Top-level parameters are attributes of the cell; the parts are
    ``cell.negative``, ``cell.positive`` (:class:`Electrode`, materials in
    ``.phases``), ``cell.separator`` (:class:`Separator`) and
    ``cell.electrolyte`` (:class:`Electrolyte`).  Material functions
    (``ocp``, electrolyte ``diffusivity_m2_s`` and ``conductivity_S_m``) read
    as a built-in name (str, see :func:`material_functions`), a constant
    (float) or a table ``(x, y)``, and accept the same or a dict
    ``{"x": [...], "y": [...]}``.

    A Cell is not locked: do not change one from one thread while another
    thread reads or copies it (simulate() copies it at the call).
    """

    __slots__ = ("_h",)
    _group = "cell"
    _h: Any
    name: str
    nominal_capacity_Ah: float
    voltage_min_V: float
    voltage_max_V: float
    electrode_area_m2: float
    temperature_K: float
    reference_temperature_K: float

    def __init__(self, handle: Any) -> None:
        """Internal: use Cell.builtin, Cell.load or Cell.from_dict."""
        if not _core.cell_is_handle(handle):
            raise TypeError("Cell() is not a constructor: use Cell.builtin(name), Cell.load(path) or "
                            "Cell.from_dict(d)")
        object.__setattr__(self, "_h", handle)
        # No reference to itself: the C cell is freed as soon as the last
        # reference goes, without waiting for the cycle collector.
        object.__setattr__(self, "_cell", None)
        object.__setattr__(self, "_prefix", "")

    def _handle(self) -> Any:
        return self._h

    # -- creation --
    @classmethod
    def builtin(cls, name: str = "chen2020") -> "Cell":
        """A built-in cell by name (see :func:`cellforge.builtin_cells`)."""
        return cls(_core.cell_builtin(name))

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Cell":
        """A cell from a cell JSON file (docs/cell-format.md) or a built-in name."""
        return cls(_core.cell_load(path))

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Cell":
        """A cell from a dict laid out as a cell file (the inverse of
        :meth:`to_dict`).  With ``"base": name`` the dict overrides that
        built-in cell; without, every parameter is required."""
        if not isinstance(data, dict):
            raise TypeError(f"Cell.from_dict needs a dict (got {type(data).__name__})")
        base = data.get("base")
        if base is not None and not isinstance(base, str):
            raise invalid("base", "must be the name of a built-in cell")
        cell = cls.builtin(base or "chen2020")  # scratch values; all must be given without a base
        if base is None:
            cell.name = "cell"
        missing = _Loader(cell, required=base is None).top(data)
        if missing:
            raise invalid(missing[0], f"{missing[0]} is required (no \"base\" to take it from)")
        return cell

    def copy(self) -> "Cell":
        """An independent copy (changing it leaves this cell alone)."""
        return Cell(_core.cell_copy(self._h))

    __copy__ = copy

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Cell":
        return self.copy()

    def __reduce__(self) -> Tuple[Any, Tuple[Dict[str, Any]]]:
        # Pickling (e.g. for a ProcessPoolExecutor) goes through the file layout.
        return (Cell.from_dict, (self.to_dict(),))

    # -- parts --
    @property
    def negative(self) -> Electrode:
        """The negative electrode (a live view)."""
        return Electrode(self, "negative")

    @property
    def positive(self) -> Electrode:
        """The positive electrode (a live view)."""
        return Electrode(self, "positive")

    @property
    def separator(self) -> Separator:
        """The separator (a live view)."""
        return Separator(self, "separator.")

    @property
    def electrolyte(self) -> Electrolyte:
        """The electrolyte (a live view)."""
        return Electrolyte(self, "electrolyte.")

    @property
    def reservoir(self) -> Any:
        """The lithium reservoir shorted to the positive (a live view), or
        None without one (:meth:`add_reservoir`)."""
        return Reservoir(self, "reservoir.") if _core.cell_reservoir(self._h) else None

    def add_reservoir(self, **values: float) -> Reservoir:
        """Adds a lithium reservoir on the positive (defaults as in cell
        files) with the given parameters, e.g. ``lithium_mol=0.1,
        area_m2=1e-3, path_length_m=1e-3``; returns it."""
        _core.cell_reservoir(self._h, True)
        r = Reservoir(self, "reservoir.")
        for k, v in values.items():
            setattr(r, k, v)
        return r

    def remove_reservoir(self) -> None:
        """Removes the lithium reservoir, if any."""
        _core.cell_reservoir(self._h, False)

    # -- checks and export --
    def validate(self) -> None:
        """Checks every value for physical sense; raises InvalidInputError
        naming the parameter and its allowed range."""
        _core.cell_validate(self._h)

    def to_dict(self) -> Dict[str, Any]:
        """The cell laid out as a cell JSON file (json.dump it and
        ``cellforge simulate --cell`` reads it)."""
        out = super().to_dict()
        for s in _SECTIONS:
            out[s] = getattr(self, s).to_dict()
        if self.reservoir is not None:
            out["reservoir"] = self.reservoir.to_dict()
        return out

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the cell as a cell JSON file, by the rules of every cellforge
        output: a regular file or new path complete or not at all, a symbolic
        link written through to its target, a FIFO or character device (such
        as /dev/null) written as a stream, a directory refused."""
        text = json.dumps(self.to_dict(), indent=2) + "\n"
        _core.write_file(path, text)

    def __repr__(self) -> str:
        return (f"Cell({self.name!r}, {self.nominal_capacity_Ah:g} Ah, {self.voltage_min_V:g}-"
                f"{self.voltage_max_V:g} V, {self.temperature_K - 273.15:g} degC)")


class _Loader:
    """Applies a cell-file dict to a Cell, with the file reader's rules
    (unknown keys named with a suggestion; without a base every key is
    required); returns the missing keys."""

    def __init__(self, cell: Cell, required: bool) -> None:
        self.cell = cell
        self.required = required
        self.missing: List[str] = []

    @staticmethod
    def _check_keys(data: Any, where: str, allowed: List[str]) -> None:
        if not isinstance(data, dict):
            raise invalid(where, f"{where} must be an object (a dict)")
        for key in data:
            if key not in allowed and key != "comment":
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                at = f"{where}.{key}" if where else str(key)
                raise invalid(at, f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))

    def _fields(self, group: _Group, data: Dict[str, Any], names: List[str], where: str) -> None:
        for name in names:
            if name in data:
                setattr(group, name, data[name])
            elif self.required and name not in ("name", "material", "volume_expansion", "li_o_at_full",
                                                "transport_reduction"):
                self.missing.append(f"{where}{name}")

    def _phase(self, group: _Group, data: Dict[str, Any], where: str) -> None:
        names = _names("phase", derived=False)
        if "initial_stoichiometry" in data:
            if "initial_concentration_mol_m3" in data:
                raise invalid(f"{where}initial_stoichiometry",
                              "give initial_concentration_mol_m3 or initial_stoichiometry, not both")
            names = [n for n in names if n != "initial_concentration_mol_m3"]
        self._fields(group, data, names, where)
        if "initial_stoichiometry" in data:  # after max_concentration_mol_m3
            group.initial_stoichiometry = data["initial_stoichiometry"]

    def _electrode(self, side: str, data: Dict[str, Any]) -> None:
        e: Electrode = getattr(self.cell, side)
        if isinstance(data, dict) and data.get("type") == "lithium_metal":
            self._check_keys(data, side, ["type"] + _LI_METAL + ["lithium_thickness_m"])
            e.type = "lithium_metal"
            if "lithium_mol_m2" in data and "lithium_thickness_m" in data:
                raise invalid(f"{side}.lithium_mol_m2", "give lithium_mol_m2 or lithium_thickness_m, not both")
            if "lithium_thickness_m" in data:
                t = data["lithium_thickness_m"]
                if not isinstance(t, (int, float)) or isinstance(t, bool):
                    raise invalid(f"{side}.lithium_thickness_m", "must be a number (m)")
                e.lithium_mol_m2 = float(t) * _LI_METAL_MOL_M3
            for name in _LI_METAL:
                if name in data:
                    setattr(e, name, data[name])
            return
        porous = [n for n in _names("electrode") if n not in _LI_METAL]
        self._check_keys(data, side, porous + _names("phase") + ["phases"])
        if data.get("type", "porous") != "porous":
            raise invalid(f"{side}.type", f"{side}.type must be \"porous\" or \"lithium_metal\"")
        e.type = "porous"
        self._fields(e, data, [n for n in porous if n not in ("type", "plating_exchange_current_A_m2")], f"{side}.")
        if "plating_exchange_current_A_m2" in data:
            e.plating_exchange_current_A_m2 = data["plating_exchange_current_A_m2"]
        if "phases" not in data:
            if len(e.phases) > 1 and any(k in data for k in _names("phase")):
                raise invalid(f"{side}.phases", "the base is a blend: give its materials in phases")
            self._phase(e.phases[0], data, f"{side}.")
            return
        phases = data["phases"]
        if any(k in data for k in _names("phase")):
            raise invalid(f"{side}.phases", "give the material keys flat on the electrode or in phases, not both")
        if not isinstance(phases, list) or not 1 <= len(phases) <= 4:
            raise invalid(f"{side}.phases", "phases must be a list of 1 to 4 objects")
        base_n = len(e.phases)
        while len(e.phases) < len(phases):
            e.add_phase(0)
        while len(e.phases) > len(phases):
            e.remove_phase(len(e.phases) - 1)
        for i, (p, d) in enumerate(zip(e.phases, phases)):
            where = f"{side}.phases[{i}]"
            self._check_keys(d, where, _names("phase"))
            # a phase beyond the base's has nothing to start from
            keep, self.required = self.required, self.required or i >= base_n
            self._phase(p, d, where + ".")
            self.required = keep

    def _reservoir(self, data: Any) -> None:
        self._check_keys(data, "reservoir", _names("reservoir") + ["lithium_mass_g", "connected_to"])
        if data.get("connected_to", "positive") != "positive":
            raise invalid("reservoir.connected_to", "a reservoir can only be connected to \"positive\" (seed 001)")
        if ("lithium_mol" in data) == ("lithium_mass_g" in data):
            raise invalid("reservoir.lithium_mol", "give exactly one of reservoir.lithium_mol or reservoir.lithium_mass_g")
        if "area_m2" not in data:
            raise invalid("reservoir.area_m2", "reservoir.area_m2 is required")
        if "ionic_resistance_ohm" in data and "path_length_m" in data:
            raise invalid("reservoir.path_length_m",
                          "give reservoir.ionic_resistance_ohm or reservoir.path_length_m, not both")
        self.cell.remove_reservoir()
        r = self.cell.add_reservoir()
        if "lithium_mass_g" in data:
            g = data["lithium_mass_g"]
            if not isinstance(g, (int, float)) or isinstance(g, bool):
                raise invalid("reservoir.lithium_mass_g", "must be a number (g)")
            r.lithium_mol = float(g) / _LI_MOLAR_MASS_G_MOL
        for name in _names("reservoir"):
            if name in data:
                setattr(r, name, data[name])

    def top(self, data: Dict[str, Any]) -> List[str]:
        self._check_keys(data, "", _names("cell") + list(_SECTIONS) +
                         ["base", "electrode_height_m", "electrode_width_m", "reservoir"])
        names = _names("cell")
        hw = "electrode_height_m" in data or "electrode_width_m" in data
        if hw:
            if "electrode_area_m2" in data or not ("electrode_height_m" in data and "electrode_width_m" in data):
                raise invalid("electrode_area_m2",
                              "give electrode_area_m2 or both electrode_height_m and electrode_width_m")
            h, w = data["electrode_height_m"], data["electrode_width_m"]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in (h, w)):
                raise invalid("electrode_height_m", "electrode height and width must be numbers > 0")
            self.cell.electrode_area_m2 = float(h) * float(w)
            names = [n for n in names if n != "electrode_area_m2"]
        self._fields(self.cell, data, names, "")
        for side in ("negative", "positive"):
            if side in data:
                self._electrode(side, data[side])
            elif self.required:
                self.missing.append(side)
        for part in ("separator", "electrolyte"):
            group = getattr(self.cell, part)
            if part in data:
                self._check_keys(data[part], part, _names(part))
                self._fields(group, data[part], _names(part), f"{part}.")
            elif self.required:
                self.missing.append(part)
        if "reservoir" in data:
            self._reservoir(data["reservoir"])
        elif self.required:
            self.cell.remove_reservoir()
        return self.missing


_CLASSES = {"cell": Cell, "electrode": Electrode, "phase": Phase, "separator": Separator,
            "electrolyte": Electrolyte, "reservoir": Reservoir}


def _make_property(name: str, unit: str, doc: str) -> property:
    def fget(self: _Group) -> Any:
        return _core.cell_get(self._handle(), self._prefix + name)

    def fset(self: _Group, value: Any) -> None:
        if isinstance(value, dict) and set(value) == {"x", "y"}:
            value = (value["x"], value["y"])  # the cell-file table layout
        _core.cell_set(self._handle(), self._prefix + name, value)

    return property(fget, fset, doc=f"{doc} [{unit}]" if unit and unit != "-" else doc)


def _install_properties() -> None:
    for group, name, _kind_, unit, doc, _derived in _FIELDS:
        prop = _make_property(name, unit, doc)
        setattr(_CLASSES[group], name, prop)
        if group == "phase":  # a single material reads flat on its electrode
            setattr(Electrode, name, _make_property(name, unit, doc + " (single-material electrodes)"))


_install_properties()


def builtin_cells() -> List[str]:
    """Names of the built-in cells (for :meth:`Cell.builtin` and ``cell=``)."""
    return list(_core.builtin_cells())


def cells() -> List[Dict[str, Any]]:
    """The built-in cells as ``cellforge cells --json`` lists them: name,
    chemistry, format, nominal_capacity_Ah, voltage_cutoffs_V (min, max),
    temperature_K and the published source (values: docs/cells.md)."""
    return [dict(c, voltage_cutoffs_V=tuple(c["voltage_cutoffs_V"])) for c in _core.cells()]


def material_functions() -> List[Dict[str, str]]:
    """The built-in material functions: name, role (ocp,
    electrolyte_diffusivity, electrolyte_conductivity, ...) and literature source."""
    return [{"name": n, "role": r, "source": s} for n, r, s in _core.material_functions()]
