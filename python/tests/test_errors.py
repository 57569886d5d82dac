"""Bad input never crashes the interpreter: each becomes an exception of the
right class, carrying the library's message and where."""

import math
import pickle

import pytest

import cellforge
from cellforge import _core


@pytest.mark.parametrize("kwargs,where,text", [
    ({"mesh": 1}, "mesh", "[2, 500]"),
    ({"mesh": -5}, "mesh", "[2, 500]"),
    ({"mesh": 10**30}, "mesh", "[2, 500]"),
    ({"model": "foo"}, "model", "allowed: spm, spme, dfn"),
    ({"crate": 0}, "crate", "never ends"),
    ({"crate": math.nan}, "crate", "finite"),
    ({"crate": math.inf}, "crate", "finite"),
    ({"crate": 5000}, "crate", "[-1000, 1000]"),
    ({"soc": 1.5}, "soc", "[0, 1]"),
    ({"soc": -0.1}, "soc", "[0, 1]"),
    ({"rtol": 0.5}, "rtol", "[1e-12, 0.01]"),
    ({"rtol": math.nan}, "rtol", "finite"),
    ({"temperature_C": 500}, "temperature_C", "[-70, 120]"),
    ({"output_dt": 0}, "output_dt", "[0.001, 1e+06]"),
    ({"cell": "no_such_cell"}, "cell", "no_such_cell"),
    ({"protocol": "Discharge at 1C until 2.5 V", "crate": 1}, "simulate", "only one of"),
    ({"integrator": "euler"}, "integrator", "allowed: bdf, ida"),
    ({"linear_solver": "umfpack"}, "linear_solver", "allowed: auto, klu"),
    ({"discretisation": "chebyshev"}, "discretisation", "allowed: fv, spectral"),
    ({"mesh_r": 1}, "mesh_r", "[2, 2000]"),
    ({"mesh_x": 5000}, "mesh_x", "[2, 2000]"),
    ({"mesh_x": (20, 1, 20)}, "mesh_x[1] (separator)", "[2, 2000]"),
    ({"discretisation": "spectral", "mesh_r": 80}, "nr", "2 to 64 nodes"),
])
def test_bad_arguments_raise_invalid_input(kwargs, where, text):
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model=kwargs.pop("model", "spm"), **kwargs)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, cellforge.Error)
    assert e.code == 1 and e.status == "invalid input"
    assert e.where.startswith(where), e.where
    assert text in e.message, e.message
    assert str(e) == f"{e.where}: {e.message}"


@pytest.mark.parametrize("kwargs", [
    {"mesh": 20.0}, {"mesh": "20"}, {"mesh": True}, {"crate": "1"}, {"crate": True}, {"soc": [0.5]},
    {"model": 3}, {"model": None}, {"cell": 42}, {"cell": None}, {"protocol": 3.0}, {"protocol": [1, 2]},
    {"rtol": None}, {"temperature_C": object()}, {"integrator": 1}, {"linear_solver": b"klu"},
])
def test_wrong_types_raise_type_error(kwargs):
    with pytest.raises(TypeError):
        cellforge.simulate(**kwargs)


def test_protocol_errors_name_the_step():
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model="spm", protocol="Rest for 1 h; Hold at 4.2 V until 3 V")
    assert "step 2" in info.value.where and "protocol:1:" in info.value.where


def test_missing_files_raise_oserror(tmp_path):
    with pytest.raises(cellforge.FileError) as info:
        cellforge.simulate(model="spm", protocol=tmp_path / "absent.txt")
    assert isinstance(info.value, OSError) and "absent.txt" in str(info.value)
    with pytest.raises(OSError):
        cellforge.simulate(model="spm", drive_cycle=tmp_path / "absent.csv")
    # a cell argument is a built-in name or a file: the library says which it is not
    with pytest.raises(cellforge.InvalidInputError, match="neither a built-in cell"):
        cellforge.Cell.load(tmp_path / "absent.json")


def test_malformed_cell_file_names_line(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"base": "chen2020",\n "negative": {"porosty": 0.3}}')
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.Cell.load(p)
    assert "porosity" in info.value.message  # the suggestion


