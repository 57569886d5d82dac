#!/usr/bin/env python3
"""Check docs/pybamm-discretisation.md against PyBaMM itself.

This is an executable form of the facts in docs/pybamm-discretisation.md: an
independent numpy implementation of the discretised SPM, SPMe and DFN
(Chen2020, default options, default mesh) written from those equations. For
each model it takes a realistic state (a PyBaMM solution mid-discharge), adds
node-to-node noise so that every averaging choice (harmonic vs arithmetic,
interface weights, extrapolation) changes the result, and compares

  * PyBaMM's discretised right-hand sides and algebraic residuals, and
  * PyBaMM's "Voltage [V]" expression

with the numpy versions. A documented fact that is wrong shows up as a
relative difference far above round-off (1e-10). Use it when the PyBaMM
version changes, or to settle a doubt about one formula: switch a choice in
this file (e.g. ARITH_KAPPA = False) and watch the comparison fail.

Run: validation/.venv/bin/python validation/pybamm_discretisation_check.py
Exit status 0 when every comparison agrees to 1e-9 relative, 1 otherwise.
"""

import sys

import numpy as np

try:
    import pybamm
except ImportError as exc:
    sys.exit(f"pybamm_discretisation_check.py: cannot import pybamm ({exc}); "
             "run validation/make-reference first")

F = 96485.33212331001
R_GAS = 8.31446261815324
T = 298.15
RTF = R_GAS * T / F

# Chen2020 (LG M50) -- values as in PyBaMM's parameter set
L_N, L_S, L_P = 85.2e-6, 12e-6, 75.6e-6
L_X = L_N + L_S + L_P
A_CC = 0.065 * 1.58
EPS = {"n": 0.25, "s": 0.47, "p": 0.335}
EPS_S = {"n": 0.75, "p": 0.665}
RAD = {"n": 5.86e-6, "p": 5.22e-6}
CMAX = {"n": 33133.0, "p": 63104.0}
DS = {"n": 3.3e-14, "p": 4e-15}
SIGMA = {"n": 215.0, "p": 0.18}
BRUG = 1.5
T_PLUS = 0.2594
C_E0 = 1000.0
M_REF = {"n": 6.48e-7, "p": 3.42e-6}

# Choices documented in the doc; flip one to see the check fail.
HARMONIC_DE = True      # D_e*eps^b mapped to edges by harmonic mean
HARMONIC_CHI = True     # 2(1-t+)RT/(F c_e) mapped to edges by harmonic mean
ARITH_KAPPA = True      # kappa(c_e)*eps^b mapped to edges by *arithmetic* mean
REG_POWER = True        # j0 uses PyBaMM's regularised square roots
OCP_ASYMPTOTES = True   # PyBaMM adds a barrier term to both OCPs


def u_n_ref(s):
    return (1.9793 * np.exp(-39.3631 * s) + 0.2482
            - 0.0909 * np.tanh(29.8538 * (s - 0.1234))
            - 0.04478 * np.tanh(14.9159 * (s - 0.2769))
            - 0.0205 * np.tanh(30.4444 * (s - 0.6103)))


def u_p_ref(s):
    return (-0.8090 * s + 4.4875
            - 0.0428 * np.tanh(18.5138 * (s - 0.5542))
            - 17.7326 * np.tanh(15.7890 * (s - 0.3117))
            + 17.5842 * np.tanh(15.9308 * (s - 0.3120)))


def _asym0(s):
    # softplus barrier: 1 mV at sto = 0.001, ~1 V at sto = 0
    a, b, c = 205.0568621937484, 6910.192179565431, -7.7e-4
    lim = c - np.log(2.0 / np.finfo(np.float64).eps) / b
    z = -b * (np.maximum(lim, s) - c)
    return a * (np.log1p(np.exp(z)) - b * np.minimum(0.0, s - lim))


def ocp(dom, s):
    sc = np.clip(s, 1e-10, 1 - 1e-10)
    u = u_n_ref(sc) if dom == "n" else u_p_ref(sc)
    if OCP_ASYMPTOTES:
        u = u + _asym0(s) - _asym0(1 - s)
    return u


def regpow(x, a, scale):
    """PyBaMM's RegPower: x*((x/s)^2+1e-6)^((a-1)/2)*s^... ; scale None = exact."""
    if scale is None or not REG_POWER:
        return np.abs(x) ** a * np.sign(x)
    xs = x / scale
    return xs * (xs * xs + 1e-6) ** ((a - 1) / 2) * scale ** a


