package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {
    private final Network net = Network.builder(3).dense(4, Activation.tanh()).dense(2, Activation.softmax())
            .init(Init.xavier(), 1).build();

    @Test
    void forwardIsTheLayerFormulaLayerAfterLayer() {
        DMatrixRMaj x = RandomNets.inputs(2, 3, 5);
        ForwardPass fp = net.forward(x);
        // z = a_prev · Wᵀ + b, written out entry by entry as an independent computation
        for (int l = 1; l <= 2; l++) {
            Layer layer = net.layer(l);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < layer.units(); j++) {
                    double z = layer.b().get(j, 0);
                    for (int k = 0; k < layer.in(); k++) {
                        z += fp.a(l - 1).get(i, k) * layer.W().get(j, k);
                    }
                    assertEquals(z, fp.z(l).get(i, j), 1e-15);
                }
            }
        }
        assertEquals(Math.tanh(fp.z(1).get(1, 2)), fp.a(1).get(1, 2), 1e-15);
        assertArrayEquals(new int[]{3, 4, 2}, net.sizes());
    }

    @Test
    void thetaHasTheBiasColumnFirst() {
        DMatrixRMaj theta = net.theta(1);
        assertEquals(4, theta.numRows);
        assertEquals(4, theta.numCols);
        assertEquals(net.layer(1).b().get(2, 0), theta.get(2, 0), 0);
        assertEquals(net.layer(1).W().get(2, 1), theta.get(2, 2), 0);
    }

    @Test
    void copyIsIndependent() {
        Network copy = net.copy();
        copy.layer(1).W().set(0, 0, 99);
        assertTrue(net.layer(1).W().get(0, 0) != 99);
    }

    @Test
    void reusedPassHandlesAShortLastBatch() {
        ForwardPass fp = net.newPass(Mode.INFERENCE);
        net.forward(RandomNets.inputs(32, 3, 1), fp);
        DMatrixRMaj small = RandomNets.inputs(5, 3, 2);
        net.forward(small, fp);
        assertEquals(5, fp.output().numRows);
        assertArrayEquals(net.predict(small).data, java.util.Arrays.copyOf(fp.output().data, 10), 0);
    }

    @Test
    void badInputIsExplained() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> net.forward(new DMatrixRMaj(2, 5)));
        assertTrue(shape.getMessage().contains("(2 × 3)") && shape.getMessage().contains("(2 × 5)"), shape.getMessage());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> net.layer(0));
        assertTrue(layer.getMessage().contains("1 … 2"), layer.getMessage());
        IllegalStateException noInit = assertThrows(IllegalStateException.class,
                () -> Network.builder(2).dense(1, Activation.sigmoid()).build());
        assertTrue(noInit.getMessage().contains("init"), noInit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> net.setTheta(1, new DMatrixRMaj(4, 3)));
    }
}