def test_limits_raise_runtime_error():
    with pytest.raises(cellforge.LimitError) as info:
        cellforge.simulate(model="dfn", crate=1000)
    assert isinstance(info.value, RuntimeError)
    assert info.value.where.startswith("chen2020 at 1000C")
    with pytest.raises(RuntimeError, match="upper cut-off"):
        cellforge.simulate(model="spm", crate=-1, soc=1)


def test_invalid_cell_values_name_the_parameter():
    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.porosity = 1.5
    with pytest.raises(cellforge.InvalidInputError) as info:
        cell.validate()
    assert info.value.where == "negative.porosity" and "(0, 1)" in info.value.message
    with pytest.raises(ValueError):
        cellforge.simulate(cell)
    cell.negative.porosity = 0.25
    cell.negative.initial_concentration_mol_m3 = 40000  # above the maximum 33133
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(cell, model="spm")
    assert info.value.where == "negative.initial_concentration_mol_m3"
    cell.negative.initial_concentration_mol_m3 = 29866
    cell.positive.active_volume_fraction = 0.9  # with porosity 0.335: no room
    with pytest.raises(cellforge.InvalidInputError) as info:
        cell.validate()
    assert info.value.where == "positive.porosity+active_volume_fraction"


def test_setting_parameters_checks_type_and_finiteness():
    cell = cellforge.Cell.builtin("chen2020")
    with pytest.raises(TypeError):
        cell.negative.thickness_m = "70 um"
    with pytest.raises(TypeError):
        cell.negative.thickness_m = None
    with pytest.raises(cellforge.InvalidInputError, match="finite"):
        cell.negative.thickness_m = math.nan
    with pytest.raises(AttributeError, match="did you mean 'porosity'"):
        cell.negative.porosty = 0.3
    with pytest.raises(AttributeError):
        cell.no_such_thing  # noqa: B018
    with pytest.raises(cellforge.InvalidInputError):
        cell.name = ""
    with pytest.raises(cellforge.InvalidInputError):
        cell.name = "x" * 64
    with pytest.raises(ValueError):
        cell.name = "a\0b"
    with pytest.raises(cellforge.InvalidInputError):
        cell.negative.initial_stoichiometry = 1.0
    assert cell.negative.thickness_m == 85.2e-6  # unchanged by the failures


def test_material_function_errors():
    cell = cellforge.Cell.builtin("chen2020")
    with pytest.raises(cellforge.InvalidInputError, match="unknown material function"):
        cell.negative.ocp = "graphite_chen2021"
    with pytest.raises(cellforge.InvalidInputError, match="electrolyte conductivity"):
        cell.negative.ocp = "nyman2008_conductivity"  # wrong role
    with pytest.raises(cellforge.InvalidInputError, match="strictly increasing"):
        cell.negative.ocp = ([0.1, 0.1, 0.9], [1.0, 0.5, 0.1])
    with pytest.raises(cellforge.InvalidInputError, match="must match"):
        cell.negative.ocp = ([0.1, 0.5, 0.9], [1.0, 0.5])
    with pytest.raises(cellforge.InvalidInputError, match="at least 2"):
        cell.negative.ocp = ([0.1], [1.0])
    with pytest.raises(cellforge.InvalidInputError, match="> 0"):
        cell.electrolyte.conductivity_S_m = ([100, 2000], [0.5, -1])
    with pytest.raises(cellforge.InvalidInputError, match="> 0"):
        cell.electrolyte.diffusivity_m2_s = 0.0
    with pytest.raises(cellforge.InvalidInputError, match="finite"):
        cell.negative.ocp = ([0.1, 0.9], [1.0, math.nan])
    with pytest.raises(TypeError):
        cell.negative.ocp = ("ab", "cd")
    with pytest.raises(TypeError):
        cell.negative.ocp = None
    assert cell.negative.ocp == "graphite_chen2020"  # unchanged by the failures


