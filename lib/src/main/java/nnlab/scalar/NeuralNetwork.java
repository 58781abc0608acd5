package nnlab.scalar;

import java.util.Random;

/**
 * The worked example's two-layer sigmoid network written neuron by neuron (inputs → hidden → output),
 * trained one example at a time with squared error and learning rate 0.5. Biases are shared per layer and
 * never updated, exactly as in the listing.
 *
 * <p>{@link Order} selects when the hidden deltas are computed. The listing computes every δ first and then
 * updates (correct gradient descent). {@link Order#OUTPUT_UPDATE_FIRST} updates the output weights first
 * and computes the hidden deltas with the new output weights: a variant that is not the gradient of E,
 * kept because it reproduces error figures published with the example.
 */
public final class NeuralNetwork {
    /** The listing's LEARNING_RATE. */
    public static final double LEARNING_RATE = 0.5;

    /** When the hidden deltas are computed relative to the output-weight update. */
    public enum Order { DELTAS_FIRST, OUTPUT_UPDATE_FIRST }

    private final int numInputs;
    private final NeuronLayer hiddenLayer;
    private final NeuronLayer outputLayer;
    private Order order = Order.DELTAS_FIRST;

    /**
     * Weights are listed neuron by neuron (hidden: h1's weights from i1, i2, …, then h2's; output likewise).
     * Any null weights or bias are drawn from {@code random} in the listing's order: hidden bias, output
     * bias, hidden weights, output weights.
     */
    public NeuralNetwork(int numInputs, int numHidden, int numOutputs, double[] hiddenLayerWeights, Double hiddenLayerBias,
                         double[] outputLayerWeights, Double outputLayerBias, Random random) {
        if (numInputs < 1) {
            throw new IllegalArgumentException("numInputs must be at least 1, got " + numInputs);
        }
        this.numInputs = numInputs;
        hiddenLayer = new NeuronLayer(numHidden, hiddenLayerBias, random);
        outputLayer = new NeuronLayer(numOutputs, outputLayerBias, random);
        initWeights(hiddenLayer, numInputs, hiddenLayerWeights, random, "hiddenLayerWeights");
        initWeights(outputLayer, numHidden, outputLayerWeights, random, "outputLayerWeights");
    }

    /** All weights and biases drawn uniformly from [0, 1) with a generator seeded by {@code seed}. */
    public static NeuralNetwork random(int numInputs, int numHidden, int numOutputs, long seed) {
        return new NeuralNetwork(numInputs, numHidden, numOutputs, null, null, null, null, new Random(seed));
    }

    private static void initWeights(NeuronLayer layer, int fanIn, double[] given, Random random, String name) {
        if (given != null && given.length != layer.size() * fanIn) {
            throw new IllegalArgumentException(name + " needs " + layer.size() + " × " + fanIn + " = "
                    + layer.size() * fanIn + " values (neuron by neuron), got " + given.length);
        }
        int weightNum = 0;
        for (int n = 0; n < layer.size(); n++) {
            for (int i = 0; i < fanIn; i++) {
                layer.neuron(n).addWeight(given == null ? random.nextDouble() : given[weightNum]);
                weightNum++;
            }
        }
    }

    public NeuralNetwork order(Order order) {
        this.order = order;
        return this;
    }

    public double[] feedForward(double[] inputs) {
        if (inputs.length != numInputs) {
            throw new IllegalArgumentException("expected " + numInputs + " inputs, got " + inputs.length);
        }
        return outputLayer.feedForward(hiddenLayer.feedForward(inputs));
    }

