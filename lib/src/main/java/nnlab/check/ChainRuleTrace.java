package nnlab.check;

import nnlab.net.Activation;
import nnlab.net.Layer;
import nnlab.net.Loss;
import nnlab.net.Network;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chain rule for one weight or bias and one example, factor by factor, in the style of the worked
 * example of the deep-learning notes (seed 003):
 * <pre>
 *   ∂E_total/∂w5 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5
 *                = 0.74136507 · 0.186815602 · 0.593269992 = 0.082167041
 * </pre>
 * For a parameter of unit j in layer l the chain is ∂E/∂out_j · ∂out_j/∂net_j · ∂net_j/∂w, where
 * ∂net_j/∂w is the input the weight multiplies (1 for a bias). On the output layer ∂E/∂out_j comes from
 * the loss; on a hidden layer it is the sum over the paths through the units m of the next layer,
 * {@link #pathSum()}: ∂E/∂out_j = Σ_m ∂E/∂net_m · ∂net_m/∂out_j, with ∂net_m/∂out_j = W(l+1)[m, j].
 *
 * <p>Deeper networks: instead of enumerating every path to the output (their number grows as the
 * product of the layer widths), the trace lists the δ recursion {@link #deltas()}: ∂E/∂net_m for every
 * unit of every layer above l, output first, each as ∂E/∂out_m · ∂out_m/∂net_m. Each ∂E/∂out_m of a
 * hidden unit is again such a sum over the layer above, so the listed numbers reproduce the whole
 * computation one layer at a time.
 *
 * <p>Where the loss adds up a part per output (element-wise output activation: quadratic, sigmoid
 * cross-entropy), the per-output part is named as the document does (E_o1 = ½(target_o1 − out_o1)²), so a
 * path through o1 reads ∂E_o1/∂out_h1 = ∂E_o1/∂net_o1 · ∂net_o1/∂out_h1. With a softmax output every
 * output depends on every net input; the chain then starts at ∂E/∂net_j (the output δ) directly.
 * Hidden layers must be element-wise (sigmoid, tanh, ReLU, …); maxout and hidden softmax are refused.
 *
 * <p>The numbers are computed here from the forward values, the loss's ∂E/∂a and the activations' g′,
 * independently of {@link nnlab.net.Backprop}, so comparing {@link #value()} with backprop's gradient is a
 * real check. Nothing is asserted inside: the caller compares (e.g. with {@link Check#close}).
 */
public final class ChainRuleTrace {

    /** One partial derivative with its value, e.g. ∂out_o1/∂net_o1 = 0.186815602. */
    public record Factor(String symbol, double value) {
        @Override
        public String toString() {
            return symbol + " = " + format(value);
        }
    }

    /** A derivative written as a product of factors: symbol = Π factors = value. */
    public record Product(String symbol, List<Factor> factors, double value) {
        public Product {
            factors = List.copyOf(factors);
        }

        /** "∂E_o1/∂net_o1 · ∂net_o1/∂out_h1". */
        public String expression() {
            return factors.stream().map(Factor::symbol).collect(Collectors.joining(" · "));
        }

        /** "0.138498562 · 0.4". */
        public String numbers() {
            return factors.stream().map(f -> format(f.value(), true)).collect(Collectors.joining(" · "));
        }

        @Override
        public String toString() {
            return symbol + " = " + expression() + " = " + numbers() + " = " + format(value);
        }
    }

    /** ∂E/∂out_j of a hidden unit as a sum over the paths through the next layer. */
    public record PathSum(String symbol, List<Product> paths, double value) {
        public PathSum {
            paths = List.copyOf(paths);
        }

        @Override
        public String toString() {
            return symbol + " = " + paths.stream().map(Product::symbol).collect(Collectors.joining(" + "))
                    + " = " + paths.stream().map(p -> format(p.value(), true)).collect(Collectors.joining(" + "))
                    + " = " + format(value);
        }
    }

    private final String parameter;
    private final Product chain;
    private final PathSum pathSum;
    private final List<Product> deltas;

    private ChainRuleTrace(String parameter, Product chain, PathSum pathSum, List<Product> deltas) {
        this.parameter = parameter;
        this.chain = chain;
        this.pathSum = pathSum;
        this.deltas = List.copyOf(deltas);
    }

    /** The trace of weight W(l)[j, k] (j, k 0-based as in {@code layer(l).W().get(j, k)}) with the default names. */
    public static ChainRuleTrace weight(Network net, Loss loss, double[] x, double[] y, int l, int j, int k) {
        return weight(net, loss, x, y, l, j, k, Naming.standard());
    }

    /** The trace of weight W(l)[j, k] (0-based j, k) with the given names. */
    public static ChainRuleTrace weight(Network net, Loss loss, double[] x, double[] y, int l, int j, int k, Naming names) {
        Layer layer = net.layer(l);
        requireIndex("unit j", j, layer.units(), l);
        requireIndex("input k", k, layer.in(), l);
        return trace(net, loss, x, y, l, j, k, names);
    }

    /** The trace of bias b(l)[j] (0-based j) with the default names. */
    public static ChainRuleTrace bias(Network net, Loss loss, double[] x, double[] y, int l, int j) {
        return bias(net, loss, x, y, l, j, Naming.standard());
    }

    /** The trace of bias b(l)[j] (0-based j) with the given names. */
    public static ChainRuleTrace bias(Network net, Loss loss, double[] x, double[] y, int l, int j, Naming names) {
        requireIndex("unit j", j, net.layer(l).units(), l);
        return trace(net, loss, x, y, l, j, -1, names);
    }

    /** The trace of the parameter with this name under the naming, e.g. "w5" with {@link Naming#workedExample()}. */
    public static ChainRuleTrace of(Network net, Loss loss, double[] x, double[] y, String parameter, Naming names) {
        requireTraceable(net, names);
        List<String> known = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            Layer layer = net.layer(l);
            for (int j = 0; j < layer.units(); j++) {
                for (int k = 0; k < layer.in(); k++) {
                    if (names.weight(l, j, k).equals(parameter)) {
                        return trace(net, loss, x, y, l, j, k, names);
                    }
                    known.add(names.weight(l, j, k));
                }
                if (names.bias(l, j).equals(parameter)) {
                    return trace(net, loss, x, y, l, j, -1, names);
                }
                known.add(names.bias(l, j));
            }
        }
        throw new IllegalArgumentException("no parameter is named \"" + parameter + "\" under this naming; the names are "
                + (known.size() > 40 ? known.subList(0, 40) + " …" : known));
    }

    /** The parameter's name, e.g. "w5". */
    public String parameter() {
        return parameter;
    }

    /** ∂E/∂w as the product ∂E/∂out_j · ∂out_j/∂net_j · ∂net_j/∂w (two factors with a softmax output). */
    public Product chain() {
        return chain;
    }

    /** The factors of {@link #chain()}. */
    public List<Factor> factors() {
        return chain.factors();
    }

    /** The value of ∂E/∂w: the product of the factors. */
    public double value() {
        return chain.value();
    }

    /** For a hidden-layer parameter, ∂E/∂out_j as the sum over the next layer's units; null on the output layer. */
    public PathSum pathSum() {
        return pathSum;
    }

    /** The δ recursion ∂E/∂net_m for every unit of the layers above the parameter's, output layer first. */
    public List<Product> deltas() {
        return deltas;
    }

    /** Every factor, product, path and δ as rows: part, symbol, expression, numbers, value. */
    public Table table() {
        List<String[]> rows = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Factor f : chain.factors()) {
            rows.add(new String[]{"factor", f.symbol(), "", ""});
            values.add(f.value());
        }
        rows.add(new String[]{"∂E/∂w", chain.symbol(), chain.expression(), chain.numbers()});
        values.add(chain.value());
        if (pathSum != null) {
            for (Product path : pathSum.paths()) {
                rows.add(new String[]{"path", path.symbol(), path.expression(), path.numbers()});
                values.add(path.value());
            }
            rows.add(new String[]{"path sum", pathSum.symbol(),
                    pathSum.paths().stream().map(Product::symbol).collect(Collectors.joining(" + ")),
                    pathSum.paths().stream().map(p -> format(p.value(), true)).collect(Collectors.joining(" + "))});
            values.add(pathSum.value());
        }
        for (Product delta : deltas) {
            rows.add(new String[]{"δ", delta.symbol(), delta.expression(), delta.numbers()});
            values.add(delta.value());
        }
        String[] headers = {"part", "symbol", "= product / sum of", "numbers"};
        Table table = Table.create("chain rule for " + parameter);
        for (int c = 0; c < headers.length; c++) {
            int column = c;
            table.addColumns(StringColumn.create(headers[c], rows.stream().map(r -> r[column]).toList()));
        }
        table.addColumns(DoubleColumn.create("value", values.stream().mapToDouble(Double::doubleValue).toArray()));
        return table;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        String indent = " ".repeat(chain.symbol().length());
        s.append(chain.symbol()).append(" = ").append(chain.expression()).append('\n');
        s.append(indent).append(" = ").append(chain.numbers()).append('\n');
        s.append(indent).append(" = ").append(format(chain.value())).append('\n');
        if (pathSum != null) {
            s.append("where ").append(pathSum).append('\n');
            for (Product path : pathSum.paths()) {
                s.append("  ").append(path).append('\n');
            }
        }
        if (!deltas.isEmpty()) {
            s.append("δ recursion (∂E/∂net of the layers above, output first):\n");
            for (Product delta : deltas) {
                s.append("  ").append(delta).append('\n');
            }
        }
        return s.toString();
    }

    private static ChainRuleTrace trace(Network net, Loss loss, double[] x, double[] y, int l, int j, int k, Naming names) {
        requireTraceable(net, names);
        int L = net.depth();
        requireVector("x", x, net.inputs());
        requireVector("y", y, net.outputs());
        // forward pass, one example as a row
        DMatrixRMaj[] z = new DMatrixRMaj[L + 1];
        DMatrixRMaj[] a = new DMatrixRMaj[L + 1];
        a[0] = DMatrixRMaj.wrap(1, x.length, x.clone());
        for (int h = 1; h <= L; h++) {
            Layer layer = net.layer(h);
            z[h] = new DMatrixRMaj(1, layer.units());
            a[h] = new DMatrixRMaj(1, layer.out());
            layer.forward(a[h - 1], z[h], a[h]);
        }
        Activation top = net.layer(L).activation();
        boolean separable = top instanceof Activation.Elementwise;
        DMatrixRMaj target = DMatrixRMaj.wrap(1, y.length, y.clone());

        // δ recursion from the output down to the layer above l: delta[h][m] = ∂E/∂net_m of layer h
        double[][] delta = new double[L + 1][];
        List<Product> listed = new ArrayList<>();
        for (int h = L; h > l; h--) {
            int units = net.layer(h).units();
            delta[h] = new double[units];
            for (int m = 0; m < units; m++) {
                Product d = deltaOf(net, loss, names, z, a, target, delta, h, m, separable);
                delta[h][m] = d.value();
                listed.add(d);
            }
        }

        String cost = names.cost();
        String net_j = names.net(l, j);
        String out_j = names.out(l, j);
        String param = k >= 0 ? names.weight(l, j, k) : names.bias(l, j);
        Factor local = k >= 0
                ? new Factor("∂" + net_j + "/∂" + param, a[l - 1].get(0, k))
                : new Factor("∂" + net_j + "/∂" + param, 1);
        List<Factor> factors = new ArrayList<>();
        PathSum sum = null;
        if (l == L && !separable) {
            factors.add(new Factor("∂" + cost + "/∂" + net_j, deltaOf(net, loss, names, z, a, target, delta, L, j, false).value()));
        } else {
            double dEdOut;
            if (l == L) {
                dEdOut = outputGradient(loss, a[L], target)[j];
            } else {
                sum = pathSum(net, names, delta, l, j, separable);
                dEdOut = sum.value();
            }
            factors.add(new Factor("∂" + cost + "/∂" + out_j, dEdOut));
            factors.add(new Factor("∂" + out_j + "/∂" + net_j, derivative(net.layer(l), z[l].get(0, j))));
        }
        factors.add(local);
        double product = 1;
        for (Factor f : factors) {
            product *= f.value();
        }
        return new ChainRuleTrace(param, new Product("∂" + cost + "/∂" + param, factors, product), sum, listed);
    }

    /** ∂E/∂net_m of unit m in layer h, as ∂E/∂out_m · ∂out_m/∂net_m (or the output δ for softmax). */
    private static Product deltaOf(Network net, Loss loss, Naming names, DMatrixRMaj[] z, DMatrixRMaj[] a, DMatrixRMaj y,
                                   double[][] delta, int h, int m, boolean separable) {
        int L = net.depth();
        String out = names.out(h, m);
        String netName = names.net(h, m);
        if (h == L && !separable) {
            DMatrixRMaj d = new DMatrixRMaj(1, a[L].numCols);
            loss.outputDelta(net.layer(L).activation(), z[L], a[L], y, d);
            String symbol = "∂" + names.cost() + "/∂" + netName;
            return new Product(symbol, List.of(new Factor(symbol, d.get(0, m))), d.get(0, m));
        }
        String cost = h == L ? names.costOfOutput(m) : names.cost();
        double dEdOut;
        if (h == L) {
            dEdOut = outputGradient(loss, a[L], y)[m];
        } else {
            dEdOut = 0;
            DMatrixRMaj above = net.layer(h + 1).W();
            for (int u = 0; u < above.numRows; u++) {
                dEdOut += delta[h + 1][u] * above.get(u, m);
            }
        }
        double slope = derivative(net.layer(h), z[h].get(0, m));
        return new Product("∂" + cost + "/∂" + netName,
                List.of(new Factor("∂" + cost + "/∂" + out, dEdOut), new Factor("∂" + out + "/∂" + netName, slope)),
                dEdOut * slope);
    }

    /** ∂E/∂out_j = Σ_m ∂E/∂net_m · ∂net_m/∂out_j over the units m of layer l+1. */
    private static PathSum pathSum(Network net, Naming names, double[][] delta, int l, int j, boolean separable) {
        int L = net.depth();
        String out = names.out(l, j);
        DMatrixRMaj above = net.layer(l + 1).W();
        List<Product> paths = new ArrayList<>();
        double sum = 0;
        for (int m = 0; m < above.numRows; m++) {
            String netName = names.net(l + 1, m);
            boolean perOutput = l + 1 == L && separable;
            String cost = perOutput ? names.costOfOutput(m) : names.cost();
            String symbol = perOutput ? "∂" + cost + "/∂" + out : "∂" + cost + "/∂" + out + " via " + netName;
            double w = above.get(m, j);
            double value = delta[l + 1][m] * w;
            paths.add(new Product(symbol, List.of(new Factor("∂" + cost + "/∂" + netName, delta[l + 1][m]),
                    new Factor("∂" + netName + "/∂" + out, w)), value));
            sum += value;
        }
        return new PathSum("∂" + names.cost() + "/∂" + out, paths, sum);
    }

    private static double[] outputGradient(Loss loss, DMatrixRMaj a, DMatrixRMaj y) {
        DMatrixRMaj dA = new DMatrixRMaj(1, a.numCols);
        loss.gradient(a, y, dA);
        return dA.data;
    }

    private static double derivative(Layer layer, double z) {
        return ((Activation.Elementwise) layer.activation()).derivative(z);
    }

    /** Element-wise activations everywhere except a softmax output, and names that fit the network. */
    private static void requireTraceable(Network net, Naming names) {
        int L = net.depth();
        for (int h = 1; h <= L; h++) {
            Activation g = net.layer(h).activation();
            if (!(g instanceof Activation.Elementwise) && (h < L || g != Activation.softmax())) {
                throw new IllegalArgumentException("the chain-rule trace needs element-wise activations (sigmoid, tanh, ReLU, …) "
                        + "and allows softmax only on the output layer; layer " + h + " uses " + g.name());
            }
        }
        names.requireFits(net);
    }

    private static void requireIndex(String what, int index, int size, int l) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(what + " = " + index + " is outside 0 … " + (size - 1) + " for layer " + l
                    + " (0-based, as in layer(l).W().get(j, k))");
        }
    }

    private static void requireVector(String what, double[] v, int length) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException(what + " must hold " + length + " numbers (one example), got "
                    + (v == null ? "null" : v.length));
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; the trace needs finite numbers");
            }
        }
    }

    static String format(double v) {
        return format(v, false);
    }

    /** Nine significant digits, trailing zeros dropped; negative numbers in parentheses inside products. */
    static String format(double v, boolean bracketNegative) {
        String s = !Double.isFinite(v) ? Double.toString(v)
                : v == 0 ? "0" : new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros().toPlainString();
        s = s.replace('-', '−');
        return bracketNegative && v < 0 ? "(" + s + ")" : s;
    }

    /**
     * How units, parameters and the cost are written. {@link #standard()} works for any network:
     * inputs x_k, activations a(l)_j, net inputs z(l)_j, weights W(l)[j,k], biases b(l)[j], cost C and its
     * per-output parts C_j (all subscripts 1-based, as in the documents). {@link #units} takes the
     * document's names instead; {@link #workedExample()} is the 2-2-2 network of seed 003.
     */
    public static final class Naming {
        private final String cost;
        private final String costPrefix;
        private final String[][] units;
        private final String[] weights;
        private final String[] biases;

        private Naming(String cost, String costPrefix, String[][] units, String[] weights, String[] biases) {
            this.cost = cost;
            this.costPrefix = costPrefix;
            this.units = units;
            this.weights = weights;
            this.biases = biases;
        }

        /** a(l)_j, z(l)_j, W(l)[j,k], b(l)[j], C: names for any network. */
        public static Naming standard() {
            return new Naming("C", "C_", null, null, null);
        }

        /**
         * Names as a document writes them. {@code units[level]} names the units of each level, input first
         * (e.g. {"i1","i2"}, {"h1","h2"}, {"o1","o2"}); a hidden or output unit u is written out_u and net_u,
         * an input unit by its name alone. Weights are named layer by layer, and within a layer unit by
         * unit, input by input (W(1) row by row, then W(2), …); null keeps W(l)[j,k]. Biases likewise, one
         * per unit; null keeps b(l)[j]. The per-output part of the cost is costPrefix + output name.
         *
         * @param cost       the cost's symbol, e.g. "E_total"
         * @param costPrefix e.g. "E_" for E_o1
         */
        public static Naming units(String cost, String costPrefix, String[][] units, String[] weights, String[] biases) {
            if (cost == null || costPrefix == null || units == null) {
                throw new IllegalArgumentException("give the cost's symbol, the prefix of its per-output parts and the unit names per level");
            }
            if (units.length < 2) {
                throw new IllegalArgumentException("name the units of every level, input level first: at least two levels, got " + units.length);
            }
            return new Naming(cost, costPrefix, deepCopy(units), weights == null ? null : weights.clone(),
                    biases == null ? null : biases.clone());
        }

        /**
         * The worked example of seed 003: inputs i1, i2; hidden h1, h2; outputs o1, o2; w1 … w8 (w1, w2 into
         * h1; w3, w4 into h2; w5, w6 into o1; w7, w8 into o2); the cost E_total with parts E_o1, E_o2. The
         * document has one bias per layer, b1 and b2, shared by its units; here every unit has its own, named
         * b1(h1), b1(h2), b2(o1), b2(o2).
         */
        public static Naming workedExample() {
            return units("E_total", "E_",
                    new String[][]{{"i1", "i2"}, {"h1", "h2"}, {"o1", "o2"}},
                    new String[]{"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"},
                    new String[]{"b1(h1)", "b1(h2)", "b2(o1)", "b2(o2)"});
        }

        public String cost() {
            return cost;
        }

        /** The part of the cost that output unit m (0-based) contributes. */
        public String costOfOutput(int m) {
            return costPrefix + (units == null ? String.valueOf(m + 1) : units[units.length - 1][m]);
        }

        /** The activation ("output") of unit j (0-based) of level h; level 0 is the input. */
        public String out(int h, int j) {
            if (units == null) {
                return h == 0 ? "x_" + (j + 1) : "a(" + h + ")_" + (j + 1);
            }
            return h == 0 ? units[0][j] : "out_" + units[h][j];
        }

        /** The net input z of unit j (0-based) of layer h ≥ 1. */
        public String net(int h, int j) {
            return units == null ? "z(" + h + ")_" + (j + 1) : "net_" + units[h][j];
        }

        /** The name of W(l)[j, k] (0-based j, k). */
        public String weight(int l, int j, int k) {
            return weights == null ? "W(" + l + ")[" + (j + 1) + "," + (k + 1) + "]" : weights[weightIndex(l, j, k)];
        }

        /** The name of b(l)[j] (0-based j). */
        public String bias(int l, int j) {
            return biases == null ? "b(" + l + ")[" + (j + 1) + "]" : biases[biasIndex(l, j)];
        }

        /** Fails unless the names match the network's levels and parameter counts. */
        void requireFits(Network net) {
            if (units == null) {
                return;
            }
            int[] sizes = net.sizes();
            int[] given = Arrays.stream(units).mapToInt(u -> u.length).toArray();
            if (!Arrays.equals(given, sizes)) {
                throw new IllegalArgumentException("the unit names per level have sizes " + Arrays.toString(given)
                        + " but the network's levels have " + Arrays.toString(sizes) + "; give one name per unit, input level first");
            }
            int weightCount = 0;
            int biasCount = 0;
            for (int l = 1; l < sizes.length; l++) {
                weightCount += sizes[l] * sizes[l - 1];
                biasCount += sizes[l];
            }
            requireCount("weights", weights, weightCount);
            requireCount("biases", biases, biasCount);
        }

        private static void requireCount(String what, String[] names, int expected) {
            if (names != null && names.length != expected) {
                throw new IllegalArgumentException("the network has " + expected + " " + what + " but " + names.length
                        + " names were given (layer by layer, unit by unit, input by input)");
            }
        }

        /** Position of W(l)[j, k] in the weight names: earlier layers first, then row j, column k. */
        private int weightIndex(int l, int j, int k) {
            int offset = 0;
            for (int h = 1; h < l; h++) {
                offset += units[h].length * units[h - 1].length;
            }
            return offset + j * units[l - 1].length + k;
        }

        private int biasIndex(int l, int j) {
            int offset = 0;
            for (int h = 1; h < l; h++) {
                offset += units[h].length;
            }
            return offset + j;
        }

        private static String[][] deepCopy(String[][] units) {
            String[][] copy = new String[units.length][];
            for (int i = 0; i < units.length; i++) {
                copy[i] = units[i].clone();
            }
            return copy;
        }
    }
}
