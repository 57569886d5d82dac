"""Characterisation of hard carbon from instrument files, as ``cellforge xrd``,
``psd``, ``bet``, ``dta``, ``chn`` and ``shape`` compute it (the same C
readers and analyses; formulas in docs/characterisation.md).

Each function returns a result object whose attributes carry the names of
the command's ``--json`` keys: a value (``d002_nm``) and its one-standard-
deviation uncertainty (``d002_nm_u``, None when there is none), in the
instruments' units (degrees 2θ, nm, µm, m2/g, cm3/g STP, °C, mass %).
``to_dict()`` gives exactly those keys; the data as read (pattern, classes,
isotherm, curve, per-particle values) come as tables — pandas DataFrames
when pandas is installed, else dicts of numpy arrays.

Options are the command's options as keyword arguments with the same
ranges (``window=(10, 35)`` for ``--window 10:35``); ``into=(recipe,
component)`` writes the results into a recipe's hard-carbon component as
``--into`` does.  Bad input raises the library's error (InvalidInputError
with file:line:column, FileError) — never a crash; calls release the GIL,
so threads may analyse files side by side.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core

PathLike = Union[str, "os.PathLike[str]"]
Table = Any  # a pandas DataFrame, or a dict of numpy arrays without pandas


def _table(columns: Mapping[str, Sequence[float]]) -> Table:
    cols = {k: np.asarray(v) if v and isinstance(v[0], bool) else np.asarray(v, dtype=float)
            for k, v in columns.items()}
    try:
        import pandas as pd
    except ImportError:
        return cols
    return pd.DataFrame(cols)


@dataclasses.dataclass(frozen=True)
class _Result:
    """Common behaviour: ``to_dict()`` is the command's ``--json`` object."""

    _EXTRA = ("into",)  # fields that are not in --json when None

    def to_dict(self) -> Dict[str, Any]:
        """The result as ``cellforge <command> --json`` prints it (same keys, same values)."""
        out: Dict[str, Any] = {"command": self.command}  # type: ignore[attr-defined]
        for f in dataclasses.fields(self):
            if not f.metadata.get("json", True):
                continue
            v = getattr(self, f.name)
            if f.name == "into" and v is None:
                continue
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def _json(**kw: Any) -> Any:
    return dataclasses.field(**kw)


def _data(**kw: Any) -> Any:
    """A field that is data as read, not part of the command's JSON."""
    return dataclasses.field(metadata={"json": False}, repr=False, **kw)


def _build(cls: type, raw: Dict[str, Any], **data: Any) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    kw = {k: v for k, v in raw.items() if k in names}
    kw.update(data)
    return cls(**kw)


# ------------------------------------------------------------------- XRD


@dataclasses.dataclass(frozen=True)
class XrdResult(_Result):
    """The (002) band of a powder pattern: d002 by Bragg, Lc by Scherrer.

    Angles in degrees 2θ, lengths in nm; ``*_u`` are 1σ fit uncertainties."""

    command = "xrd"
    file: str
    d002_nm: float
    d002_nm_u: Optional[float]
    lc_nm: float
    lc_nm_u: Optional[float]
    two_theta_deg: float
    two_theta_deg_u: Optional[float]
    fwhm_deg: float
    fwhm_deg_u: Optional[float]
    beta_deg: float
    beta_deg_u: Optional[float]
    instrument_fwhm_deg: float
    instrument_fwhm_deg_u: Optional[float]
    instrument_source: str
    standard_eta: Optional[float]
    broadening_correction: str
    eta: float
    eta_u: Optional[float]
    height: float
    height_u: Optional[float]
    lambda_nm: float
    scherrer_k: float
    ka2_stripped: bool
    window_deg: Tuple[float, float]
    background_order: int
    n_points: int
    r2: float
    residual_sd: float
    iterations: int
    into: Optional[Dict[str, Any]] = None
    background: Tuple[float, ...] = _data(default=())
    """background polynomial coefficients in t = (2θ − mid)/half-width of the window"""
    pattern: Table = _data(default=None)
    """the pattern as read: columns ``two_theta_deg``, ``intensity``"""


