package nnlab.grade;

import nnlab.net.Backprop;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Student-style solutions written from the formulas, with switches that plant the classic mistakes.
 * They share no code with the library they are graded against.
 */
final class Solutions {
    private Solutions() {}

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double[] sigmoidGradient(double[] z) {
        double[] g = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            g[i] = sigmoid(z[i]) * (1 - sigmoid(z[i]));
        }
        return g;
    }

    /** The course's cost in loops; the flags plant "regularize the bias" and "forget 1/m". */
    static double nnCost(double[] p, int in, int hidden, int labels, DMatrixRMaj X, int[] y, double lambda,
                         boolean regularizeBias, boolean forgetOneOverM) {
        DMatrixRMaj t1 = reshape(p, 1, hidden * (in + 1), hidden, in + 1);
        DMatrixRMaj t2 = reshape(p, hidden * (in + 1) + 1, p.length, labels, hidden + 1);
        int m = X.numRows;
        double J = 0;
        for (int i = 0; i < m; i++) {
            double[] a2 = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double z = t1.get(j, 0);
                for (int k = 0; k < in; k++) {
                    z += t1.get(j, k + 1) * X.get(i, k);
                }
                a2[j] = sigmoid(z);
            }
            for (int k = 0; k < labels; k++) {
                double z = t2.get(k, 0);
                for (int j = 0; j < hidden; j++) {
                    z += t2.get(k, j + 1) * a2[j];
                }
                double h = sigmoid(z);
                double yk = y[i] == k ? 1 : 0;
                J += -yk * Math.log(h) - (1 - yk) * Math.log(1 - h);
            }
        }
        if (!forgetOneOverM) {
            J /= m;
        }
        double squares = 0;
        int first = regularizeBias ? 0 : 1;
        for (DMatrixRMaj t : new DMatrixRMaj[]{t1, t2}) {
            for (int r = 0; r < t.numRows; r++) {
                for (int c = first; c < t.numCols; c++) {
                    squares += t.get(r, c) * t.get(r, c);
                }
            }
        }
        return J + lambda / (2.0 * m) * squares;
    }

    static double[] unroll(DMatrixRMaj... thetas) {
        List<Double> v = new ArrayList<>();
        for (DMatrixRMaj t : thetas) {
            for (int c = 0; c < t.numCols; c++) {
                for (int r = 0; r < t.numRows; r++) {
                    v.add(t.get(r, c));
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static DMatrixRMaj reshape(double[] v, int from, int to, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k <= to - from; k++) {
            m.set(k % rows, k / rows, v[from - 1 + k]);
        }
        return m;
    }

    private static DMatrixRMaj sigmoidOf(DMatrixRMaj z) {
        DMatrixRMaj a = z.copy();
        for (int i = 0; i < a.getNumElements(); i++) {
            a.data[i] = sigmoid(a.data[i]);
        }
        return a;
    }

    private static DMatrixRMaj sigmoidPrimeOf(DMatrixRMaj z) {
        DMatrixRMaj s = sigmoidOf(z);
        for (int i = 0; i < s.getNumElements(); i++) {
            s.data[i] = s.data[i] * (1 - s.data[i]);
        }
        return s;
    }

    static Backprop.Nabla backpropOne(List<DMatrixRMaj> W, List<DMatrixRMaj> b, DMatrixRMaj x, DMatrixRMaj y) {
        List<DMatrixRMaj> as = new ArrayList<>(List.of(x));
        List<DMatrixRMaj> zs = new ArrayList<>();
        for (int l = 0; l < W.size(); l++) {
            DMatrixRMaj z = new DMatrixRMaj(W.get(l).numRows, 1);
            CommonOps_DDRM.mult(W.get(l), as.get(l), z);
            CommonOps_DDRM.addEquals(z, b.get(l));
            zs.add(z);
            as.add(sigmoidOf(z));
        }
        int L = W.size();
        List<DMatrixRMaj> nb = new ArrayList<>();
        List<DMatrixRMaj> nw = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            nb.add(null);
            nw.add(null);
        }
        DMatrixRMaj delta = new DMatrixRMaj(y.numRows, 1);
        CommonOps_DDRM.subtract(as.get(L), y, delta);
        CommonOps_DDRM.elementMult(delta, sigmoidPrimeOf(zs.get(L - 1)));
        for (int l = L - 1; l >= 0; l--) {
            if (l < L - 1) {
                DMatrixRMaj next = new DMatrixRMaj(W.get(l).numRows, 1);
                CommonOps_DDRM.multTransA(W.get(l + 1), delta, next);
                CommonOps_DDRM.elementMult(next, sigmoidPrimeOf(zs.get(l)));
                delta = next;
            }
            DMatrixRMaj gw = new DMatrixRMaj(W.get(l).numRows, W.get(l).numCols);
            CommonOps_DDRM.multTransB(delta, as.get(l), gw);
            nb.set(l, delta);
            nw.set(l, gw);
        }
        return new Backprop.Nabla(nb, nw);
    }

    /** Row-major batch backprop of the mean quadratic cost; the flag plants a missing σ′ in the hidden δ. */
    static Backprop.Nabla backpropBatch(List<DMatrixRMaj> W, List<DMatrixRMaj> b, DMatrixRMaj X, DMatrixRMaj Y, boolean missingSigmaPrime) {
        int L = W.size();
        int n = X.numRows;
        List<DMatrixRMaj> as = new ArrayList<>(List.of(X));
        List<DMatrixRMaj> zs = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            DMatrixRMaj z = new DMatrixRMaj(n, W.get(l).numRows);
            CommonOps_DDRM.multTransB(as.get(l), W.get(l), z);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < z.numCols; j++) {
                    z.add(r, j, b.get(l).get(j, 0));
                }
            }
            zs.add(z);
            as.add(sigmoidOf(z));
        }
        List<DMatrixRMaj> nb = new ArrayList<>();
        List<DMatrixRMaj> nw = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            nb.add(null);
            nw.add(null);
        }
        DMatrixRMaj delta = new DMatrixRMaj(n, Y.numCols);
        CommonOps_DDRM.subtract(as.get(L), Y, delta);
        CommonOps_DDRM.elementMult(delta, sigmoidPrimeOf(zs.get(L - 1)));
        for (int l = L - 1; l >= 0; l--) {
            if (l < L - 1) {
                DMatrixRMaj next = new DMatrixRMaj(n, W.get(l).numRows);
                CommonOps_DDRM.mult(delta, W.get(l + 1), next);
                if (!missingSigmaPrime) {
                    CommonOps_DDRM.elementMult(next, sigmoidPrimeOf(zs.get(l)));
                }
                delta = next;
            }
            DMatrixRMaj gw = new DMatrixRMaj(W.get(l).numRows, W.get(l).numCols);
            CommonOps_DDRM.multTransA(delta, as.get(l), gw);
            CommonOps_DDRM.scale(1.0 / n, gw);
            DMatrixRMaj gb = new DMatrixRMaj(W.get(l).numRows, 1);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < gb.numRows; j++) {
                    gb.add(j, 0, delta.get(r, j) / n);
                }
            }
            nb.set(l, gb);
            nw.set(l, gw);
        }
        return new Backprop.Nabla(nb, nw);
    }

    static void l2Update(DMatrixRMaj W, DMatrixRMaj dW, double eta, double lambda) {
        for (int i = 0; i < W.getNumElements(); i++) {
            W.data[i] = (1 - eta * lambda) * W.data[i] - eta * dW.data[i];
        }
    }

    static void l1Update(DMatrixRMaj W, DMatrixRMaj dW, double eta, double lambda) {
        for (int i = 0; i < W.getNumElements(); i++) {
            W.data[i] = W.data[i] - eta * dW.data[i] - eta * lambda * Math.signum(W.data[i]);
        }
    }

    static DMatrixRMaj dropout(DMatrixRMaj a, double p, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj out = a.copy();
        for (int i = 0; i < out.getNumElements(); i++) {
            out.data[i] = r.nextDouble() < p ? 0 : out.data[i] / (1 - p);
        }
        return out;
    }

    static DMatrixRMaj testWeights(DMatrixRMaj W, double p) {
        DMatrixRMaj t = W.copy();
        CommonOps_DDRM.scale(1 - p, t);
        return t;
    }
}
