package nnlab.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A blocked, packed matrix product on the JDK Vector API: C (m × n) += op(A) (m × k) · op(B) (k × n).
 *
 * <p>The layout follows the classic GotoBLAS/BLIS scheme: slices of op(B) (KC × NC) and op(A)
 * (MC × KC) are copied into contiguous panels, so the transposes cost nothing in the inner loop, and a
 * register-blocked micro-kernel computes MR × NR tiles of C with fused multiply-adds. This class only
 * loads when the JVM runs with {@code --add-modules jdk.incubator.vector}; {@link Products} checks that.
 *
 * <p>Not thread-safe by itself: each calling thread owns a {@link Workspace}.
 */
final class VectorGemm {
    private VectorGemm() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles in one vector register (4 with AVX2, 8 with AVX-512, 2 with NEON). */
    static final int LANES = S.length();
    /** Rows of a C tile held in registers. */
    static final int MR = 4;
    /** Columns of a C tile held in registers: two vectors, so MR × 2 accumulators fit the register file. */
    static final int NR = 2 * LANES;
    /** Depth of one packed slice: an MR × KC panel of A and a KC × NR panel of B stay in L1. */
    static final int KC = 256;
    /** Rows of A packed at once (MC × KC doubles, about 200 KB, stays in L2). */
    static final int MC = 96;
    /** Columns of B packed at once (KC × NC doubles, 4 MB, meant for L3). */
    static final int NC = 2048;

    /** One thread's packing buffers and operand descriptors, made once and reused: products allocate nothing. */
    static final class Workspace {
        final Operand a = new Operand();
        final Operand b = new Operand();
        private final double[] ap = new double[MC * KC];
        private double[] bp = new double[0];
        private final double[] tile = new double[MR * NR];

        private double[] bp(int size) {
            if (bp.length < size) {
                bp = new double[size];
            }
            return bp;
        }
    }

    /**
     * An operand in strided form: element (i, j) of op(X) is {@code data[offset + i * rowStride + j * colStride]}.
     * A transpose swaps the two strides, so one routine serves a · b, aᵀ · b and a · bᵀ.
     */
    static final class Operand {
        private double[] data;
        private int offset;
        private int rowStride;
        private int colStride;

        /** Views {@code data} from {@code offset} as op(X); returns this for chaining. */
        Operand set(double[] data, int offset, int rowStride, int colStride) {
            this.data = data;
            this.offset = offset;
            this.rowStride = rowStride;
            this.colStride = colStride;
            return this;
        }
    }

    /**
     * C (rows × cols, leading dimension ldc, starting at cOffset) = scale · (op(A) · op(B)), or
     * C += op(A) · op(B) when {@code add} (then scale must be 1), with op(A) (rows × k) and op(B)
     * (k × cols). Overwriting stores the first k-slice instead of adding it, so C is not read: for
     * k ≤ KC it is written exactly once. The scale multiplies each finished sum once, as it is stored:
     * the same bits as scaling C afterwards, without another pass over it.
     */
    static void multiply(int rows, int cols, int k, Operand a, Operand b,
                         double[] c, int cOffset, int ldc, boolean add, double scale, Workspace ws) {
        multiply(rows, cols, k, a, null, b, c, cOffset, ldc, add, scale, ws);
    }

