package nnlab.net;

import nnlab.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/** Seeded random inputs and targets shaped for a network and loss, shared by the tests. */
final class RandomNets {
    private RandomNets() {}

    static DMatrixRMaj inputs(int n, int d, long seed) {
        return Matrices.random(n, d, seed);
    }

    /** One-hot rows for softmax cross-entropy, values in (0, 1) otherwise. */
    static DMatrixRMaj targets(int n, int k, Loss loss, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            if (loss == Loss.softmaxCrossEntropy()) {
                y.set(i, r.nextInt(k), 1);
            } else {
                for (int j = 0; j < k; j++) {
                    y.set(i, j, r.nextDouble(0.05, 0.95));
                }
            }
        }
        return y;
    }
}
