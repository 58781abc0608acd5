package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 2-2-2 worked example of the deep-learning notes (seed 003): inputs 0.05/0.10, targets 0.01/0.99,
 * w1…w8 = 0.15 … 0.55, biases 0.35 and 0.60 fixed, quadratic loss summed, η = 0.5. Expected values are
 * the document's printed numbers; the tolerance is half a unit of the last printed digit.
 */
class WorkedExampleTest {
    private Network net;
    private final DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0.05, 0.10}});
    private final DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0.01, 0.99}});
    private final Cost cost = Cost.of(Loss.quadratic(), Reduction.SUM);

    static Network workedExampleNetwork() {
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.zeros(), 0).build();
        // rows are units: h1 = w1·i1 + w2·i2 + b1, h2 = w3·i1 + w4·i2 + b1; o1 = w5·h1 + w6·h2 + b2, …
        net.setTheta(1, new DMatrixRMaj(new double[][]{{0.35, 0.15, 0.20}, {0.35, 0.25, 0.30}}));
        net.setTheta(2, new DMatrixRMaj(new double[][]{{0.60, 0.40, 0.45}, {0.60, 0.50, 0.55}}));
        return net;
    }

    @BeforeEach
    void setUp() {
        net = workedExampleNetwork();
    }

    @Test
    void forwardPassMatchesTheDocument() {
        ForwardPass fp = net.forward(x);
        assertEquals(0.3775, fp.z(1).get(0, 0), 5e-10, "net_h1");
        assertEquals(0.593269992, fp.a(1).get(0, 0), 5e-10, "out_h1");
        assertEquals(0.596884378, fp.a(1).get(0, 1), 5e-10, "out_h2");
        assertEquals(1.105905967, fp.z(2).get(0, 0), 5e-10, "net_o1");
        assertEquals(0.75136507, fp.a(2).get(0, 0), 5e-9, "out_o1");
        assertEquals(0.772928465, fp.a(2).get(0, 1), 5e-10, "out_o2");
    }

    @Test
    void errorsMatchTheDocument() {
        ForwardPass fp = net.forward(x);
        DMatrixRMaj o = fp.output();
        assertEquals(0.274811083, 0.5 * Math.pow(0.01 - o.get(0, 0), 2), 5e-10, "E_o1");
        assertEquals(0.023560026, 0.5 * Math.pow(0.99 - o.get(0, 1), 2), 5e-10, "E_o2");
        assertEquals(0.298371109, cost.value(net, x, y), 5e-10, "E_total");
    }

    @Test
    void gradientsOfW5AndW1MatchTheDocument() {
        Gradients g = cost.gradient(net, x, y);
        assertEquals(0.082167041, g.dW(2).get(0, 0), 5e-10, "∂E/∂w5");
        assertEquals(0.000438568, g.dW(1).get(0, 0), 5e-10, "∂E/∂w1");
        assertEquals(0.138498562, g.delta(2).get(0, 0), 5e-10, "δ_o1 = ∂E/∂net_o1");
    }

    @Test
    void allEightUpdatedWeightsMatchTheDocument() {
        Gradients g = cost.gradient(net, x, y);
        double eta = 0.5;
        double[] published = {0.149780716, 0.19956143, 0.24975114, 0.29950229,
                0.35891648, 0.408666186, 0.511301270, 0.561370121};
        double[] tolerance = {5e-10, 5e-9, 5e-9, 5e-9, 5e-9, 5e-10, 5e-10, 5e-10};
        int i = 0;
        for (int l = 1; l <= 2; l++) {
            for (int k = 0; k < 4; k++, i++) {
                double updated = net.layer(l).W().data[k] - eta * g.dW(l).data[k];
                assertEquals(published[i], updated, tolerance[i], "w" + (i + 1) + "+");
            }
        }
    }
}
