#!/usr/bin/env python3
"""Fits the polynomial coefficients of the float32 elementary functions in ScalarMath / SimdMath.

Least squares on Chebyshev nodes with relative weights (close to minimax at these degrees), against mpmath at
50 digits; coefficients are rounded to float32 and the fit is then re-checked with those rounded coefficients,
so the printed maximum relative error is what the float kernels can reach before their own rounding.
Run: python3 tools/fit_coefficients.py
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 50


def lsq(name, target, lo, hi, terms, nodes=6000):
    """target(v) -> mp value; terms: list of functions of numpy x giving the basis columns. Relative weights."""
    k = np.arange(nodes)
    x = (lo + hi) / 2 + (hi - lo) / 2 * np.cos((2 * k + 1) * np.pi / (2 * nodes))
    y = np.array([float(target(mp.mpf(float(v)))) for v in x])
    a = np.stack([t(x) for t in terms], axis=1)
    w = 1 / np.abs(y)
    # Round one coefficient at a time, lowest order first, refitting the others around the rounded ones: the
    # low-order coefficients dominate, and rounding them all at once costs up to half a float ulp of the result.
    c = np.zeros(len(terms))
    for i in range(len(terms)):
        rest = y - a[:, :i] @ c[:i]
        sol, *_ = np.linalg.lstsq(a[:, i:] * w[:, None], rest * w, rcond=None)
        c[i] = float(np.float32(sol[0]))
    err = np.max(np.abs(a @ c - y) / np.abs(y))
    print(f"{name}: max relative error with float32 coefficients {err:.3e}")
    for i, v in enumerate(c.astype(np.float32)):
        print(f"    c{i} = {float(v).hex()}f  // {float(v)!r}")
    return c


LN2 = float(mp.log(2))

# exp: e^r - 1 = r + r^2 Q(r) on |r| <= ln2/2 (a little wider, for the rounding of n);
# fitted as (e^r - 1 - r) / r^2 = Q(r), Q of degree 5.
half = LN2 / 2 * 1.001
lsq("expm1 Q(r)", lambda r: (mp.expm1(r) - r) / r ** 2 if r != 0 else mp.mpf(0.5), -half, half,
    [lambda x, j=j: x ** j for j in range(6)])

# The sigmoid / SiLU / tanh core (ScalarMath.R0..R4): the same Q at degree 4.
lsq("expm1 R(r) degree 4", lambda r: (mp.expm1(r) - r) / r ** 2 if r != 0 else mp.mpf(0.5), -half, half,
    [lambda x, j=j: x ** j for j in range(5)])

# tanh on |x| <= 0.55: tanh(x) = x + x^3 P(x^2), P of degree 6 in x^2.
lsq("tanh P(x^2)", lambda v: (mp.tanh(v) - v) / v ** 3 if v != 0 else mp.mpf(-1) / 3, 1e-6, 0.5501,
    [lambda x, j=j: x ** (2 * j) for j in range(7)])

# Phi(-a) = exp(-a^2/2) G(a) for a >= 0, G(a) = erfcx(a / sqrt 2) / 2. With t = 2 / (2 + a), G = t H(t):
# H is smooth on t in (0, 1]; fitted in s = t - 0.5 (centred, for a well-conditioned Horner in float).
def big_h(t):
    a = 2 / t - 2
    return mp.erfc(a / mp.sqrt(2)) * mp.exp(a * a / 2) / 2 / t

for deg in ():
    lsq(f"gelu H(t) degree {deg}", lambda s: big_h(s + mp.mpf(0.5)), 2 / 17.5 - 0.5, 0.5,
        [lambda x, j=j: x ** j for j in range(deg + 1)])


def lsq64(name, target, lo, hi, degree, nodes=3000):
    """Float64 coefficients, monomials in the (centred) variable, relative weights."""
    k = np.arange(nodes)
    x = (lo + hi) / 2 + (hi - lo) / 2 * np.cos((2 * k + 1) * np.pi / (2 * nodes))
    y = np.array([float(target(mp.mpf(float(v)))) for v in x])
    a = np.stack([x ** j for j in range(degree + 1)], axis=1)
    w = 1 / np.abs(y)
    c, *_ = np.linalg.lstsq(a * w[:, None], y * w, rcond=None)
    # Check with Horner in float64, as the kernels evaluate it, on a finer grid than the fit's.
    xs = np.linspace(lo, hi, 20001)
    ys = np.array([float(target(mp.mpf(float(v)))) for v in xs])
    h = np.zeros_like(xs)
    for cj in c[::-1]:
        h = h * xs + cj
    print(f"{name}: max relative error (float64 Horner) {np.max(np.abs(h - ys) / np.abs(ys)):.3e}")
    print("    " + ", ".join(float(v).hex() for v in c))


# The float64 path of GELU (erf form): H(t) as above, in float64, degree 18 (ScalarMath.PHI_H, the float64 kernels).
lsq64("gelu H(t) float64", lambda s: big_h(s + mp.mpf(0.5)), 2 / 17.5 - 0.5, 0.5, 18)

# The same H for the float32 GELU kernel (ScalarMath.PHI_HF): degree 12 is within 1.1e-9 (0.02 float ulp), six
# fewer float64 fmas per element than degree 18.
lsq64("gelu H(t) for float32", lambda s: big_h(s + mp.mpf(0.5)), 2 / 17.5 - 0.5, 0.5, 12)

# The float64 exp of the float32 GELU kernels (ScalarMath.EXPD): e^r on |r| <= ln2/2, degree 6.
lsq64("exp float64 degree 6", lambda r: mp.exp(r), -half, half, 6)