    /**
     * {@link #multiply} with op(A) already packed whole by {@link #packRows} into {@code packedA}
     * (or null to pack it here): parts of one product that share A, split by columns, then pack it once.
     */
    static void multiply(int rows, int cols, int k, Operand a, double[] packedA, Operand b,
                         double[] c, int cOffset, int ldc, boolean add, double scale, Workspace ws) {
        if (k == 0 && !add) {
            for (int i = 0; i < rows; i++) {
                Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + cols, 0.0);
            }
        }
        for (int jc = 0; jc < cols; jc += NC) {
            int nc = Math.min(NC, cols - jc);
            double[] bp = ws.bp(KC * roundUp(nc, NR));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, pc, kc, jc, nc, bp);
                boolean accumulate = add || pc > 0;
                double sliceScale = pc + kc == k ? scale : 1.0;
                for (int ic = 0; ic < rows; ic += MC) {
                    int mc = Math.min(MC, rows - ic);
                    double[] ap = packedA != null ? packedA : ws.ap;
                    int apAt = packedA != null ? packedOffset(rows, pc, ic, kc) : 0;
                    if (packedA == null) {
                        packA(a, ic, mc, pc, kc, ap, 0);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            kernel(kc, ap, apAt + ir * kc, bp, jr * kc, c,
                                    cOffset + (ic + ir) * ldc + jc + jr, ldc,
                                    Math.min(MR, mc - ir), Math.min(NR, nc - jr), accumulate, sliceScale, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /** How many doubles {@link #packRows} writes for all of op(A) (rows × k). */
    static int packedSize(int rows, int k) {
        return roundUp(rows, MR) * k;
    }

    /**
     * Packs rows [from, to) of op(A) (rows × k; from a multiple of MR) in every k-slice, as {@link #multiply}
     * would: the panel of k-slice pc that starts at row i lands at {@link #packedOffset}, so separate row
     * ranges can be packed at the same time, and [0, rows) packs all of op(A).
     */
    static void packRows(Operand a, int rows, int k, int from, int to, double[] into) {
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packA(a, from, to - from, pc, kc, into, packedOffset(rows, pc, from, kc));
        }
    }

    /** Where the packed rows from ic of k-slice pc (kc deep) start: after all earlier slices and rows. */
    private static int packedOffset(int rows, int pc, int ic, int kc) {
        return pc * roundUp(rows, MR) + ic * kc;
    }

    /**
     * Copies op(A)[ic..ic+mc) × [pc..pc+kc) into MR-row panels, p-major inside a panel; pads rows with 0.
     * Reads along whichever direction is contiguous in memory.
     */
    private static void packA(Operand a, int ic, int mc, int pc, int kc, double[] ap, int apAt) {
        double[] x = a.data;
        for (int ir = 0, at = apAt; ir < mc; ir += MR, at += MR * kc) {
            int mr = Math.min(MR, mc - ir);
            int base = a.offset + (ic + ir) * a.rowStride + pc * a.colStride;
            if (a.colStride == 1) {
                for (int r = 0; r < MR; r++) {
                    int from = base + r * a.rowStride;
                    for (int p = 0; p < kc; p++) {
                        ap[at + p * MR + r] = r < mr ? x[from + p] : 0.0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int from = base + p * a.colStride;
                    for (int r = 0; r < MR; r++) {
                        ap[at + p * MR + r] = r < mr ? x[from + r * a.rowStride] : 0.0;
                    }
                }
            }
        }
    }

    /**
     * Copies op(B)[pc..pc+kc) × [jc..jc+nc) into NR-column panels, p-major inside a panel; pads columns
     * with 0. Row-major B is copied a vector at a time; transposed B is read along its rows.
     */
    private static void packB(Operand b, int pc, int kc, int jc, int nc, double[] bp) {
        double[] x = b.data;
        for (int jr = 0, at = 0; jr < nc; jr += NR, at += NR * kc) {
            int nr = Math.min(NR, nc - jr);
            int base = b.offset + pc * b.rowStride + (jc + jr) * b.colStride;
            if (b.colStride == 1 && nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int from = base + p * b.rowStride;
                    DoubleVector.fromArray(S, x, from).intoArray(bp, at + p * NR);
                    DoubleVector.fromArray(S, x, from + LANES).intoArray(bp, at + p * NR + LANES);
                }
            } else if (b.rowStride == 1) {
                int j = 0;
                for (; j + 1 < nr; j += 2) {
                    // two rows of the stored b at a time: two read streams, adjacent writes
                    int from = base + j * b.colStride;
                    int next = from + b.colStride;
                    for (int p = 0, to = at + j; p < kc; p++, to += NR) {
                        bp[to] = x[from + p];
                        bp[to + 1] = x[next + p];
                    }
                }
                for (; j < NR; j++) {
                    int from = base + j * b.colStride;
                    for (int p = 0, to = at + j; p < kc; p++, to += NR) {
                        bp[to] = j < nr ? x[from + p] : 0.0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int from = base + p * b.rowStride;
                    for (int j = 0; j < NR; j++) {
                        bp[at + p * NR + j] = j < nr ? x[from + j * b.colStride] : 0.0;
                    }
                }
            }
        }
    }

    /**
     * C[0..mr) × [0..nr) (+)= Ap (MR × kc panel) · Bp (kc × NR panel), then × scale. The MR × NR tile
     * lives in eight vector registers for the whole k loop; edge tiles (mr < MR or nr < NR) go through
     * {@code tile}.
     */
    private static void kernel(int kc, double[] ap, int a, double[] bp, int b, double[] c, int cAt, int ldc,
                               int mr, int nr, boolean accumulate, double scale, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++, a += MR, b += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + LANES);
            DoubleVector ai = DoubleVector.broadcast(S, ap[a]);
            c00 = ai.fma(b0, c00);
            c01 = ai.fma(b1, c01);
            ai = DoubleVector.broadcast(S, ap[a + 1]);
            c10 = ai.fma(b0, c10);
            c11 = ai.fma(b1, c11);
            ai = DoubleVector.broadcast(S, ap[a + 2]);
            c20 = ai.fma(b0, c20);
            c21 = ai.fma(b1, c21);
            ai = DoubleVector.broadcast(S, ap[a + 3]);
            c30 = ai.fma(b0, c30);
            c31 = ai.fma(b1, c31);
        }
        if (mr == MR && nr == NR) {
            storeRow(c00, c01, c, cAt, accumulate, scale);
            storeRow(c10, c11, c, cAt + ldc, accumulate, scale);
            storeRow(c20, c21, c, cAt + 2 * ldc, accumulate, scale);
            storeRow(c30, c31, c, cAt + 3 * ldc, accumulate, scale);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                double sum = accumulate ? c[cAt + r * ldc + j] + tile[r * NR + j] : tile[r * NR + j];
                c[cAt + r * ldc + j] = scale == 1.0 ? sum : sum * scale;
            }
        }
    }

    private static void storeRow(DoubleVector left, DoubleVector right, double[] c, int at, boolean accumulate,
                                 double scale) {
        if (accumulate) {
            left = DoubleVector.fromArray(S, c, at).add(left);
            right = DoubleVector.fromArray(S, c, at + LANES).add(right);
        }
        if (scale != 1.0) {
            left = left.mul(scale);
            right = right.mul(scale);
        }
        left.intoArray(c, at);
        right.intoArray(c, at + LANES);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
