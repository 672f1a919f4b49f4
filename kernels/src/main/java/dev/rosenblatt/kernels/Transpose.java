package dev.rosenblatt.kernels;

/** op(X) for GEMM: the matrix as stored, or its transpose. */
public enum Transpose {
    /** op(X) = X. */
    N,
    /** op(X) = X^T. */
    T;

    /** "NN", "NT", "TN" or "TT" parsed into the pair (op(A), op(B)). */
    public static Transpose[] pair(String code) {
        if (code == null || code.length() != 2) {
            throw new IllegalArgumentException("transpose code '" + code + "': expected NN, NT, TN or TT");
        }
        return new Transpose[] {of(code.charAt(0), code), of(code.charAt(1), code)};
    }

    private static Transpose of(char c, String code) {
        return switch (Character.toUpperCase(c)) {
            case 'N' -> N;
            case 'T' -> T;
            default -> throw new IllegalArgumentException("transpose code '" + code + "': expected NN, NT, TN or TT");
        };
    }
}