def test_c_entry_points_reject_garbage():
    # The C module checks its own arguments: direct calls cannot crash either.
    with pytest.raises(TypeError):
        _core.cell_get(object(), "name")
    with pytest.raises(TypeError):
        _core.cell_get(_core.plan_new(cell="chen2020", model="spm", temperature_C=None, mesh=5, rtol=1e-6,
                                      output_dt=None), "name")
    h = _core.cell_builtin("chen2020")
    with pytest.raises(AttributeError):
        _core.cell_get(h, "negative.")
    with pytest.raises(AttributeError):
        _core.cell_get(h, "x" * 10000)
    for path in ("negative.phases[99999999999999999999].ocp", "negative.phases[-1].ocp", "negative.phases[0]x.ocp",
                 "negative..ocp", "electrolyte.ocp", "negative.phases[0].thickness_m", ".", ""):
        with pytest.raises(AttributeError):
            _core.cell_get(h, path)
    with pytest.raises(IndexError, match="negative has 1 phase"):
        _core.cell_get(h, "negative.phases[1].ocp")
    with pytest.raises(ValueError):
        _core.cell_add_phase(h, "neg", 0)
    with pytest.raises(TypeError):
        _core.plan_solve(h, protocol=None, protocol_file=None, drive_cycle=None, crate=None, soc=None)
    with pytest.raises(TypeError):
        _core.simulate()
    with pytest.raises(TypeError):
        cellforge.Cell(None)


def test_errors_are_picklable_and_cells_too():
    # both cross process boundaries (ProcessPoolExecutor)
    try:
        cellforge.simulate(mesh=1)
    except cellforge.InvalidInputError as e:
        back_e = pickle.loads(pickle.dumps(e))
        assert type(back_e) is cellforge.InvalidInputError and back_e.where == "mesh" and str(back_e) == str(e)
    cell = cellforge.Cell.builtin("chen2020")
    cell.positive.thickness_m = 60e-6
    back = pickle.loads(pickle.dumps(cell))
    assert back.to_dict() == cell.to_dict()


def test_from_dict_requires_everything_without_base():
    d = cellforge.Cell.builtin("chen2020").to_dict()
    del d["negative"]["porosity"]
    with pytest.raises(cellforge.InvalidInputError, match="negative.porosity is required"):
        cellforge.Cell.from_dict(d)
    with pytest.raises(cellforge.InvalidInputError, match="did you mean 'porosity'"):
        cellforge.Cell.from_dict({"base": "chen2020", "negative": {"porosty": 0.3}})


@pytest.mark.parametrize("kwargs", [  # (mesh=None is the discretisation's default mesh)
    {"integrator": None}, {"linear_solver": None}, {"model": None}, {"rtol": None},
])
def test_none_is_a_type_error_for_every_non_optional_argument(kwargs):
    # Only the arguments documented as Optional take None; the others raise
    # TypeError alike (integrator=None used to be taken as the default).
    with pytest.raises(TypeError):
        cellforge.simulate(**kwargs)
    with pytest.raises(TypeError):
        cellforge.Simulation(**kwargs)


@pytest.mark.parametrize("protocol,text", [
    ("Discharge at 1e308 C", "[-1000, 1000] C"),
    ("Discharge at 1e308 A", "[-100000, 100000] A"),
    ("Discharge at 1e7 W", "[-1e+06, 1e+06] W"),
    ("Rest for 1e300 s", "(0, 1e+09] s"),
    ("Discharge at 1C until 20 V", "(0, 10) V"),
])
def test_protocol_values_out_of_range_are_refused_by_the_parser(protocol, text):
    # The library's one range per quantity: the parser refuses what the
    # simulator would, with the column of the value.
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model="spm", protocol=protocol)
    assert "protocol:1:" in info.value.where
    assert text in info.value.message, info.value.message


def test_current_beyond_the_crate_bound_for_this_cell():
    # 5001 A is a valid current in general but 1000.2 C for the 5 Ah chen2020.
    with pytest.raises(cellforge.InvalidInputError) as info:
        cellforge.simulate(model="spm", protocol="Discharge at 5001 A")
    assert "1000.2 C for this cell" in info.value.message