# Regularisation scales PyBaMM ends up with for the three square roots of j0
# (c_e, c_s,surf, c_max - c_s,surf); None = plain power. They differ by model
# because the regulariser only recognises some sub-expressions (see the doc).
J0_SCALES = {
    "spm": (None, "cmax", "cmax"),   # c_e = 1000 is a constant: exact sqrt
    "spme": (C_E0, 1.0, 1.0),        # c_s factors regularised with scale 1
    "dfn": (C_E0, "cmax", "cmax"),
}


def j0(dom, ce, cs, model="dfn"):
    cm = CMAX[dom]
    sc = [cm if s == "cmax" else s for s in J0_SCALES[model]]
    return (M_REF[dom] * regpow(ce, 0.5, sc[0]) * regpow(cs, 0.5, sc[1])
            * regpow(cm - cs, 0.5, sc[2]))


def d_e(c):
    c = np.maximum(c, 10.0) / 1000
    return 8.794e-11 * c ** 2 - 3.972e-10 * c + 4.862e-10


def kappa_e(c):
    c = np.maximum(c, 10.0) / 1000
    return 0.1297 * c ** 3 - 2.51 * c ** 1.5 + 3.329 * c


class Mesh:
    """Uniform finite volumes per domain; nodes at cell centres."""

    def __init__(self, nx=20, nr=20):
        self.nx = nx
        self.edges = np.concatenate([
            np.linspace(0, L_N, nx + 1),
            np.linspace(L_N, L_N + L_S, nx + 1)[1:],
            np.linspace(L_N + L_S, L_X, nx + 1)[1:]])
        self.nodes = 0.5 * (self.edges[1:] + self.edges[:-1])
        self.dx = np.diff(self.edges)          # cell widths (60)
        self.dxn = np.diff(self.nodes)         # node spacings (59)
        self.eps = np.repeat([EPS["n"], EPS["s"], EPS["p"]], nx)
        self.nr = nr
        self.redges = {d: np.linspace(0, RAD[d], nr + 1) for d in "np"}

    def sl(self, dom):
        k = "nsp".index(dom)
        return slice(k * self.nx, (k + 1) * self.nx)


def harmonic_to_edges(m, v):
    beta = m.dx[:-1] / (m.dx[:-1] + m.dx[1:])
    return 1.0 / (beta / v[:-1] + (1 - beta) / v[1:])


def arithmetic_to_edges(m, v, dx=None):
    """Distance-weighted (linear) interpolation to interior edges."""
    dx = m.dx if dx is None else dx
    w = dx[:-1] / (dx[:-1] + dx[1:])
    return (1 - w) * v[:-1] + w * v[1:]


def extrap_edges(v, dx):
    """Linear extrapolation of node values to the two exterior edges."""
    lw = 0.5 * dx[0] / (0.5 * (dx[0] + dx[1]))
    rw = 0.5 * dx[-1] / (0.5 * (dx[-1] + dx[-2]))
    return (1 + lw) * v[0] - lw * v[1], (1 + rw) * v[-1] - rw * v[-2]


def surf(c):
    """c_s at r = R: linear extrapolation of the last two nodes (uniform r)."""
    return 1.5 * c[..., -1] - 0.5 * c[..., -2]


def particle_rhs(m, dom, c, j):
    """c: (n_x, n_r) concentrations; j: (n_x,) interfacial current density."""
    re = m.redges[dom]
    dr = re[1] - re[0]
    flux = np.zeros((c.shape[0], m.nr + 1))
    flux[:, 1:-1] = -DS[dom] * np.diff(c, axis=1) / dr
    flux[:, -1] = j / F                      # -D * (-j/(F D)) from the Neumann bc
    vol = (re[1:] ** 3 - re[:-1] ** 3) / 3
    return -np.diff(re ** 2 * flux, axis=1) / vol


def electrolyte_fluxes(m, ce, phie=None, i_e_nodes=None):
    """Return (N_e on 61 edges, i_e on 61 edges)."""
    tor = m.eps ** BRUG
    grad_c = np.zeros(61)
    grad_c[1:-1] = np.diff(ce) / m.dxn
    deff = tor * d_e(ce)
    d_edge = harmonic_to_edges(m, deff) if HARMONIC_DE else arithmetic_to_edges(m, deff)
    n_diff = np.zeros(61)
    n_diff[1:-1] = -d_edge * grad_c[1:-1]
    if phie is not None:                     # DFN: i_e lives on edges
        keff = kappa_e(ce) * tor
        k_edge = arithmetic_to_edges(m, keff) if ARITH_KAPPA else harmonic_to_edges(m, keff)
        chi = 2 * (1 - T_PLUS) * RTF / np.maximum(ce, 1e-2)
        chi_edge = harmonic_to_edges(m, chi) if HARMONIC_CHI else arithmetic_to_edges(m, chi)
        i_e = np.zeros(61)
        i_e[1:-1] = k_edge * (chi_edge * grad_c[1:-1] - np.diff(phie) / m.dxn)
    else:                                    # SPMe: nodal i_e moved to edges
        i_e = np.zeros(61)
        i_e[1:-1] = arithmetic_to_edges(m, i_e_nodes)
        i_e[0], i_e[-1] = extrap_edges(i_e_nodes, m.dx)
    return n_diff + T_PLUS * i_e / F, i_e


