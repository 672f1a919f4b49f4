package dev.rosenblatt.kernels;

/**
 * The elementwise activations, each with its forward function f and the derivative its backward kernel uses.
 * {@code param} is the slope for {@link #LEAKY_RELU} and alpha for {@link #ELU}; the others ignore it.
 */
public enum Activation {
    /** f(x) = x; f' = 1. */
    IDENTITY,
    /**
     * Heaviside: f(x) = 1 for x &gt; 0, else 0 (NaN stays NaN). Its true derivative is 0 almost everywhere, which
     * would stop all learning, so backward is the straight-through estimator: f' is taken as 1. With this, gradient
     * descent on a one-layer step network is the classic perceptron rule w += eta (y - f(w.x)) x.
     */
    STEP,
    /** 1 / (1 + e^-x), computed split by sign; f' = f(x) f(-x). */
    SIGMOID,
    /** tanh x; f' = 1 - tanh^2 x, computed as 4 e / (1 + e)^2 with e = exp(-2|x|). */
    TANH,
    /** max(x, 0); f' = 1 for x &gt; 0, else 0. */
    RELU,
    /** x for x &gt; 0, else slope * x; f' = 1 or slope. */
    LEAKY_RELU,
    /** x for x &gt; 0, else alpha (e^x - 1); f' = 1 or alpha e^x. */
    ELU,
    /** The exact GELU, x Phi(x) with Phi the standard normal CDF (the erf form). */
    GELU_ERF,
    /** The tanh approximation of GELU, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    GELU_TANH,
    /** SiLU (swish): x sigma(x). */
    SILU,
    /** log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|); f' = sigma(x). */
    SOFTPLUS;

    /** "sigmoid", "gelu_erf": the name used by the bench command and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
