package nnlab.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A layer of sigmoid neurons that all share one bias, which training never changes (as in the listing). */
public final class NeuronLayer {
    private final double bias;
    private final List<Neuron> neurons = new ArrayList<>();

    /** A null bias is drawn uniformly from [0, 1) with the given generator, like Python's random.random(). */
    NeuronLayer(int numNeurons, Double bias, Random random) {
        if (numNeurons < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 neuron, got " + numNeurons);
        }
        this.bias = bias != null ? bias : random.nextDouble();
        for (int i = 0; i < numNeurons; i++) {
            neurons.add(new Neuron(this.bias));
        }
    }

    /** The outputs of all neurons for these inputs. */
    public double[] feedForward(double[] inputs) {
        double[] outputs = new double[neurons.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = neurons.get(i).calculateOutput(inputs);
        }
        return outputs;
    }

    /** The outputs remembered from the last feedForward. */
    public double[] getOutputs() {
        return neurons.stream().mapToDouble(Neuron::output).toArray();
    }

    public Neuron neuron(int i) {
        return neurons.get(i);
    }

    public int size() {
        return neurons.size();
    }

    public double bias() {
        return bias;
    }

    /** Weights and the shared bias, one line each, like the listing's inspect(). */
    public String inspect() {
        StringBuilder s = new StringBuilder("Neurons: " + neurons.size() + "\n");
        for (int n = 0; n < neurons.size(); n++) {
            s.append(" Neuron ").append(n).append('\n');
            for (int w = 0; w < neurons.get(n).weightCount(); w++) {
                s.append("  Weight: ").append(neurons.get(n).weight(w)).append('\n');
            }
            s.append("  Bias: ").append(bias).append('\n');
        }
        return s.toString();
    }
}
