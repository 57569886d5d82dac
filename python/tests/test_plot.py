"""Solution.plot(): the CLI's panels in matplotlib (skipped without matplotlib)."""

import pytest

import cellforge


def visible_labels(fig):
    return [ax.get_ylabel() for ax in fig.axes if ax.get_visible()]


def test_panels_of_a_dfn_discharge():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    sol = cellforge.simulate(model="dfn", mesh=6, crate=1)
    labels = visible_labels(sol.plot())
    for want in ("Voltage [V]", "Current [A] (+ discharge)", "Electrolyte concentration [mol.m-3]",
                 "Electrolyte potential [V]", "Particle surface stoichiometry", "dQ/dV [A.h/V]"):
        assert want in labels, (want, labels)
    fig = sol.plot(kinds=["profiles"], times=[0, 600, 1800])
    ce = next(ax for ax in fig.axes if ax.get_ylabel() == "Electrolyte concentration [mol.m-3]")
    assert len(ce.lines) == 3
    with pytest.raises(ValueError, match="unknown plot kind"):
        sol.plot(kinds=["nope"])


def test_panels_follow_the_run():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    spm = cellforge.simulate(model="spm", mesh=6, soc=0.2, protocol=[("Charge at 1C until 4.1 V",
                                                                      "Discharge at 1C until 3.0 V")] * 2)
    labels = visible_labels(spm.plot())
    assert "Electrolyte potential [V]" not in labels and "Capacity [A.h]" in labels
