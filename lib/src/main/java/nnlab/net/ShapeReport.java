package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of every matrix in one training step of a network on a batch of n examples: the forward
 * pass (Z, O, W), the backward pass (∂Loss/∂O, ∂Loss/∂Z, ΔW, Δb) and the update, derived from the
 * network's layer sizes alone.
 *
 * <p>Each entry is written twice. In the "people afraid of math" convention a layer maps O (n × k) to
 * Z = O @ W (n × j), so W is (k × j) = in × out and ΔW = Oᵀ @ ∂Loss/∂Z; in nnlab a layer stores
 * W (out × in), so the same quantities are Wᵀ and dW = δᵀ·a. The report names the nnlab accessor of
 * every entry, so a notebook can compare each predicted shape with the real matrix.
 *
 * <p>Products whose inner dimension is n sum over the batch: that is where n "disappears", and
 * {@link Entry#sumsOverBatch()} marks them.
 */
public final class ShapeReport {

    /** The three parts of a training step. */
    public enum Step { FORWARD, BACKWARD, UPDATE }

    /**
     * One matrix. {@code formula} and {@code operands} use the document's convention (W is in × out,
     * {@code @} is a matrix product, {@code *} element-wise); rows × cols is its shape there.
     * {@code nnlab} names where the library keeps it, with shape libraryRows × libraryCols.
     */
    public record Entry(Step step, int layer, String quantity, String formula, String operands,
                        int rows, int cols, boolean sumsOverBatch,
                        String nnlab, int libraryRows, int libraryCols) {

        /** "(rows × cols)". */
        public String shape() {
            return dims(rows, cols);
        }

        /** The shape of the library's matrix, "(rows × cols)". */
        public String libraryShape() {
            return dims(libraryRows, libraryCols);
        }
    }

    private final int[] sizes;
    private final int n;
    private final List<Entry> entries = new ArrayList<>();

    private ShapeReport(Network net, int n) {
        this.sizes = net.sizes();
        this.n = n;
        build(net);
    }

    /** The shapes for a batch of n examples through {@code net}. */
    public static ShapeReport of(Network net, int n) {
        if (net == null) {
            throw new IllegalArgumentException("network is null; build one with Network.builder(inputs)…build()");
        }
        if (n < 1) {
            throw new IllegalArgumentException("batch size n must be ≥ 1, got " + n);
        }
        for (int l = 1; l <= net.depth(); l++) {
            if (net.layer(l).activation().piecesPerOutput() != 1) {
                throw new IllegalArgumentException("layer " + l + " is " + net.layer(l).activation().name()
                        + "; the shape report covers layers with one unit per output (not maxout)");
            }
        }
        return new ShapeReport(net, n);
    }

    public int batchSize() {
        return n;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entry with this quantity name, e.g. "ΔW(2)". */
    public Entry entry(String quantity) {
        for (Entry e : entries) {
            if (e.quantity().equals(quantity)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no entry \"" + quantity + "\" in this report; the names are "
                + entries.stream().map(Entry::quantity).toList());
    }

    /**
     * Compares every entry's nnlab shape with the matrix a real pass produced: {@code fp} a forward pass
     * and {@code g} the gradients of the same batch through {@code net}. Returns one line per mismatch,
     * empty when the report and the pass agree.
     */
    public List<String> mismatches(Network net, ForwardPass fp, Gradients g) {
        if (fp.batchSize() != n) {
            throw new IllegalArgumentException("this report is for a batch of " + n + " but the pass has " + fp.batchSize()
                    + " rows; make the report with ShapeReport.of(net, " + fp.batchSize() + ")");
        }
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            DMatrixRMaj m = matrix(e, net, fp, g);
            if (m.numRows != e.libraryRows() || m.numCols != e.libraryCols()) {
                out.add(e.quantity() + ": predicted " + e.libraryShape() + " for " + e.nnlab() + ", the pass has " + dims(m.numRows, m.numCols));
            }
        }
        return out;
    }

    /** The library matrix an entry describes; ∂Loss/∂O(L) = O(L) − Y has the shape of the output. */
    private static DMatrixRMaj matrix(Entry e, Network net, ForwardPass fp, Gradients g) {
        int l = e.layer();
        String at = e.nnlab();
        if (at.startsWith("fp.a(") || at.startsWith("loss.")) {
            return fp.a(l);
        }
        if (at.startsWith("fp.z(")) {
            return fp.z(l);
        }
        if (at.startsWith("net.layer(")) {
            return net.layer(l).W();
        }
        if (at.startsWith("g.delta(")) {
            return g.delta(l);
        }
        if (at.startsWith("g.dW(")) {
            return g.dW(l);
        }
        if (at.startsWith("g.db(")) {
            return g.db(l);
        }
        return g.dA(l);
    }

    /** One row per matrix, in the order a training step computes them. */
    public Table table() {
        int size = entries.size();
        String[] step = new String[size];
        int[] layer = new int[size];
        String[] quantity = new String[size];
        String[] formula = new String[size];
        String[] operands = new String[size];
        String[] shape = new String[size];
        String[] summed = new String[size];
        String[] nnlab = new String[size];
        String[] libraryShape = new String[size];
        for (int i = 0; i < size; i++) {
            Entry e = entries.get(i);
            step[i] = e.step().name().toLowerCase(Locale.ROOT);
            layer[i] = e.layer();
            quantity[i] = e.quantity();
            formula[i] = e.formula();
            operands[i] = e.operands();
            shape[i] = e.shape();
            summed[i] = e.sumsOverBatch() ? "yes" : "";
            nnlab[i] = e.nnlab();
            libraryShape[i] = e.libraryShape();
        }
        return Table.create("shapes for a batch of n = " + n + " through " + sizesText(),
                StringColumn.create("step", step),
                IntColumn.create("layer", layer),
                StringColumn.create("quantity", quantity),
                StringColumn.create("formula", formula),
                StringColumn.create("operands", operands),
                StringColumn.create("shape", shape),
                StringColumn.create("sums over n", summed),
                StringColumn.create("nnlab", nnlab),
                StringColumn.create("nnlab shape", libraryShape));
    }

    private void build(Network net) {
        int L = net.depth();
        int K = sizes[L];
        add(Step.FORWARD, 0, "O(0)", "X", "", n, sizes[0], false, "fp.a(0)", n, sizes[0]);
        for (int l = 1; l <= L; l++) {
            int k = sizes[l - 1];
            int j = sizes[l];
            add(Step.FORWARD, l, "W(" + l + ")", "weights", "", k, j, false, "net.layer(" + l + ").W()", j, k);
            add(Step.FORWARD, l, "Z(" + l + ")", "O(" + (l - 1) + ") @ W(" + l + ") + b(" + l + ")",
                    dims(n, k) + " @ " + dims(k, j), n, j, false, "fp.z(" + l + ")", n, j);
            add(Step.FORWARD, l, "O(" + l + ")", act(net, l) + "(Z(" + l + "))", "", n, j, false, "fp.a(" + l + ")", n, j);
        }
        add(Step.BACKWARD, L, "∂Loss/∂O(" + L + ")", "O(" + L + ") − Y", dims(n, K) + " − " + dims(n, K),
                n, K, false, "loss.gradient(a, y, dA)", n, K);
        for (int l = L; l >= 1; l--) {
            int k = sizes[l - 1];
            int j = sizes[l];
            add(Step.BACKWARD, l, "∂Loss/∂Z(" + l + ")", "∂Loss/∂O(" + l + ") * " + act(net, l) + "′(Z(" + l + "))",
                    dims(n, j) + " * " + dims(n, j), n, j, false, "g.delta(" + l + ")", n, j);
            add(Step.BACKWARD, l, "ΔW(" + l + ")", "O(" + (l - 1) + ")ᵀ @ ∂Loss/∂Z(" + l + ")",
                    dims(k, n) + " @ " + dims(n, j), k, j, true, "g.dW(" + l + ")", j, k);
            add(Step.BACKWARD, l, "Δb(" + l + ")", "1ᵀ @ ∂Loss/∂Z(" + l + ")",
                    dims(1, n) + " @ " + dims(n, j), 1, j, true, "g.db(" + l + ")", j, 1);
            if (l > 1) {
                add(Step.BACKWARD, l - 1, "∂Loss/∂O(" + (l - 1) + ")", "∂Loss/∂Z(" + l + ") @ W(" + l + ")ᵀ",
                        dims(n, j) + " @ " + dims(j, k), n, k, false, "g.dA(" + (l - 1) + ")", n, k);
            }
        }
        for (int l = 1; l <= L; l++) {
            int k = sizes[l - 1];
            int j = sizes[l];
            add(Step.UPDATE, l, "W(" + l + ") − α ΔW(" + l + ")", "after the whole backward pass",
                    dims(k, j) + " − α " + dims(k, j), k, j, false, "net.layer(" + l + ").W()", j, k);
        }
    }

    private void add(Step step, int layer, String quantity, String formula, String operands, int rows, int cols,
                     boolean sums, String nnlab, int libraryRows, int libraryCols) {
        entries.add(new Entry(step, layer, quantity, formula, operands, rows, cols, sums, nnlab, libraryRows, libraryCols));
    }

    private static String act(Network net, int l) {
        String name = net.layer(l).activation().name();
        return name.equals("sigmoid") ? "σ" : name;
    }

    private String sizesText() {
        return Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining("-"));
    }

    private static String dims(int rows, int cols) {
        return "(" + rows + " × " + cols + ")";
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