def xavg(v, dx):
    return np.sum(v * dx) / np.sum(dx)


def eta_from_j(j, j0v):
    return 2 * RTF * np.arcsinh(j / (2 * j0v))


# ---------------------------------------------------------------- models ----

def dfn_residuals(m, st, current):
    i_cc = current / A_CC
    nx = m.nx
    sn, sp = m.sl("n"), m.sl("p")
    ce = st["epsce"] / m.eps
    a = {d: 3 * EPS_S[d] / RAD[d] for d in "np"}
    j = {}
    for d, sli, phis in (("n", sn, st["phis_n"]), ("p", sp, st["phis_p"])):
        csurf = surf(st["cs_" + d])
        eta = phis - st["phie"][sli] - ocp(d, csurf / CMAX[d])
        j[d] = 2 * j0(d, ce[sli], csurf) * np.sinh(0.5 * eta / RTF)
    aj = np.zeros(3 * nx)
    aj[sn], aj[sp] = a["n"] * j["n"], a["p"] * j["p"]

    n_e, i_e = electrolyte_fluxes(m, ce, phie=st["phie"])
    res = {
        "cs_n": particle_rhs(m, "n", st["cs_n"], j["n"]),
        "cs_p": particle_rhs(m, "p", st["cs_p"], j["p"]),
        "epsce": -np.diff(n_e) / m.dx + aj / F,
        "phie": L_X ** 2 * (np.diff(i_e) / m.dx - aj),
    }
    # solid: negative has phi_s = 0 at x = 0 through a ghost node (-phi_1)
    for d, sli, phis in (("n", sn, st["phis_n"]), ("p", sp, st["phis_p"])):
        dx = m.dx[sli]
        grad = np.zeros(nx + 1)
        grad[1:-1] = np.diff(phis) / dx[0]
        if d == "n":
            grad[0] = 2 * phis[0] / dx[0]
        else:
            grad[-1] = -i_cc / SIGMA["p"]
        i_s = -SIGMA[d] * grad
        res["phis_" + d] = L_X ** 2 * (np.diff(i_s) / dx + aj[sli])
    php = st["phis_p"]
    volt = php[-1] + 0.5 * (php[-1] - php[-2])
    return res, volt


def spm_voltage(m, st, current, ce_nodes=None):
    """SPM (ce_nodes None) or the kinetic part of SPMe (local c_e in j0)."""
    i_cc = current / A_CC
    out = {}
    for d, sli, jav in (("n", m.sl("n"), i_cc / (3 * EPS_S["n"] / RAD["n"] * L_N)),
                        ("p", m.sl("p"), -i_cc / (3 * EPS_S["p"] / RAD["p"] * L_P))):
        csurf = surf(st["cs_" + d])
        u = ocp(d, csurf / CMAX[d])
        if ce_nodes is None:
            eta = eta_from_j(jav, j0(d, C_E0, csurf, "spm"))
        else:
            eta = xavg(eta_from_j(jav, j0(d, ce_nodes[sli], csurf, "spme")), m.dx[sli])
        out[d] = (u, eta, jav)
    return out


def spm_residuals(m, st, current):
    k = spm_voltage(m, st, current)
    res = {d: particle_rhs(m, d, st["cs_" + d][None, :], np.array([k[d][2]]))[0]
           for d in "np"}
    volt = k["p"][0] + k["p"][1] - k["n"][0] - k["n"][1]
    return res, volt


