"""cellforge.report: the page `cellforge report` writes, from one code path.

The CLI and Python fill the same request for the library's report
(src/report), so the same inputs give the same page: byte for byte once the
two things that change from run to run are blanked (the minute it was made
and the solve time in ms).  Bad input raises with the library's message and
writes nothing; a failed or stopped run writes the page and warns."""

import os
import re
import subprocess
import threading
import warnings
from pathlib import Path

import pytest

import cellforge

SPMe_HOLD = "Hold at 3.0 V until C/50"  # an SPMe hold at 50 % SOC drains its electrolyte (tests/cli/report_partial.sh)


def blank_volatile(html: str) -> str:
    """The page without what differs between two runs of the same inputs."""
    html, n_date = re.subn(r" &middot; \d{4}-\d\d-\d\d \d\d:\d\d UTC</p>", " &middot; DATE</p>", html)
    html, n_wall = re.subn(r'<tr><th>solved in</th><td class="num">[0-9.]+ ms</td>', "<tr><th>solved in</th>", html)
    assert n_date == 1 and n_wall <= 1, "the page has no date line"
    return html


@pytest.fixture(scope="session")
def cli_report():
    """Runs `cellforge report ARGS --out OUT` and returns (status, stdout, stderr)."""
    exe = os.environ.get("CELLFORGE")
    if not exe or not os.access(exe, os.X_OK):
        pytest.skip("set CELLFORGE to the cellforge binary to compare with the CLI")

    def run(*args, status=0):
        out = subprocess.run([exe, "report", *args], capture_output=True, text=True)
        assert out.returncode == status, (out.returncode, out.stderr)
        return out

    return run


# (CLI arguments, report() keyword arguments), all fast (SPM/SPMe or short runs)
CASES = [
    (["--model", "spm"], {"model": "spm"}),
    (["--model", "spme", "--crate", "-0.5", "--soc", "0.2", "--plot-profiles", "0,10min,1h"],
     {"model": "spme", "crate": -0.5, "soc": 0.2, "plot_profiles": [0, 600, 3600]}),
    (["--model", "spm", "--protocol", "Discharge at 1C for 20 minutes; Rest for 5 minutes; Charge at 1C for 5 minutes"],
     {"model": "spm", "protocol": ["Discharge at 1C for 20 minutes", "Rest for 5 minutes", "Charge at 1C for 5 minutes"]}),
]


