package nnlab.linalg;

import static nnlab.linalg.Exp.LN2_HI;
import static nnlab.linalg.Exp.LN2_LO;
import static nnlab.linalg.Exp.LOG2E;
import static nnlab.linalg.Exp.MIN_X;
import static nnlab.linalg.Exp.ROUND;
import static nnlab.linalg.Exp.ROUND_BITS;
import static nnlab.linalg.Exp.TAYLOR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exp#sigmoid(double[], double[], int)} a vector at a time: the steps of {@link Exp#exp} and
 * {@link Exp#sigmoid(double)} lane by lane, in the same order, so every lane gets the scalar's bits.
 * Loaded by reflection from {@link Exp}, only where jdk.incubator.vector is loaded.
 */
final class VectorExp implements Exp.Bulk {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double T0 = TAYLOR[0], T1 = TAYLOR[1], T2 = TAYLOR[2], T3 = TAYLOR[3], T4 = TAYLOR[4];
    private static final double T5 = TAYLOR[5], T6 = TAYLOR[6], T7 = TAYLOR[7], T8 = TAYLOR[8], T9 = TAYLOR[9];
    private static final double T10 = TAYLOR[10], T11 = TAYLOR[11], T12 = TAYLOR[12], T13 = TAYLOR[13];

    VectorExp() {
        if (S.length() < 2) {
            throw new UnsupportedOperationException("no double-precision SIMD vectors on this CPU");
        }
    }

    /**
     * One method with no calls on purpose: a vector passed to or returned from a call that the JIT
     * does not inline is boxed, allocating on every step (measured: even a one-line helper was not
     * inlined here, and the loop allocated 64 bytes per number and ran 4× slower). For the same
     * reason the body is kept short: the JIT stops inlining once a method has grown to a limit
     * (NodeCountInliningCutoff), and the first version of this loop reached it; the scalar tail is
     * left to the caller.
     */
    @Override
    public int sigmoid(double[] z, double[] a, int from, int to) {
        int lanes = S.length();
        int i = from;
        for (; i <= to - lanes; i += lanes) {
            DoubleVector zi = DoubleVector.fromArray(S, z, i);
            // e = exp(x) for x = −|z|, as in Exp.exp (x ≤ 0 never reaches its upper clamp)
            DoubleVector x = zi.abs().neg().max(MIN_X);
            DoubleVector shifted = x.mul(LOG2E).add(ROUND);
            DoubleVector k = shifted.sub(ROUND);
            DoubleVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            // Horner's rule written out: a vector carried around a loop would be boxed as well
            DoubleVector p = r.mul(T13).add(T12).mul(r).add(T11).mul(r).add(T10).mul(r).add(T9).mul(r).add(T8)
                    .mul(r).add(T7).mul(r).add(T6).mul(r).add(T5).mul(r).add(T4).mul(r).add(T3).mul(r).add(T2)
                    .mul(r).add(T1).mul(r).add(T0);
            // p · 2^k for k in −1076..0: p · 2^(k+64) is exact, and × 2^−64 rounds once, as the two
            // halves of Exp.exp do; the same bits with one power of two built from its exponent bits
            DoubleVector twoToK64 = shifted.reinterpretAsLongs().add(64 + 1023 - ROUND_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = p.mul(twoToK64).mul(0x1p-64);
            // σ = (z ≥ 0 ? 1 : e) / (1 + e), as in Exp.sigmoid
            DoubleVector numerator = e.blend(1.0, zi.compare(VectorOperators.GE, 0.0));
            numerator.div(e.add(1.0)).intoArray(a, i);
        }
        return i;
    }
}