def spme_residuals(m, st, current):
    i_cc = current / A_CC
    sn, ss, sp = m.sl("n"), m.sl("s"), m.sl("p")
    ce = st["epsce"] / m.eps
    k = spm_voltage(m, st, current, ce_nodes=ce)
    res = {d: particle_rhs(m, d, st["cs_" + d][None, :], np.array([k[d][2]]))[0]
           for d in "np"}
    x = m.nodes
    i_e_nodes = np.concatenate([i_cc * x[sn] / L_N, np.full(m.nx, i_cc),
                                i_cc * (L_X - x[sp]) / L_P])
    n_e, _ = electrolyte_fluxes(m, ce, i_e_nodes=i_e_nodes)
    aj = np.zeros(3 * m.nx)
    aj[sn], aj[sp] = i_cc / L_N, -i_cc / L_P
    res["epsce"] = -np.diff(n_e) / m.dx + aj / F

    # voltage, built the way PyBaMM builds it (composite conductivity + ohm)
    # PyBaMM's "X-averaged electrolyte concentration": x_average(eps_c_e / eps)
    # is rewritten as x_average(eps_c_e) * x_average(1 / eps) because 1/eps has
    # no x-dependent leaf (it is piecewise constant). Not the length average.
    ce_av = xavg(st["epsce"], m.dx) * xavg(1 / m.eps, m.dx)
    tor = {d: EPS[d] ** BRUG for d in "nsp"}
    kap = {d: kappa_e(ce_av) * tor[d] for d in "nsp"}
    chi_rtf = 2 * (1 - T_PLUS) * RTF
    mac_n = xavg(np.log(ce[sn] / ce_av), m.dx[sn])
    phis_n = (i_cc / SIGMA["n"]) * x[sn] * (x[sn] - 2 * L_N) / (2 * L_N)
    dphi_n_av = k["n"][1] + xavg(k["n"][0], m.dx[sn])   # eta_n + U_n, x-averaged
    phie_const = (-dphi_n_av + xavg(phis_n, m.dx[sn]) - chi_rtf * mac_n
                  - i_cc * L_N * (1 / (3 * kap["n"]) - 1 / kap["s"]))
    xp = x[sp]
    phie_p = (phie_const + chi_rtf * np.log(ce[sp] / ce_av)
              - (i_cc / kap["p"]) * (xp * (2 * L_X - xp) + L_P ** 2 - L_X ** 2) / (2 * L_P)
              - i_cc * (L_X - L_P) / kap["s"])
    dphi_p_av = k["p"][1] + xavg(k["p"][0], m.dx[sp])
    const = dphi_p_av + xavg(phie_p, m.dx[sp]) + (i_cc / SIGMA["p"]) * (L_X - L_P / 3)
    phis_p = const - (i_cc / SIGMA["p"]) * (xp + (xp - L_X) ** 2 / (2 * L_P))
    volt = phis_p[-1] + 0.5 * (phis_p[-1] - phis_p[-2])
    return res, volt


# ------------------------------------------------------------ comparison ----

def _num(v):
    """A variable's scale/reference as a float (PyBaMM may hold a Symbol)."""
    if isinstance(v, pybamm.Symbol):
        return float(np.ravel(v.evaluate())[0])
    return float(v)


def pybamm_case(model_cls, current, t_state=None, seed=1):
    if t_state is None:
        t_state = 1800.0 * 5.0 / current     # mid-discharge at any rate
    params = pybamm.ParameterValues("Chen2020")
    params["Current function [A]"] = current
    sim = pybamm.Simulation(model_cls(), parameter_values=params,
                            solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-8))
    sol = sim.solve([0, t_state])
    bm = sim.built_model
    y = sol.y[:, -1].copy()
    rng = np.random.default_rng(seed)
    slices = {k.name: (v[0], _num(k.scale), _num(k.reference))
              for k, v in sim._disc.y_slices.items()}
    # node-to-node noise: 0.5 % on concentrations, 2 mV on potentials
    for name, (s, scale, ref) in slices.items():
        # per-layer slices only: the whole-cell ones alias the same entries
        if "concentration" in name and not name.startswith("Porosity times"):
            y[s] *= 1 + 5e-3 * rng.standard_normal(s.stop - s.start)
        elif "potential" in name and name.split()[0] in ("Negative", "Positive", "Separator"):
            y[s] += 2e-3 * rng.standard_normal(s.stop - s.start)
    return sim, bm, y, slices


def pybamm_voltage(sim):
    """PyBaMM's discretised "Voltage [V]" expression."""
    sym = sim.model.variables["Voltage [V]"]
    sym = sim.parameter_values.process_symbol(sym)
    return sim._disc.process_symbol(sym)


def state_from_y(y, slices, m, model):
    def get(name):
        s, scale, ref = slices[name]
        return ref + scale * y[s]
    st = {}
    if model == "dfn":
        st["cs_n"] = get("Negative particle concentration [mol.m-3]").reshape(m.nx, m.nr)
        st["cs_p"] = get("Positive particle concentration [mol.m-3]").reshape(m.nx, m.nr)
        st["phis_n"] = get("Negative electrode potential [V]")
        st["phis_p"] = get("Positive electrode potential [V]")
        st["phie"] = get("Electrolyte potential [V]")
    else:
        st["cs_n"] = get("X-averaged negative particle concentration [mol.m-3]")
        st["cs_p"] = get("X-averaged positive particle concentration [mol.m-3]")
    if model != "spm":
        st["epsce"] = get("Porosity times concentration [mol.m-3]")
    return st