@pytest.mark.parametrize("args,kwargs", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_same_page_as_cli(cli_report, tmp_path, args, kwargs):
    cli_out, py_out = tmp_path / "cli.html", tmp_path / "py.html"
    cli_report(*args, "--out", str(cli_out))
    r = cellforge.report(out=py_out, **kwargs)
    cli_page, py_page = cli_out.read_text(), py_out.read_text()
    assert blank_volatile(py_page) == blank_volatile(cli_page)
    # and the page is a whole report, not two identical empty ones
    assert r.plots >= 5 and py_page.count("<svg") == r.plots
    assert 'id="sim-summary"' in py_page and r.simulation == "complete"


def test_recipe_same_as_cli_from_file_and_object(cli_report, tmp_path, source_dir):
    path = str(source_dir / "examples" / "recipe_sn_ni.json")
    cli_out = tmp_path / "cli.html"
    printed = cli_report(path, "--model", "spm", "--out", str(cli_out)).stdout
    from_path = cellforge.report(path, tmp_path / "py.html", model="spm")
    page = blank_volatile(cli_out.read_text())
    assert blank_volatile((tmp_path / "py.html").read_text()) == page
    # a Recipe object (its source is the file's name) gives the same page as its file
    recipe = cellforge.Recipe.load(path)
    from_object = cellforge.report(recipe, model="spm")
    assert from_object.path is None and blank_volatile(from_object.html) == page
    assert from_path.design and from_path.cell and from_object.design
    # the CLI's "wrote" line counts the plots the Python result counts
    assert f"{from_path.plots} plots" in printed
    # the design section carries design()'s numbers
    assert f"{cellforge.design(recipe)['cell']['wh_per_kg']:.1f} Wh/kg" in page


def test_cell_object_same_as_its_name(tmp_path):
    by_name = cellforge.report("chen2020", model="spm")
    by_object = cellforge.report(cellforge.Cell.builtin("chen2020"), model="spm")
    assert blank_volatile(by_object.html) == blank_volatile(by_name.html)
    # a changed cell is reported as changed
    cell = cellforge.Cell.builtin("chen2020")
    cell.negative.thickness_m = 70e-6
    changed = cellforge.report(cell, model="spm").html
    assert ">70.0</td>" in changed and ">70.0</td>" not in by_name.html


def test_formats_and_outputs(tmp_path):
    # .html and .htm, str and Path, missing folders made; None returns the page
    a = cellforge.report(out=str(tmp_path / "a" / "b" / "r.html"), model="spm")
    b = cellforge.report(out=tmp_path / "r.htm", model="spm")
    assert Path(a.path).is_file() and Path(b.path).is_file()
    text = cellforge.report(model="spm")
    assert text.path is None and text.html.startswith("<!DOCTYPE html>")
    assert text._repr_html_() == text.html
    assert blank_volatile(text.html) == blank_volatile(Path(a.path).read_text())
    page = text.html
    assert "<script" not in page.lower() and not re.search(r'(src|href)="(https?:)?//', page)
    assert not re.search(r"\b(nan|NaN|inf)\b", page)
    # the page's capacity is the simulation's
    cap = cellforge.simulate(model="spm").capacity_Ah
    assert f"discharged capacity</th><td class=\"num\">{cap:.4f} Ah" in page


@pytest.mark.parametrize("kwargs,cls,text", [
    ({"out": "r.txt"}, cellforge.InvalidInputError, "r.txt: the report's name must end in .html or .htm"),
    ({"out": "r.pdf"}, cellforge.InvalidInputError, "must end in .html or .htm"),
    ({"cell": "no_such_cell"}, cellforge.InvalidInputError, "neither a built-in cell"),
    ({"protocol": "Dance at 1C"}, cellforge.InvalidInputError, "unexpected 'Dance'"),
    ({"protocol": "Rest for 1 hour", "crate": 1}, cellforge.InvalidInputError, "give only one of crate, protocol"),
    ({"soc": 1.5}, cellforge.InvalidInputError, "soc: state of charge 1.5 is outside the allowed range [0, 1]"),
    ({"soc": float("nan")}, cellforge.InvalidInputError, "soc"),
    ({"crate": float("inf")}, cellforge.InvalidInputError, "crate"),
    ({"model": "p2d"}, cellforge.InvalidInputError, "unknown model 'p2d' (allowed: spm, spme, dfn)"),
    ({"plot_profiles": [0, -5]}, cellforge.InvalidInputError, "plot_profiles: time 2 is -5 s; times must be finite"),
    ({"plot_profiles": [float("nan")]}, cellforge.InvalidInputError, "plot_profiles: time 1 is nan s"),
    ({"plot_profiles": list(range(17))}, cellforge.InvalidInputError, "plot_profiles: 17 times given; at most 16"),
    ({"plot_profiles": "0,600"}, TypeError, "plot_profiles must be a sequence"),
    ({"plot_profiles": [0, "1h"]}, TypeError, "plot_profiles[1] must be a number"),
    ({"cell": 42}, TypeError, "cell must be"),
    ({"out": 42}, TypeError, "out must be a str or os.PathLike"),
    ({"model": None}, TypeError, "model must be a str"),
    ({"crate": "1C"}, TypeError, "crate"),
    ({"protocol": Path("no_such_protocol.txt")}, cellforge.FileError, "no_such_protocol.txt"),
])
def test_bad_input_raises_and_writes_nothing(tmp_path, kwargs, cls, text):
    kwargs = dict(kwargs)
    out = kwargs.pop("out", "r.html")
    if isinstance(out, str):
        out = str(tmp_path / out)
    with pytest.raises(cls) as e:
        cellforge.report(out=out, **{"model": "spm", **kwargs})
    assert text in str(e.value)
    if isinstance(e.value, cellforge.Error) and text.startswith("r.txt"):
        assert e.value.where == "out"  # the CLI's --out, by its Python name
    assert list(tmp_path.iterdir()) == []


def test_file_neither_cell_nor_recipe_says_both(tmp_path):
    bad = tmp_path / "thing.json"
    bad.write_text('{"colour": "blue"}')
    with pytest.raises(cellforge.InvalidInputError) as e:
        cellforge.report(bad, tmp_path / "r.html")
    assert "read as a recipe instead" in str(e.value) and "colour" in str(e.value)
    assert not (tmp_path / "r.html").exists()


def test_unwritable_output_raises(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(cellforge.FileError) as e:
        cellforge.report(out=tmp_path / "file" / "r.html", model="spm")  # a file where a folder should be
    assert "file/r.html: cannot use as output: Not a directory" in str(e.value)
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(cellforge.InvalidInputError, match="dir.html: is a directory: refusing to write output there"):
        cellforge.report(out=tmp_path / "dir.html", model="spm")  # a directory in the way (bad input, as in the CLI)


def test_stopped_run_writes_the_rows_and_warns(tmp_path):
    with pytest.warns(RuntimeWarning, match="stopped early"):
        r = cellforge.report(out=tmp_path / "r.html", model="spme", soc=0.5, protocol=SPMe_HOLD)
    with pytest.raises(cellforge.LimitError) as e:
        cellforge.simulate(model="spme", soc=0.5, protocol=SPMe_HOLD)
    rows = e.value.solution
    assert r.simulation == "stopped" and r.reason == "physical_limit" and "electrolyte is depleted" in r.message
    assert r.t_end_s == pytest.approx(rows.t[-1], abs=0.05)
    page = Path(r.path).read_text()
    assert f"the {len(rows)} rows computed up to t = {rows.t[-1]:.1f} s" in page
    assert r.plots >= 2


def test_failed_run_writes_the_page_and_warns(tmp_path, source_dir):
    # a recipe whose pores close before full charge: design and claims, and why it did not run
    recipe = cellforge.Recipe.load(source_dir / "examples" / "recipe_sn_ni.json")
    recipe["negative.porosity"] = 0.2
    with pytest.warns(RuntimeWarning, match="simulation failed"):
        r = cellforge.report(recipe, tmp_path / "closed.html")
    assert r.simulation == "failed" and "pores closed" in r.message and r.design
    assert re.search(r"The simulation did not complete: .*pores closed", Path(r.path).read_text())
    # a rate the cell cannot sustain: the message names Python's parameter, the page the CLI's option
    lean = cellforge.Recipe.load(source_dir / "examples" / "recipe_li_reservoir.json")
    with pytest.warns(RuntimeWarning, match="crate: the cell cannot sustain 1 C"):
        r = cellforge.report(lean, tmp_path / "lean.html")
    assert r.simulation == "failed" and r.message.startswith("crate: the cell cannot sustain 1 C")


def test_threads_give_the_serial_pages():
    kinds = [{"model": "spm"}, {"model": "spme", "crate": 2}, {"model": "spm", "crate": -1},
             {"model": "spm", "soc": 2.0}]  # the last is bad input: an exception, not a crash
    serial = []
    for kw in kinds[:3]:
        serial.append(blank_volatile(cellforge.report(**kw).html))
    results = [None] * 8

    def work(i):
        try:
            results[i] = blank_volatile(cellforge.report(**kinds[i % 4]).html)
        except cellforge.InvalidInputError as exc:
            results[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, res in enumerate(results):
        if i % 4 == 3:
            assert isinstance(res, cellforge.InvalidInputError) and "soc" in str(res)
        else:
            assert res == serial[i % 4]