    /** One step of gradient descent on E = Σ ½(target − out)² for one example. */
    public void train(double[] trainingInputs, double[] trainingOutputs) {
        if (trainingOutputs.length != outputLayer.size()) {
            throw new IllegalArgumentException("expected " + outputLayer.size() + " targets, got " + trainingOutputs.length);
        }
        feedForward(trainingInputs);
        // 1. output deltas ∂E/∂net_o
        double[] outputDeltas = new double[outputLayer.size()];
        for (int o = 0; o < outputDeltas.length; o++) {
            outputDeltas[o] = outputLayer.neuron(o).calculatePdErrorWrtTotalNetInput(trainingOutputs[o]);
        }
        double[] hiddenDeltas = null;
        if (order == Order.DELTAS_FIRST) {
            hiddenDeltas = hiddenDeltas(outputDeltas);                          // 2. hidden deltas
        }
        // 3. output weights: Δw = −η ∂E/∂net_o · ∂net_o/∂w
        for (int o = 0; o < outputLayer.size(); o++) {
            Neuron neuron = outputLayer.neuron(o);
            for (int w = 0; w < neuron.weightCount(); w++) {
                neuron.adjustWeight(w, -LEARNING_RATE * outputDeltas[o] * neuron.calculatePdTotalNetInputWrtWeight(w));
            }
        }
        if (order == Order.OUTPUT_UPDATE_FIRST) {
            hiddenDeltas = hiddenDeltas(outputDeltas);                          // with the updated output weights
        }
        // 4. hidden weights
        for (int h = 0; h < hiddenLayer.size(); h++) {
            Neuron neuron = hiddenLayer.neuron(h);
            for (int w = 0; w < neuron.weightCount(); w++) {
                neuron.adjustWeight(w, -LEARNING_RATE * hiddenDeltas[h] * neuron.calculatePdTotalNetInputWrtWeight(w));
            }
        }
    }

    /** ∂E/∂net_h = (Σ_o δ_o · w_ho) · out_h(1 − out_h), with the output weights as they are now. */
    private double[] hiddenDeltas(double[] outputDeltas) {
        double[] deltas = new double[hiddenLayer.size()];
        for (int h = 0; h < deltas.length; h++) {
            double dErrorWrtOutput = 0;
            for (int o = 0; o < outputLayer.size(); o++) {
                dErrorWrtOutput += outputDeltas[o] * outputLayer.neuron(o).weight(h);
            }
            deltas[h] = dErrorWrtOutput * hiddenLayer.neuron(h).calculatePdTotalNetInputWrtInput();
        }
        return deltas;
    }

    /** Σ over examples and outputs of ½(target − out)²; each row of inputs pairs with the same row of outputs. */
    public double calculateTotalError(double[][] inputs, double[][] outputs) {
        if (inputs.length != outputs.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + outputs.length + " target rows: pair them one to one");
        }
        double totalError = 0;
        for (int t = 0; t < inputs.length; t++) {
            feedForward(inputs[t]);
            for (int o = 0; o < outputs[t].length; o++) {
                totalError += outputLayer.neuron(o).calculateError(outputs[t][o]);
            }
        }
        return totalError;
    }

    public NeuronLayer hiddenLayer() {
        return hiddenLayer;
    }

    public NeuronLayer outputLayer() {
        return outputLayer;
    }

    /** All weights, hidden neurons first, each neuron's weights in input order (w1 … w8 in the example). */
    public double[] weights() {
        int hiddenCount = hiddenLayer.size() * numInputs;
        double[] w = new double[hiddenCount + outputLayer.size() * hiddenLayer.size()];
        int k = 0;
        for (NeuronLayer layer : new NeuronLayer[] {hiddenLayer, outputLayer}) {
            for (int n = 0; n < layer.size(); n++) {
                for (int i = 0; i < layer.neuron(n).weightCount(); i++) {
                    w[k++] = layer.neuron(n).weight(i);
                }
            }
        }
        return w;
    }

    public String inspect() {
        return "------\n* Inputs: " + numInputs + "\n------\nHidden Layer\n" + hiddenLayer.inspect()
                + "------\n* Output Layer\n" + outputLayer.inspect() + "------\n";
    }
}
