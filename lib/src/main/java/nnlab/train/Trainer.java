package nnlab.train;

import nnlab.data.BatchGather;
import nnlab.data.Dataset;
import nnlab.net.Cost;
import nnlab.net.ForwardPass;
import nnlab.net.Gradients;
import nnlab.net.Layer;
import nnlab.net.Mode;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Gradient descent on a {@link Network} for a {@link Cost} with an {@link Optimizer}, monitored into a
 * {@link History}.
 *
 * <pre>{@code
 * History h = Trainer.builder(net, Cost.of(Loss.crossEntropy(), Reduction.MEAN), Optimizer.sgd(0.5))
 *         .epochs(30).batchSize(32).seed(7)
 *         .validation(xVal, yVal, labelsVal).earlyStopping(5)
 *         .build()
 *         .fit(x, y, labels);
 * }</pre>
 *
 * <h2>Two schedules</h2>
 * <ul>
 *   <li>Mini-batches ({@link Builder#epochs}, {@link Builder#batchSize}): every epoch visits the
 *       training set once in a fresh order drawn from the seed; the last batch of an epoch is shorter
 *       when the batch size does not divide n. A batch size ≥ n is full-batch gradient descent.</li>
 *   <li>One random example per step ({@link Builder#randomExampleSteps}), as in the XOR example of the
 *       deep-learning notes: each step picks a training example uniformly at random (with replacement,
 *       like Python's {@code random.choice}) from the seeded stream. An "epoch" is then n steps.</li>
 * </ul>
 * Layers with dropout train with {@link Mode#TRAINING} passes (fresh masks from the network's own
 * dropout seed every step); every measurement uses test-time passes.
 *
 * <h2>Determinism</h2>
 * The order of examples comes from {@code seed} alone and the masks from the network's dropout seed, so
 * two networks built with the same seeds and trained with the same settings end with bit-identical
 * weights and histories.
 *
 * <h2>Monitoring and early stopping</h2>
 * A record is written before the first step (row 0) and then after every epoch, or every N steps
 * ({@link Builder#monitorEvery}); see {@link History} for the columns. With
 * {@link Builder#earlyStopping(int)}, training stops once the validation loss has not improved (by more
 * than {@code minDelta}) for {@code patience} records in a row, and the network is left with the weights
 * of the record with the lowest validation loss ({@link History#bestRow()}) — also when training ran to
 * its end without stopping early.
 *
 * <h2>Bad input and divergence</h2>
 * Before the first step the trainer checks the data (shapes, empty data, NaN or infinite values naming
 * the row, labels outside the classes, targets outside the loss's domain), the starting weights (all
 * finite) and that the loss suits the output layer (no cross-entropy on an identity output). Then:
 * <ul>
 *   <li>When the cost or a gradient of a step is NaN or infinite, training stops with
 *       {@link TrainingDiverged}, naming the epoch, the step and the layer; the network keeps the weights
 *       before that step.</li>
 *   <li>When the loss stays finite but grows: at every record after row 0, if the mean batch loss since
 *       the record before is more than {@value #DIVERGENCE_FACTOR} times the loss at the start (the
 *       training loss of row 0, or the first batch loss when the training set is not measured), training
 *       stops with {@link TrainingDiverged} as well; that record is the last row of its history. Noisy
 *       but working training stays far below: a batch loss is a mean over examples, and training that
 *       works brings it down from the start.</li>
 * </ul>
 *
 * <h2>Cost per step</h2>
 * The loop reuses one forward pass, one gradient buffer and the batch buffers (reshaped for the short
 * batch), so in steady state it allocates nothing per batch. A trainer keeps no state between calls of
 * {@link #fit}: each call starts the optimizer's memory from zero and continues from the network's
 * current weights.
 */
public final class Trainer {
    /** A record whose mean batch loss exceeds this many times the loss at the start ends training as diverged. */
    public static final double DIVERGENCE_FACTOR = 100;

    private final Network net;
    private final Cost cost;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long randomSteps;
    private final long seed;
    private final int monitorEvery;
    private final DMatrixRMaj xValidation;
    private final DMatrixRMaj yValidation;
    private final int[] validationLabels;
    private final int patience;
    private final double minDelta;
    private final boolean trainBiases;
    private final boolean measureTrainingSet;
    private final List<Consumer<EpochRecord>> onEpoch;
    private final boolean weightMovement;

    private Trainer(Builder b) {
        this.net = b.net;
        this.cost = b.cost;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.randomSteps = b.randomSteps;
        this.seed = b.seed;
        this.monitorEvery = b.monitorEvery;
        this.xValidation = b.xValidation;
        this.yValidation = b.yValidation;
        this.validationLabels = b.validationLabels;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.trainBiases = b.trainBiases;
        this.measureTrainingSet = b.measureTrainingSet;
        this.onEpoch = List.copyOf(b.onEpoch);
        this.weightMovement = b.weightMovement;
    }

    /** Starts a trainer for this network, cost and update rule. */
    public static Builder builder(Network net, Cost cost, Optimizer optimizer) {
        return new Builder(net, cost, optimizer);
    }

    /** Trains on x (n × inputs) with targets y (n × outputs), without accuracy columns. */
    public History fit(DMatrixRMaj x, DMatrixRMaj y) {
        return fit(x, y, null);
    }

    /** Trains on x (n × inputs), targets y (n × outputs) and class labels (n), which add the accuracy columns. */
    public History fit(DMatrixRMaj x, DMatrixRMaj y, int[] labels) {
        Preconditions.requireData("training set", x, y, labels, net.inputs(), net.outputs());
        requireTargets("training set", cost, y);
        net.requireFinite();
        return new Run(x, y, labels).execute();
    }

    /**
     * Trains on a labelled data set: targets are its one-hot rows, or its label column (0 or 1) for a
     * network with a single output; the labels add the accuracy columns.
     */
    public History fit(Dataset train) {
        if (train == null) {
            throw new IllegalArgumentException("the training set is null; load one with nnlab.data.Datasets");
        }
        return fit(train.x(), targets(train, net), train.labels());
    }

    /** The loss's domain check of y, its message naming the data set. */
    private static void requireTargets(String name, Cost cost, DMatrixRMaj y) {
        try {
            cost.loss().requireTargets(y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The targets a network learns for a data set: one-hot for K outputs, the 0/1 label column for one. */
    static DMatrixRMaj targets(Dataset data, Network net) {
        if (net.outputs() == 1) {
            return data.labelColumn();
        }
        if (data.classes() != net.outputs()) {
            throw new IllegalArgumentException(String.format("%s has %d classes but the network has %d outputs; "
                    + "give the output layer one unit per class", data.name(), data.classes(), net.outputs()));
        }
        return data.oneHot();
    }

    @Override
    public String toString() {
        String schedule = randomSteps > 0 ? randomSteps + " steps of one random example"
                : epochs + " epochs, batch size " + batchSize;
        return "Trainer: " + optimizer.name() + ", " + cost + ", " + schedule + ", seed " + seed;
    }

    /** One call of fit: the buffers, optimizer states and measurements of a training run. */
    private final class Run {
        private final DMatrixRMaj x;
        private final DMatrixRMaj y;
        private final int[] labels;
        private final int n;
        private final int depth = net.depth();
        private final int[] order;
        private final BatchGather batches;
        private final DMatrixRMaj xBatch;
        private final DMatrixRMaj yBatch;
        private final ForwardPass pass = net.newPass(Mode.TRAINING);
        private final ForwardPass evaluation = net.newPass(Mode.INFERENCE);
        private final Gradients gradients = new Gradients(net);
        private final Optimizer.State[] wStates = new Optimizer.State[depth + 1];
        private final Optimizer.State[] bStates = new Optimizer.State[depth + 1];
        private final DMatrixRMaj[] before = new DMatrixRMaj[depth + 1];
        private final DMatrixRMaj[] bestW = new DMatrixRMaj[depth + 1];
        private final DMatrixRMaj[] bestB = new DMatrixRMaj[depth + 1];
        private final double[] sumDelta = new double[depth + 1];
        private final double[] sumGradNorm = new double[depth + 1];
        private final double[] lastRatio = new double[depth + 1];
        private final double[] gradNorm = new double[depth + 1];
        private final SplittableRandom random = new SplittableRandom(seed);
        private final long stepsPerEpoch;
        private final long totalSteps;
        private final History history;
        private final WeightMovement movement;
        private double sumBatchLoss;
        private int stepsSinceRecord;
        private long step;
        private long examplesSeen;
        private int epoch;
        private double bestLoss = Double.POSITIVE_INFINITY;
        /** The loss the divergence rule compares with: row 0's training loss, or the first batch loss. */
        private double startLoss = Double.NaN;
        private int recordsWithoutImprovement;

        Run(DMatrixRMaj x, DMatrixRMaj y, int[] labels) {
            this.x = x;
            this.y = y;
            this.labels = labels;
            this.n = x.numRows;
            int rows = randomSteps > 0 ? 1 : Math.min(batchSize, n);
            this.stepsPerEpoch = randomSteps > 0 ? n : (n + batchSize - 1) / batchSize;
            this.totalSteps = randomSteps > 0 ? randomSteps : (long) epochs * stepsPerEpoch;
            this.order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            this.batches = new BatchGather(x, y);
            this.xBatch = new DMatrixRMaj(rows, x.numCols);
            this.yBatch = new DMatrixRMaj(rows, y.numCols);
            for (int l = 1; l <= depth; l++) {
                Layer layer = net.layer(l);
                wStates[l] = optimizer.newState(layer.W());
                bStates[l] = optimizer.newState(layer.b());
                before[l] = layer.W().copy();
                if (patience > 0) {
                    bestW[l] = layer.W().copy();
                    bestB[l] = layer.b().copy();
                }
            }
            this.history = new History(optimizer.name() + ", " + cost, depth, measureTrainingSet, xValidation != null, labels != null,
                    validationLabels != null);
            this.movement = weightMovement ? new WeightMovement(net) : null;
            if (movement != null) {
                history.addLayerMetric(History.WEIGHT_MOVEMENT);
            }
        }

        History execute() {
            boolean stopped = record();
            epochEnded(stopped);
            if (!stopped) {
                if (randomSteps > 0) {
                    runRandomExamples();
                } else {
                    runEpochs();
                }
            }
            if (patience > 0) {
                restoreBest();
            }
            return history;
        }

        private void runEpochs() {
            for (epoch = 1; epoch <= epochs; epoch++) {
                shuffle();
                for (int start = 0; start < n; start += batchSize) {
                    int rows = Math.min(batchSize, n - start);
                    gather(start, rows);
                    if (trainStep(rows)) {
                        epochEnded(true);
                        return;
                    }
                }
                epochEnded(epoch == epochs);
            }
        }

        private void runRandomExamples() {
            for (long s = 1; s <= randomSteps; s++) {
                epoch = (int) ((s - 1) / n) + 1;
                order[0] = random.nextInt(n);
                gather(0, 1);
                if (trainStep(1)) {
                    epochEnded(true);
                    return;
                }
                if (s % n == 0 || s == randomSteps) {
                    epochEnded(s == randomSteps);
                }
            }
        }

        /** Tells the onEpoch listeners; {@code last} when no step follows. */
        private void epochEnded(boolean last) {
            if (onEpoch.isEmpty()) {
                return;
            }
            int planned = randomSteps > 0 ? (int) ((randomSteps + n - 1) / n) : epochs;
            EpochRecord record = new EpochRecord(Trainer.this.toString(), epoch, planned, step, totalSteps, history, last);
            for (Consumer<EpochRecord> listener : onEpoch) {
                listener.accept(record);
            }
        }

        /** Fisher–Yates with the run's seeded stream. */
        private void shuffle() {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /** Copies the examples order[start … start+rows−1] into the batch buffers. */
        private void gather(int start, int rows) {
            batches.gather(order, start, rows, xBatch, yBatch);
        }

        /**
         * Forward, backward, check, update, and a record when one is due; returns whether early stopping
         * ended the run there. The update ratio needs a copy of W, so it is measured on the step before a
         * record only.
         */
        private boolean trainStep(int rows) {
            net.forward(xBatch, pass);
            cost.gradient(net, pass, yBatch, gradients);
            double loss = cost.value(net, pass, yBatch);
            step++;
            boolean recordFollows = step == totalSteps || step % (monitorEvery > 0 ? monitorEvery : stepsPerEpoch) == 0;
            requireFinite(loss);
            if (Double.isNaN(startLoss)) {
                startLoss = loss;
            }
            for (int l = 1; l <= depth; l++) {
                Layer layer = net.layer(l);
                if (recordFollows) {
                    before[l].setTo(layer.W());
                }
                optimizer.update(layer.W(), gradients.dW(l), wStates[l]);
                if (trainBiases) {
                    optimizer.update(layer.b(), gradients.db(l), bStates[l]);
                }
                sumDelta[l] += gradients.meanAbsDelta(l);
                sumGradNorm[l] += gradNorm[l];
                if (recordFollows) {
                    lastRatio[l] = updateRatio(before[l], layer.W());
                }
            }
            sumBatchLoss += loss;
            stepsSinceRecord++;
            examplesSeen += rows;
            return recordFollows && record();
        }

        /** ‖W − W_before‖ / ‖W‖. */
        private double updateRatio(DMatrixRMaj old, DMatrixRMaj w) {
            double change = 0;
            double size = 0;
            for (int i = 0; i < w.getNumElements(); i++) {
                double d = w.data[i] - old.data[i];
                change += d * d;
                size += w.data[i] * w.data[i];
            }
            return size == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(change / size);
        }

        /**
         * Throws {@link TrainingDiverged} when the loss or a gradient is NaN or infinite; allocates only then.
         * A NaN or infinite entry makes ‖dW(l)‖ or ‖db(l)‖ non-finite, so one pass per layer, which also
         * gives the monitored gradient norm, finds every bad layer.
         */
        private void requireFinite(double loss) {
            int badLayer = 0;
            for (int l = depth; l >= 1; l--) {
                gradNorm[l] = gradients.weightNorm(l);
                if (badLayer == 0 && !(Double.isFinite(gradNorm[l]) && Double.isFinite(sumOfSquares(gradients.db(l))))) {
                    badLayer = l;
                }
            }
            if (badLayer == 0 && Double.isFinite(loss)) {
                return;
            }
            StringBuilder affected = new StringBuilder();
            for (int l = depth; l >= 1; l--) {
                if (!Double.isFinite(gradNorm[l]) || !Double.isFinite(sumOfSquares(gradients.db(l)))) {
                    affected.append(affected.length() == 0 ? "" : ", ").append(l);
                }
            }
            String message = "training diverged at " + where() + ": the batch cost is " + loss
                    + (badLayer == 0 ? " while every gradient is finite"
                    : "; the first bad gradient (from the output down) is in layer " + badLayer + ": " + describe(badLayer)
                    + " (layers with bad gradients: " + affected + ")")
                    + ". The weights are those before this step. The data, the starting weights and the loss/output pairing "
                    + "were checked before the first step, so " + (step == 1
                    ? "the starting point itself overflows (no update has been made yet, so the learning rate is not the "
                    + "cause): scale the inputs to about [0, 1] or start from smaller weights."
                    : "the updates blew up: try a smaller learning rate than " + optimizer.name()
                    + ", smaller initial weights, or inputs scaled to about [0, 1].");
            throw new TrainingDiverged(message, epoch, step, badLayer, history);
        }

        private String where() {
            return randomSteps > 0 ? "epoch " + epoch + " (of " + n + " random steps each), step " + step
                    : "epoch " + epoch + ", step " + step;
        }

        /** The finite-divergence rule of the class comment, at a record; {@code meanBatchLoss} is NaN at row 0. */
        private void requireNotGrowing(double meanBatchLoss) {
            if (!(meanBatchLoss > DIVERGENCE_FACTOR * startLoss && startLoss > 0)) {
                return;
            }
            String message = String.format(java.util.Locale.ROOT, "training diverged at %s: the mean batch loss since the "
                    + "last record is %.6g, more than %.0f× the loss at the start (%.6g), though every number is still finite. "
                    + "The weights are those after this step. Try a smaller learning rate than %s, smaller initial weights, "
                    + "or inputs scaled to about [0, 1].", where(), meanBatchLoss, DIVERGENCE_FACTOR, startLoss, optimizer.name());
            throw new TrainingDiverged(message, epoch, step, 0, history);
        }

        private static double sumOfSquares(DMatrixRMaj m) {
            double s = 0;
            for (int i = 0; i < m.getNumElements(); i++) {
                s += m.data[i] * m.data[i];
            }
            return s;
        }

        /** "∂J/∂W(2) has NaN at (0, 1) (0-based)" for the first bad entry of layer l, or the overflowing norm. */
        private String describe(int l) {
            DMatrixRMaj m = gradients.dW(l);
            String name = "∂J/∂W(" + l + ")";
            int i = firstNonFinite(m);
            if (i < 0) {
                m = gradients.db(l);
                name = "∂J/∂b(" + l + ")";
                i = firstNonFinite(m);
            }
            if (i < 0) {
                return "the squared norm of ∂J/∂W(" + l + ") or ∂J/∂b(" + l + ") overflows (entries beyond about 1e154)";
            }
            return name + " has " + m.data[i] + " at (" + i / m.numCols + ", " + i % m.numCols + ") (0-based)";
        }

        /** The index of the first NaN or infinite entry, or −1. */
        private static int firstNonFinite(DMatrixRMaj m) {
            for (int i = 0; i < m.getNumElements(); i++) {
                if (!Double.isFinite(m.data[i])) {
                    return i;
                }
            }
            return -1;
        }

        /** Writes one history row; returns whether early stopping says stop. */
        private boolean record() {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put(History.STEP, (double) step);
            row.put(History.EPOCH, (double) examplesSeen / n);
            double meanBatchLoss = stepsSinceRecord == 0 ? Double.NaN : sumBatchLoss / stepsSinceRecord;
            row.put(History.BATCH_LOSS, meanBatchLoss);
            if (measureTrainingSet) {
                net.forward(x, evaluation);
                double trainLoss = cost.value(net, evaluation, y);
                row.put(History.TRAIN_LOSS, trainLoss);
                if (step == 0) {
                    startLoss = trainLoss;
                }
                if (labels != null) {
                    row.put(History.TRAIN_ACCURACY, accuracy(evaluation.output(), labels));
                }
            }
            double validationLoss = Double.NaN;
            if (xValidation != null) {
                net.forward(xValidation, evaluation);
                validationLoss = cost.value(net, evaluation, yValidation);
                row.put(History.VALIDATION_LOSS, validationLoss);
                if (validationLabels != null) {
                    row.put(History.VALIDATION_ACCURACY, accuracy(evaluation.output(), validationLabels));
                }
            }
            for (int l = 1; l <= depth; l++) {
                double steps = stepsSinceRecord == 0 ? Double.NaN : stepsSinceRecord;
                row.put(History.layerColumn(History.MEAN_ABS_DELTA, l), sumDelta[l] / steps);
                row.put(History.layerColumn(History.GRAD_NORM, l), sumGradNorm[l] / steps);
                row.put(History.layerColumn(History.UPDATE_RATIO, l), stepsSinceRecord == 0 ? Double.NaN : lastRatio[l]);
                sumDelta[l] = 0;
                sumGradNorm[l] = 0;
            }
            if (movement != null) {
                movement.record(row);
            }
            sumBatchLoss = 0;
            stepsSinceRecord = 0;
            history.add(row);
            requireNotGrowing(meanBatchLoss);
            return patience > 0 && earlyStop(validationLoss);
        }

        private boolean earlyStop(double validationLoss) {
            if (validationLoss < bestLoss - minDelta) {
                bestLoss = validationLoss;
                recordsWithoutImprovement = 0;
                history.markBest(history.size() - 1);
                for (int l = 1; l <= depth; l++) {
                    bestW[l].setTo(net.layer(l).W());
                    bestB[l].setTo(net.layer(l).b());
                }
                return false;
            }
            if (++recordsWithoutImprovement >= patience) {
                history.markStoppedEarly();
                return true;
            }
            return false;
        }

        private void restoreBest() {
            for (int l = 1; l <= depth; l++) {
                net.layer(l).W().setTo(bestW[l]);
                net.layer(l).b().setTo(bestB[l]);
            }
        }
    }

    /** The fraction of rows whose predicted class equals the label (one output: class 1 when ≥ 0.5). */
    static double accuracy(DMatrixRMaj output, int[] labels) {
        int correct = 0;
        int k = output.numCols;
        for (int r = 0; r < output.numRows; r++) {
            int predicted;
            if (k == 1) {
                predicted = output.data[r] >= 0.5 ? 1 : 0;
            } else {
                predicted = 0;
                for (int c = 1; c < k; c++) {
                    if (output.data[r * k + c] > output.data[r * k + predicted]) {
                        predicted = c;
                    }
                }
            }
            if (predicted == labels[r]) {
                correct++;
            }
        }
        return (double) correct / output.numRows;
    }

    /** Settings of a {@link Trainer}; the schedule and the seed must be chosen, everything else has a default. */
    public static final class Builder {
        private final Network net;
        private final Cost cost;
        private final Optimizer optimizer;
        private int epochs;
        private int batchSize;
        private long randomSteps;
        private Long seedOrNull;
        private long seed;
        private int monitorEvery;
        private DMatrixRMaj xValidation;
        private DMatrixRMaj yValidation;
        private int[] validationLabels;
        private int patience;
        private double minDelta;
        private boolean trainBiases = true;
        private boolean measureTrainingSet = true;
        private final List<Consumer<EpochRecord>> onEpoch = new ArrayList<>();
        private boolean weightMovement;

        private Builder(Network net, Cost cost, Optimizer optimizer) {
            if (net == null || cost == null || optimizer == null) {
                throw new IllegalArgumentException("a trainer needs a network, a cost (e.g. Cost.of(Loss.quadratic(), Reduction.SUM)) "
                        + "and an optimizer (e.g. Optimizer.sgd(0.5)); got " + (net == null ? "no network " : "")
                        + (cost == null ? "no cost " : "") + (optimizer == null ? "no optimizer" : ""));
            }
            this.net = net;
            this.cost = cost;
            this.optimizer = optimizer;
        }

        /** Passes over the training set (mini-batch schedule). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Examples per step (mini-batch schedule); a size ≥ n trains on the full set each step. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Instead of epochs: this many steps, each on one training example drawn at random (seeded). */
        public Builder randomExampleSteps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("the number of random-example steps must be ≥ 1, got " + steps);
            }
            this.randomSteps = steps;
            return this;
        }

        /** The seed of the example order (shuffles, random picks). Required. */
        public Builder seed(long seed) {
            this.seedOrNull = seed;
            this.seed = seed;
            return this;
        }

        /** Writes a history record every {@code steps} optimizer steps instead of after every epoch. */
        public Builder monitorEvery(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("monitoring interval must be ≥ 1 step, got " + steps
                        + " (use monitorEachEpoch() for one record per epoch)");
            }
            this.monitorEvery = steps;
            return this;
        }

        /** One history record after every epoch (the default). */
        public Builder monitorEachEpoch() {
            this.monitorEvery = 0;
            return this;
        }

        /** A validation set (not copied): adds the validation loss column. */
        public Builder validation(DMatrixRMaj x, DMatrixRMaj y) {
            return validation(x, y, null);
        }

        /** A validation set with labels (not copied): adds the validation loss and accuracy columns. */
        public Builder validation(DMatrixRMaj x, DMatrixRMaj y, int[] labels) {
            Preconditions.requireData("validation set", x, y, labels, net.inputs(), net.outputs());
            requireTargets("validation set", cost, y);
            this.xValidation = x;
            this.yValidation = y;
            this.validationLabels = labels;
            return this;
        }

        /** A labelled validation set: targets as in {@link Trainer#fit(Dataset)}; adds the validation loss and accuracy. */
        public Builder validation(Dataset data) {
            if (data == null) {
                throw new IllegalArgumentException("the validation set is null; e.g. Datasets.optdigits().split(0.8, 0.1, seed).validation()");
            }
            return validation(data.x(), targets(data, net), data.labels());
        }

        /** Stops after {@code patience} records without a lower validation loss and restores the best weights. */
        public Builder earlyStopping(int patience) {
            return earlyStopping(patience, 0);
        }

        /** As {@link #earlyStopping(int)}, counting only improvements larger than minDelta. */
        public Builder earlyStopping(int patience, double minDelta) {
            if (patience < 1) {
                throw new IllegalArgumentException("early-stopping patience must be ≥ 1 record, got " + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("early-stopping minDelta must be finite and ≥ 0, got " + minDelta);
            }
            this.patience = patience;
            this.minDelta = minDelta;
            return this;
        }

        /**
         * Whether the biases are updated (default true). False keeps them fixed, as the worked example's
         * code in the deep-learning notes does.
         */
        public Builder trainBiases(boolean trainBiases) {
            this.trainBiases = trainBiases;
            return this;
        }

        /**
         * Whether each record evaluates the whole training set for the train loss and accuracy columns
         * (default true). That forward pass costs about half an epoch of training per record; false leaves
         * those columns out and keeps the free batch loss, e.g. for timing runs on a large set.
         */
        public Builder measureTrainingSet(boolean measure) {
            this.measureTrainingSet = measure;
            return this;
        }

        /**
         * Calls {@code listener} with an {@link EpochRecord} before the first step (epoch 0) and after every
         * epoch; several listeners are called in the order they were added.
         */
        public Builder onEpoch(Consumer<EpochRecord> listener) {
            if (listener == null) {
                throw new IllegalArgumentException("onEpoch needs a listener, e.g. .onEpoch(r -> System.out.println(r.epoch())), got null");
            }
            onEpoch.add(listener);
            return this;
        }

        /** Shows the progress of training below the notebook cell, updated in place (printed lines outside a notebook): {@link Progress}. */
        public Builder progress() {
            return onEpoch(new Progress());
        }

        /**
         * Adds the {@link History#WEIGHT_MOVEMENT} columns: at every record, how far each layer's W has
         * moved from where this run started, ‖W(l) − W₀(l)‖ / ‖W₀(l)‖ (computed by {@code WeightMovement}).
         */
        public Builder monitorWeightMovement() {
            this.weightMovement = true;
            return this;
        }

        public Trainer build() {
            if (randomSteps > 0 && (epochs > 0 || batchSize > 0)) {
                throw new IllegalStateException("choose one schedule: epochs(..) with batchSize(..), or randomExampleSteps(..), not both");
            }
            if (randomSteps == 0 && (epochs == 0 || batchSize == 0)) {
                throw new IllegalStateException("choose the schedule: .epochs(e).batchSize(b) for mini-batches, "
                        + "or .randomExampleSteps(s) for one random example per step (missing: "
                        + (epochs == 0 ? "epochs " : "") + (batchSize == 0 ? "batchSize" : "") + ")");
            }
            if (seedOrNull == null) {
                throw new IllegalStateException("choose the seed of the example order: .seed(42); same seed, same training run");
            }
            if (patience > 0 && xValidation == null) {
                throw new IllegalStateException("early stopping watches the validation loss: add .validation(xVal, yVal)");
            }
            return new Trainer(this);
        }
    }
}