def xrd(file: PathLike, *, window: Optional[Tuple[float, float]] = None, bg_order: Optional[int] = None,
        strip_ka2: bool = False, ka2_ratio: Optional[float] = None, lambda_nm: Optional[float] = None,
        K: Optional[float] = None, instr_fwhm: Optional[float] = None, instr_fwhm_u: Optional[float] = None,
        standard: Optional[PathLike] = None, standard_range: Optional[Tuple[float, float]] = None,
        broadening: str = "gaussian", zero_shift: Optional[float] = None,
        into: Optional[Tuple[PathLike, str]] = None) -> XrdResult:
    """d002 and Lc from a hard-carbon powder pattern (``cellforge xrd FILE``).

    Parameters
    ----------
    file
        two columns, 2θ in degrees and intensity (.xy/.csv/.txt; header and ``#`` lines allowed).
    window
        the (002) fit window in degrees 2θ, within [0.01, 179.99] (default (10, 35)).
    bg_order
        background polynomial order, 0..3 (default 1).
    strip_ka2
        remove Cu Kα2 (Rachinger); the wavelength becomes Cu Kα1 0.1540562 nm.
    ka2_ratio
        I(Kα2)/I(Kα1) for stripping, [0, 1] (default 0.5).
    lambda_nm
        wavelength, [0.001, 0.999] nm (default Cu Kα mean 0.15418 nm).
    K
        Scherrer constant, [0.5, 2] (default 0.9).
    instr_fwhm
        instrumental FWHM b to remove, [0, 10] degrees; ``instr_fwhm_u`` its uncertainty.
    standard
        take b from the strongest line of a standard's pattern (Si, LaB6) instead.
    standard_range
        where to look for that line, (low, high) degrees 2θ (default: whole pattern).
    broadening
        ``"gaussian"`` (β = sqrt(B² − b²), default) or ``"lorentzian"`` (β = B − b).
    zero_shift
        a 2θ zero offset subtracted from every angle, [-5, 5] degrees.
    into
        (recipe file, component) to write ``d002_nm`` and ``lc_nm`` into, e.g. ``("r.json", "negative")``.

    Raises
    ------
    InvalidInputError
        a malformed file (file:line:column), no peak in the window, an option out of range.
    FileError
        the file cannot be read.
    """
    raw = _core.xrd(file, window=window, bg_order=bg_order, strip_ka2=strip_ka2, ka2_ratio=ka2_ratio,
                    lambda_nm=lambda_nm, K=K, instr_fwhm=instr_fwhm, instr_fwhm_u=instr_fwhm_u, standard=standard,
                    standard_range=standard_range, broadening=broadening, zero_shift=zero_shift, into=into)
    return _build(XrdResult, raw, background=tuple(raw["background"]),
                  pattern=_table({"two_theta_deg": raw["pattern_two_theta_deg"],
                                  "intensity": raw["pattern_intensity"]}))


# ------------------------------------------------------------------- PSD


@dataclasses.dataclass(frozen=True)
class PsdResult(_Result):
    """Particle-size statistics (ISO 9276-2), sizes in µm.

    Percentiles Dv10/50/90 (volume) and Dn10/50/90 (number); moment means
    D[1,0], D[3,2], D[4,3]; ``d4_d1`` = D[4,3]/D[1,0]; ``s_dv50`` = S·Dv50 in
    m2/g·µm when a BET area was given."""

    command = "psd"
    file: str
    kind: str
    basis: str
    n: int
    dv10_um: float
    dv10_um_u: Optional[float]
    dv50_um: float
    dv50_um_u: Optional[float]
    dv90_um: float
    dv90_um_u: Optional[float]
    dn10_um: float
    dn50_um: float
    dn90_um: float
    d10_um: float
    d10_um_u: Optional[float]
    d32_um: float
    d32_um_u: Optional[float]
    d43_um: float
    d43_um_u: Optional[float]
    d4_d1: float
    d4_d1_u: Optional[float]
    span: float
    uncertainty: str
    s_dv50: Optional[float] = _json(default=None)
    s_dv50_u: Optional[float] = _json(default=None)
    amount_sum: Optional[float] = _json(default=None)
    into: Optional[Dict[str, Any]] = None
    table: Table = _data(default=None)
    """the classes (``--table``): ``lower_um``, ``upper_um``, ``size_um``, ``number_pct``, ``volume_pct``;
    for a particle list, one column ``diameter_um``"""

    def to_dict(self) -> Dict[str, Any]:
        out = super().to_dict()
        if self.s_dv50 is None:  # the CLI writes S·Dv50 only with --bet
            out.pop("s_dv50"), out.pop("s_dv50_u")
        if self.kind == "particle_list":
            out.pop("amount_sum")
        return out


def psd(file: PathLike, *, basis: Optional[str] = None, sizes: str = "center", bet: Optional[float] = None,
        bet_u: Optional[float] = None, bootstrap: Optional[int] = None, seed: Optional[int] = None,
        into: Optional[Tuple[PathLike, str]] = None) -> PsdResult:
    """Particle-size statistics from a laser-diffraction or image-analysis table (``cellforge psd FILE``).

    The file has 1 column (one particle diameter in µm per line, number basis), 2 columns (size µm,
    amount % or fraction per class) or 3 (lower size, upper size µm, amount).

    Parameters
    ----------
    basis
        what the amounts are, ``"volume"`` (default) or ``"number"``.
    sizes
        meaning of a 2-column size: ``"center"`` (default), ``"upper"`` or ``"lower"`` class limit.
    bet
        specific surface area, [1e-6, 1e5] m2/g: adds S·Dv50; ``bet_u`` its uncertainty, [0, 1e5].
    bootstrap
        resamples for a particle list's uncertainties, 0..100000 (default 200).
    seed
        bootstrap seed, 0..2147483647 (default fixed: results repeat).
    into
        (recipe file, component) to write ``dv50_um`` and ``d4_d1`` (and ``bet_m2_g``) into.
    """
    raw = _core.psd(file, basis=basis, sizes=sizes, bet=bet, bet_u=bet_u, bootstrap=bootstrap, seed=seed, into=into)
    table = _table(raw["table"]) if "table" in raw else _table({"diameter_um": raw["diameters_um"]})
    return _build(PsdResult, raw, table=table)