def rel(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def check(model, model_cls, current):
    m = Mesh()
    sim, bm, y, slices = pybamm_case(model_cls, current)
    st = state_from_y(y, slices, m, model)
    t = 0.0   # only the current enters explicitly, and it is constant
    rhs = bm.concatenated_rhs.evaluate(t, y).ravel()
    alg = bm.concatenated_algebraic.evaluate(t, y).ravel() if bm.len_alg else None
    v_pb = float(np.ravel(pybamm_voltage(sim).evaluate(t, y))[0])
    fn = {"dfn": dfn_residuals, "spme": spme_residuals, "spm": spm_residuals}[model]
    res, v_np = fn(m, st, current)

    rows = []

    def cmp(label, name, mine, scale_div, vec):
        s = slices[name][0]
        rows.append((label, rel(mine / scale_div, vec[s])))

    if model == "dfn":
        cmp("particle rhs (neg)", "Negative particle concentration [mol.m-3]",
            res["cs_n"].ravel(), CMAX["n"], rhs)
        cmp("particle rhs (pos)", "Positive particle concentration [mol.m-3]",
            res["cs_p"].ravel(), CMAX["p"], rhs)
        cmp("eps*c_e rhs", "Porosity times concentration [mol.m-3]", res["epsce"], C_E0, rhs)
        off = bm.len_rhs
        alg_full = np.concatenate([np.zeros(off), alg])
        cmp("phi_s,n residual", "Negative electrode potential [V]", res["phis_n"], 1, alg_full)
        cmp("phi_s,p residual", "Positive electrode potential [V]", res["phis_p"], 1, alg_full)
        cmp("phi_e residual", "Electrolyte potential [V]", res["phie"], 1, alg_full)
    else:
        cmp("particle rhs (neg)", "X-averaged negative particle concentration [mol.m-3]",
            res["n"], CMAX["n"], rhs)
        cmp("particle rhs (pos)", "X-averaged positive particle concentration [mol.m-3]",
            res["p"], CMAX["p"], rhs)
        if model == "spme":
            cmp("eps*c_e rhs", "Porosity times concentration [mol.m-3]",
                res["epsce"], C_E0, rhs)
    rows.append(("voltage [V] abs diff", abs(v_np - v_pb)))
    return rows, v_pb


def check_functions():
    """OCPs (with PyBaMM's barrier terms) and electrolyte properties on grids."""
    params = pybamm.ParameterValues("Chen2020")
    p = pybamm.LithiumIonParameters(pybamm.BatteryModelOptions({}))
    tk = pybamm.Scalar(T)
    sto = np.concatenate([np.linspace(1e-5, 1e-2, 50), np.linspace(0.01, 0.99, 99),
                          np.linspace(0.99, 1 - 1e-5, 50)])
    c = np.linspace(20.0, 4000.0, 200)
    rows = []
    for d, dp in (("n", p.n.prim), ("p", p.p.prim)):
        sym = params.process_symbol(dp.U(pybamm.Vector(sto), tk))
        rows.append((f"OCP {d} (abs, V)", float(np.max(np.abs(
            np.ravel(sym.evaluate()) - ocp(d, sto))))))
    for label, fn, mine in (("D_e", p.D_e, d_e), ("kappa_e", p.kappa_e, kappa_e)):
        sym = params.process_symbol(fn(pybamm.Vector(c), tk))
        rows.append((f"{label} (rel)", rel(mine(c), np.ravel(sym.evaluate()))))
    return rows


def main():
    worst = 0.0
    print(f"PyBaMM {pybamm.__version__}")
    print("functions on grids")
    for label, val in check_functions():
        print(f"    {label:24s} {val:.3e}")
        worst = max(worst, val)
    print("residuals at a mid-discharge solution state plus node noise")
    for model, cls in (("spm", pybamm.lithium_ion.SPM),
                       ("spme", pybamm.lithium_ion.SPMe),
                       ("dfn", pybamm.lithium_ion.DFN)):
        for current in (5.0, 10.0):
            rows, v = check(model, cls, current)
            print(f"{model:4s} I={current:4.1f} A  V_pybamm={v:.9f}")
            for label, val in rows:
                print(f"    {label:24s} {val:.3e}")
                worst = max(worst, val)
    ok = worst < 1e-9
    print("ALL AGREE" if ok else f"MISMATCH (worst {worst:.3e})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
