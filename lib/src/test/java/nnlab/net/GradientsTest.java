package nnlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class GradientsTest {

    /** The interleaved sums against EJML's Frobenius norm, for sizes that leave every possible tail. */
    @Test
    void weightNormMatchesEjmlsFrobeniusNorm() {
        Random random = new Random(4L);
        for (int in : new int[] {1, 2, 3, 4, 5, 7, 784}) {
            Network net = Network.builder(in).dense(3, Activation.sigmoid()).dense(100, Activation.identity())
                    .init(Init.xavier(), 2).build();
            Gradients g = new Gradients(net);
            for (int l = 1; l <= 2; l++) {
                DMatrixRMaj dW = g.dW(l);
                for (int i = 0; i < dW.data.length; i++) {
                    dW.data[i] = random.nextGaussian() * (i % 5 == 0 ? 1e3 : 1e-3);
                }
                double expected = NormOps_DDRM.normF(dW);
                assertEquals(expected, g.weightNorm(l), 1e-13 * expected, "layer " + l + " with " + in + " inputs");
            }
        }
    }
}