# ------------------------------------------------------------------- BET


@dataclasses.dataclass(frozen=True)
class BetResult(_Result):
    """BET surface area of an N2 isotherm over a Rouquerol-consistent (or given) p/p0 range.

    ``bet_m2_g`` in m2/g, monolayer capacity ``vm_cm3_g`` in cm3/g STP, ``c`` the BET constant."""

    command = "bet"
    file: str
    bet_m2_g: float
    bet_m2_g_u: Optional[float]
    vm_cm3_g: float
    vm_cm3_g_u: Optional[float]
    c: float
    c_u: Optional[float]
    r2: float
    range_p_rel: Tuple[float, float]
    n_points: int
    range_choice: str
    n_candidate_ranges: int
    p_rel_monolayer: float
    p_rel_at_vm: float
    cross_section_nm2: float
    n_adsorption_points: int
    n_desorption_ignored: int
    into: Optional[Dict[str, Any]] = None
    first: int = _data(default=0)
    """index of the first isotherm point of the range used"""
    isotherm: Table = _data(default=None)
    """the adsorption branch as read: ``p_rel``, ``v_cm3_g``"""


def bet(file: PathLike, *, range: Optional[Tuple[float, float]] = None, min_points: Optional[int] = None,
        min_r2: Optional[float] = None, cross_section: Optional[float] = None,
        into: Optional[Tuple[PathLike, str]] = None) -> BetResult:
    """BET area from a nitrogen isotherm (``cellforge bet FILE``): p/p0 and adsorbed volume (cm3/g STP).

    Parameters
    ----------
    range
        a fixed p/p0 range (low, high) within [1e-9, 0.999999] instead of the Rouquerol criteria
        (classical (0.05, 0.30)).
    min_points
        smallest range considered, 3..1000 (default 3).
    min_r2
        smallest acceptable R² of the BET plot, [0, 1] (default 0.995).
    cross_section
        adsorbate cross-section, [0.01, 0.99] nm2 (default N2 0.162).
    into
        (recipe file, component) to write ``bet_m2_g`` into.
    """
    raw = _core.bet(file, range=range, min_points=min_points, min_r2=min_r2, cross_section=cross_section, into=into)
    return _build(BetResult, raw, isotherm=_table({"p_rel": raw["p_rel"], "v_cm3_g": raw["v_cm3_g"]}))


# ------------------------------------------------------------------- DTA


@dataclasses.dataclass(frozen=True)
class DtaResult(_Result):
    """Exothermic peaks of a DTA/DSC heating curve, temperatures in °C.

    ``peaks`` is a list of dicts as in the CLI's JSON; ``peak_table`` the same
    as a table (``peak_C``, ``peak_C_u``, ``onset_C``, ``height``, ``area``,
    ``main``)."""

    command = "dta"
    file: str
    exotherm_peak_C: float
    exotherm_peak_C_u: Optional[float]
    peaks: List[Dict[str, Any]]
    exo_down: bool
    noise: float
    smooth_C: float
    n_points: int
    into: Optional[Dict[str, Any]] = None
    baseline: Tuple[float, float] = _data(default=(0.0, 0.0))
    """the straight baseline removed: signal = b0 + b1·T (exothermic up)"""
    curve: Table = _data(default=None)
    """the curve as read: ``t_C``, ``signal``"""

    @property
    def peak_table(self) -> Table:
        """The peaks as a table, one row per peak, sorted by temperature."""
        cols = {k: [np.nan if p[k] is None else p[k] for p in self.peaks]
                for k in ("peak_C", "peak_C_u", "onset_C", "height", "area", "main")}
        return _table(cols)


