package nnlab.scalar;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected values are the figures printed with the worked example, or finite differences. */
class NeuralNetworkTest {
    private static final double[] INPUT = {0.05, 0.10};
    private static final double[] TARGET = {0.01, 0.99};

    private static NeuralNetwork example() {
        return new NeuralNetwork(2, 2, 2, new double[] {0.15, 0.20, 0.25, 0.30}, 0.35,
                new double[] {0.40, 0.45, 0.50, 0.55}, 0.60, new Random(1));
    }

    @Test
    void forwardPassMatchesThePublishedValues() {
        NeuralNetwork nn = example();
        double[] out = nn.feedForward(INPUT);
        assertEquals(0.593269992, nn.hiddenLayer().neuron(0).output(), 5e-10);
        assertEquals(0.596884378, nn.hiddenLayer().neuron(1).output(), 5e-10);
        assertEquals(1.105905967, nn.outputLayer().neuron(0).calculateTotalNetInput(), 5e-10);
        assertEquals(0.75136507, out[0], 5e-9);
        assertEquals(0.772928465, out[1], 5e-10);
        assertEquals(0.298371109, nn.calculateTotalError(new double[][] {INPUT}, new double[][] {TARGET}), 5e-10);
    }

    @Test
    void oneStepGivesThePublishedWeights() {
        NeuralNetwork nn = example();
        nn.train(INPUT, TARGET);
        double[] published = {0.149780716, 0.19956143, 0.24975114, 0.29950229,
                0.35891648, 0.408666186, 0.511301270, 0.561370121};
        assertArrayEquals(published, nn.weights(), 5e-9);
    }

    @Test
    void stepIsMinusEtaTimesTheFiniteDifferenceGradient() {
        double[] before = example().weights();
        NeuralNetwork trained = example();
        trained.train(INPUT, TARGET);
        double[] after = trained.weights();
        double eps = 1e-6;
        for (int k = 0; k < before.length; k++) {
            double[] plus = before.clone();
            double[] minus = before.clone();
            plus[k] += eps;
            minus[k] -= eps;
            double numeric = (error(plus) - error(minus)) / (2 * eps);
            assertEquals(before[k] - NeuralNetwork.LEARNING_RATE * numeric, after[k], 1e-9, "weight " + (k + 1));
        }
    }

    private static double error(double[] w) {
        NeuralNetwork nn = new NeuralNetwork(2, 2, 2, new double[] {w[0], w[1], w[2], w[3]}, 0.35,
                new double[] {w[4], w[5], w[6], w[7]}, 0.60, new Random(1));
        return nn.calculateTotalError(new double[][] {INPUT}, new double[][] {TARGET});
    }

    @Test
    void outputUpdateFirstReproducesThePublishedErrorAfterOneStep() {
        NeuralNetwork nn = example().order(NeuralNetwork.Order.OUTPUT_UPDATE_FIRST);
        nn.train(INPUT, TARGET);
        assertEquals(0.291027924, nn.calculateTotalError(new double[][] {INPUT}, new double[][] {TARGET}), 5e-10);
        NeuralNetwork plain = example();
        plain.train(INPUT, TARGET);
        assertNotEquals(0.291027924, plain.calculateTotalError(new double[][] {INPUT}, new double[][] {TARGET}), 5e-10);
    }

    @Test
    void sameSeedSameRandomNetwork() {
        assertArrayEquals(NeuralNetwork.random(2, 5, 1, 7).weights(), NeuralNetwork.random(2, 5, 1, 7).weights());
    }

    @Test
    void wrongSizesAreRejectedWithAMessage() {
        NeuralNetwork nn = example();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nn.feedForward(new double[3]));
        assertEquals("expected 2 inputs, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NeuralNetwork(2, 2, 2, new double[3], 0.35, null, 0.6, new Random(1)));
    }
}
