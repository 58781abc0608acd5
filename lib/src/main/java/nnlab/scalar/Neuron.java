package nnlab.scalar;

import java.util.ArrayList;
import java.util.List;

/**
 * One sigmoid neuron holding its own weights, last inputs and last output: the object-per-neuron style of
 * the worked example's Python listing. Error per neuron is the squared error ½(target − out)².
 */
public final class Neuron {
    private final double bias;
    private final List<Double> weights = new ArrayList<>();
    private double[] inputs = new double[0];
    private double output;

    Neuron(double bias) {
        this.bias = bias;
    }

    /** out = σ(Σ inputs·weights + bias); remembers inputs and output for the backward step. */
    public double calculateOutput(double[] inputs) {
        if (inputs.length != weights.size()) {
            throw new IllegalArgumentException("a neuron with " + weights.size() + " weights got " + inputs.length
                    + " inputs: pass one input per weight");
        }
        this.inputs = inputs.clone();
        output = squash(calculateTotalNetInput());
        return output;
    }

    /** net = Σ inputs[i]·weights[i] + bias. */
    public double calculateTotalNetInput() {
        double total = 0;
        for (int i = 0; i < inputs.length; i++) {
            total += inputs[i] * weights.get(i);
        }
        return total + bias;
    }

    /** The logistic sigmoid 1 / (1 + e^(−net)). */
    public static double squash(double totalNetInput) {
        return 1 / (1 + Math.exp(-totalNetInput));
    }

    /** δ = ∂E/∂net = ∂E/∂out · ∂out/∂net. */
    public double calculatePdErrorWrtTotalNetInput(double targetOutput) {
        return calculatePdErrorWrtOutput(targetOutput) * calculatePdTotalNetInputWrtInput();
    }

    /** E = ½(target − out)². */
    public double calculateError(double targetOutput) {
        return 0.5 * (targetOutput - output) * (targetOutput - output);
    }

    /** ∂E/∂out = −(target − out). */
    public double calculatePdErrorWrtOutput(double targetOutput) {
        return -(targetOutput - output);
    }

    /** ∂out/∂net = out(1 − out), the sigmoid's derivative (named as in the listing). */
    public double calculatePdTotalNetInputWrtInput() {
        return output * (1 - output);
    }

    /** ∂net/∂w_i = input i: the value the weight multiplies. */
    public double calculatePdTotalNetInputWrtWeight(int index) {
        return inputs[index];
    }

    public double output() {
        return output;
    }

    public double bias() {
        return bias;
    }

    public double weight(int i) {
        return weights.get(i);
    }

    public int weightCount() {
        return weights.size();
    }

    void addWeight(double w) {
        weights.add(w);
    }

    void adjustWeight(int i, double by) {
        weights.set(i, weights.get(i) + by);
    }
}