def dta(file: PathLike, *, exo_down: bool = False, range: Optional[Tuple[float, float]] = None,
        cols: Optional[Tuple[int, int]] = None, smooth: Optional[float] = None, min_fraction: Optional[float] = None,
        into: Optional[Tuple[PathLike, str]] = None) -> DtaResult:
    """Exothermic peaks of a DTA or DSC heating curve (``cellforge dta FILE``).

    Parameters
    ----------
    exo_down
        the exothermic signal is negative (a common DSC convention).
    range
        analyse only this temperature range (low, high) within [-273.15, 3000] °C.
    cols
        1-based (temperature, signal) columns of a wider table, each 1..16.
    smooth
        Gaussian smoothing σ for peak finding, [0, 100] °C (default automatic).
    min_fraction
        ignore peaks smaller than this × the largest, [0, 0.99] (default 0.05).
    into
        (recipe file, component) to write ``exotherm_peak_C`` (the largest peak) into.
    """
    raw = _core.dta(file, exo_down=exo_down, range=range, cols=cols, smooth=smooth, min_fraction=min_fraction,
                    into=into)
    return _build(DtaResult, raw, baseline=tuple(raw["baseline"]),
                  curve=_table({"t_C": raw["t_C"], "signal": raw["signal"]}))


# ------------------------------------------------------------------- CHN

Percent = Union[float, Sequence[float]]


@dataclasses.dataclass(frozen=True)
class ChnResult(_Result):
    """H/C atomic ratio = (H/1.008)/(C/12.011) and N content from CHN analysis (mass %)."""

    command = "chn"
    c_wt_pct: float
    c_wt_pct_u: Optional[float]
    h_wt_pct: float
    h_wt_pct_u: Optional[float]
    h_c_atomic: float
    h_c_atomic_u: Optional[float]
    n_wt_pct: Optional[float]
    rest_wt_pct: float
    replicates: Dict[str, int]
    n_wt_pct_u: Optional[float] = _json(default=None)
    n_c_atomic: Optional[float] = _json(default=None)
    n_c_atomic_u: Optional[float] = _json(default=None)
    into: Optional[Dict[str, Any]] = None

    def to_dict(self) -> Dict[str, Any]:
        out = super().to_dict()
        if self.n_wt_pct is None:  # no N measured: the CLI writes n_wt_pct null only
            for k in ("n_wt_pct_u", "n_c_atomic", "n_c_atomic_u"):
                out.pop(k)
        return out


def chn(C: Percent, H: Percent, N: Optional[Percent] = None, *, uC: Optional[float] = None,
        uH: Optional[float] = None, uN: Optional[float] = None,
        into: Optional[Tuple[PathLike, str]] = None) -> ChnResult:
    """H/C and N from CHN elemental analysis (``cellforge chn --C .. --H .. [--N ..]``).

    Parameters
    ----------
    C, H, N
        mass % in [0, 100]: one value or a sequence of replicates, whose mean is used with the
        standard error of the mean as uncertainty.
    uC, uH, uN
        an element's uncertainty, [0, 100] wt%, overriding the replicates'.
    into
        (recipe file, component) to write ``h_c_atomic`` (and ``n_wt_pct`` with N) into.
    """
    raw = _core.chn(C, H, N=N, uC=uC, uH=uH, uN=uN, into=into)
    return _build(ChnResult, raw)


# ----------------------------------------------------------------- shape


@dataclasses.dataclass(frozen=True)
class ShapeResult(_Result):
    """Particle sphericity from image analysis: the number mean (± its standard error) and distribution.

    ``definition`` is ``circularity`` (4πA/P²), ``wadell`` (sqrt(4πA/P²)) or ``aspect`` (minor/major)."""

    command = "shape"
    file: str
    definition: str
    sphericity: float
    sphericity_u: Optional[float]
    sd: float
    median: float
    min: float
    max: float
    threshold: float
    fraction_at_least_threshold: float
    histogram_0_to_1: List[int]
    n: int
    n_above_1: int
    into: Optional[Dict[str, Any]] = None
    values: np.ndarray = _data(default=None)
    """each particle's value under ``definition``"""


def shape(file: PathLike, *, axes: bool = False, definition: Optional[str] = None, threshold: Optional[float] = None,
          into: Optional[Tuple[PathLike, str]] = None) -> ShapeResult:
    """Sphericity of particles from image analysis (``cellforge shape FILE``).

    Parameters
    ----------
    file
        two columns per particle: projected area and perimeter (one length unit), or with
        ``axes=True`` the major and minor axis lengths.
    definition
        ``"circularity"`` (default for area/perimeter), ``"wadell"`` or ``"aspect"``
        (default for axes; needs ``axes=True``).
    threshold
        report the fraction of particles at or above it, [0, 1] (default 0.8).
    into
        (recipe file, component) to write ``sphericity`` (the number mean) into.
    """
    raw = _core.shape(file, axes=axes, definition=definition, threshold=threshold, into=into)
    return _build(ShapeResult, raw, values=np.asarray(raw["values"], dtype=float))


__all__ = ["xrd", "psd", "bet", "dta", "chn", "shape", "XrdResult", "PsdResult", "BetResult", "DtaResult",
           "ChnResult", "ShapeResult"]
