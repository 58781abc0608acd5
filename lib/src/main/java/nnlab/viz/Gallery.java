package nnlab.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import nnlab.data.Dataset;
import nnlab.data.Datasets;
import nnlab.net.Activation;
import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Init;
import nnlab.net.Loss;
import nnlab.net.Network;
import nnlab.net.Reduction;
import nnlab.train.History;
import nnlab.train.Optimizer;
import nnlab.train.Trainer;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes one example PNG of every chart type into a folder, to see what the library draws:
 * {@code java -Djava.awt.headless=true -cp lib/target/nnlab.jar nnlab.viz.Gallery target/gallery}.
 * The data are seeded synthetic curves and the packaged digit sets, so the pictures are the same each run.
 */
public final class Gallery {
    private Gallery() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/gallery");
        Map<String, BufferedImage> pictures = pictures();
        pictures.forEach((name, img) -> Charts.save(img, dir.resolve(name + ".png")));
        System.out.println("wrote " + pictures.size() + " pictures to " + dir.toAbsolutePath());
    }

    /** Every chart type, drawn from fixed data, by file name. */
    static Map<String, BufferedImage> pictures() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, BufferedImage> out = new LinkedHashMap<>();

        int epochs = 60;
        double[] train = new double[epochs];
        double[] validation = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            train[e] = 2.3 * Math.exp(-e / 8.0) + 0.02;
            validation[e] = 2.3 * Math.exp(-e / 9.0) + 0.08 + 0.002 * e;
        }
        Map<String, double[]> cost = new LinkedHashMap<>();
        cost.put("training", train);
        cost.put("validation", validation);
        out.put("line", Charts.line("Cost per epoch", "epoch", "cost", cost));
        out.put("line-log", Charts.line(Frame.of("Cost per epoch (log scale)", "epoch", "cost").logY(), cost));
        double[] late = new double[epochs];
        double[] epochAxis = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochAxis[e] = e + 1;
            late[e] = 0.55 + 1.6 * Math.exp(-e / 6.0) + 0.0012 * Math.pow(Math.max(0, e - 30), 1.5);
        }
        out.put("line-markers", Charts.line(Frame.of("Validation loss: the best epoch and the stop", "epoch", "validation loss")
                        .yRange(0.5, 0.8), epochAxis, Charts.series("validation loss", late),
                List.of(new Marker(31, "best epoch 31", Style.GREEN), new Marker(41, "stopped at epoch 41", Style.VERMILLION))));

        double[][] gradients = new double[4][200];
        for (int l = 0; l < 4; l++) {
            for (int t = 0; t < 200; t++) {
                gradients[l][t] = Math.pow(0.2, 3 - l) * (1 + 0.3 * random.nextDouble()) * Math.exp(-t / 150.0);
            }
        }
        out.put("gradients", Charts.gradientNorms(gradients));
        double[][] eight = new double[8][200];
        for (int l = 0; l < 8; l++) {
            for (int t = 0; t < 200; t++) {
                eight[l][t] = Math.pow(0.45, 7 - l) * (1 + 0.3 * Math.sin(0.7 * t + l)) * Math.exp(-t / 150.0);
            }
        }
        out.put("gradients-eight", Charts.gradientNorms(eight));

        out.put("activations", Charts.activations(
                Charts.curve("sigmoid", z -> 1 / (1 + Math.exp(-z)), z -> Math.exp(-z) / Math.pow(1 + Math.exp(-z), 2)),
                Charts.curve("tanh", Math::tanh, z -> 1 - Math.tanh(z) * Math.tanh(z)),
                Charts.curve("ReLU", z -> Math.max(0, z), z -> z > 0 ? 1 : 0)));

        Map<String, double[]> weights = new LinkedHashMap<>();
        weights.put("no regularisation", gaussian(random, 3000, 0.5));
        weights.put("L2", gaussian(random, 3000, 0.2));
        double[] l1 = gaussian(random, 3000, 0.15);
        for (int i = 0; i < l1.length; i += 2) {
            l1[i] = 0;
        }
        weights.put("L1", l1);
        out.put("histogram", Charts.histogram("Weights after training", "weight", weights));
        out.put("histogram-log", Charts.histogram(Frame.of("Weights after training (log count)", "weight", "count").logY(),
                Charts.BINS, weights));

        Dataset mnist = Datasets.mnist(24);
        out.put("digits", Charts.digits(mnist, 24, 8));
        int[] predicted = mnist.labels();
        predicted[3] = (predicted[3] + 1) % 10;
        out.put("digits-predicted", Charts.digits(mnist, predicted, 16, 8));
        out.put("digits-optdigits", Charts.digits(Datasets.optdigits(), 20, 10));
        out.put("digits-16-binary", Charts.digits(Datasets.mnist16Binary(16), 16, 8));

        DMatrixRMaj w = new DMatrixRMaj(10, 30);
        for (int k = 0; k < w.data.length; k++) {
            w.data[k] = random.nextGaussian() * 0.4;
        }
        out.put("heatmap", Charts.heatmap(Frame.of("Weights W(2) (10 × 30)", "input j", "neuron i"), w));
        out.put("heatmap-small", Charts.heatmap(Frame.of("W(1) of a 2-2-2 network", "input j", "neuron i"),
                new DMatrixRMaj(new double[][] {{0.15, 0.20}, {0.25, -0.30}})));
        double[] image = mnist.row(0);
        for (int k = 0; k < image.length; k++) {
            image[k] -= 0.3;
        }
        out.put("heatmap-image", Charts.heatmap(Frame.of("A gradient reshaped as 28 × 28", "column", "row"), image, 28, 28));

        Map<String, Double> outputs = new LinkedHashMap<>();
        for (int k = 0; k < 10; k++) {
            outputs.put(Integer.toString(k), k == 7 ? 0.81 : 0.02 * k);
        }
        out.put("bars", Charts.bars(Frame.of("Output activations for one example", "class", "activation"), outputs));
        double[] target = new double[10];
        target[7] = 1;
        Map<String, double[]> grouped = new LinkedHashMap<>();
        grouped.put("output a(L)", outputs.values().stream().mapToDouble(Double::doubleValue).toArray());
        grouped.put("target y", target);
        out.put("bars-grouped", Charts.bars(Frame.of("Output against target", "class", "value"),
                List.copyOf(outputs.keySet()), grouped));

        double[] n = {10, 100, 1_000, 10_000, 100_000};
        Map<String, double[]> evaluations = new LinkedHashMap<>();
        evaluations.put("numerical gradient (2n + 1 passes)", new double[] {21, 201, 2001, 20001, 200001});
        evaluations.put("backprop (2 passes)", new double[] {2, 2, 2, 2, 2});
        out.put("loglog", Charts.logLog(Frame.of("Cost evaluations per gradient", "parameters n", "evaluations"), n, evaluations));

        out.put("network-plain", Charts.network(5, 2, 4, 3, 3, 1));
        out.put("network-weights", NetworkDiagram.of(2, 2, 2)
                .weights(List.of(new DMatrixRMaj(new double[][] {{0.15, 0.20}, {0.25, 0.30}}),
                        new DMatrixRMaj(new double[][] {{0.40, 0.45}, {-0.50, 0.55}})))
                .biases(List.of(new DMatrixRMaj(new double[][] {{0.35}, {0.35}}),
                        new DMatrixRMaj(new double[][] {{0.60}, {-0.60}})))
                .values(List.of(new double[] {0.05, 0.10}, new double[] {0.593269992, 0.596884378},
                        new double[] {0.75136507, 0.772928465}))
                .title("2-2-2 network: weights and activations")
                .image());
        Network net = Network.builder(2).dense(2, Activation.sigmoid()).dense(2, Activation.sigmoid())
                .init(Init.uniform(1), 3).build();
        ForwardPass pass = net.forward(new DMatrixRMaj(new double[][] {{0.05, 0.10}}));
        out.put("network-forward", NetworkDiagram.of(net).activations(pass, 0).title("A forward pass of a 2-2-2 network").image());
        out.put("weights-of-layer", Charts.weights(net, 1));
        History history = trainOnOptdigits();
        out.put("history", Charts.history(history));
        out.put("history-gradients", Charts.gradientNorms(history));
        out.put("history-accuracy", Charts.history(Frame.of("Accuracy during training", "epoch", "accuracy"), history,
                History.TRAIN_ACCURACY, History.VALIDATION_ACCURACY));
        DMatrixRMaj features = new DMatrixRMaj(8, 784);
        for (int k = 0; k < features.data.length; k++) {
            int pixel = k % 784;
            double r = pixel / 28 - 13.5;
            double c = pixel % 28 - 13.5;
            double angle = Math.PI * (k / 784) / 8;
            features.data[k] = Math.cos((r * Math.cos(angle) + c * Math.sin(angle)) / 3) * Math.exp(-(r * r + c * c) / 120);
        }
        out.put("weight-images", Charts.weightImages("Hidden units of W(1) as 28 × 28 images", features, 28, 28, 8));
        out.put("activations-library", Charts.activations(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
                Activation.leakyRelu(0.1)));
        List<DMatrixRMaj> big = List.of(randomMatrix(random, 100, 784), randomMatrix(random, 10, 100));
        out.put("network-large", NetworkDiagram.of(784, 100, 10).weights(big).title("784-100-10 (nodes capped)").image());
        out.putAll(DiagramGallery.pictures());
        return out;
    }

    /** A small sigmoid network trained on optdigits for the history charts (seeded, about a second). */
    private static History trainOnOptdigits() {
        Dataset.Split split = Datasets.optdigits().split(0.7, 0.15, 11);
        Network net = Network.builder(64).dense(30, Activation.sigmoid()).dense(20, Activation.sigmoid())
                .dense(10, Activation.softmax()).init(Init.xavier(), 5).build();
        return Trainer.builder(net, Cost.of(Loss.softmaxCrossEntropy(), Reduction.MEAN), Optimizer.sgd(0.5))
                .epochs(25).batchSize(32).seed(7)
                .validation(split.validation().x(), split.validation().oneHot(), split.validation().labels())
                .build()
                .fit(split.train().x(), split.train().oneHot(), split.train().labels());
    }

    private static double[] gaussian(SplittableRandom random, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian() * sd;
        }
        return v;
    }

    private static DMatrixRMaj randomMatrix(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = random.nextGaussian();
        }
        return m;
    }
}
