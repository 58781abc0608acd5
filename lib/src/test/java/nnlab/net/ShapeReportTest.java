package nnlab.net;

import nnlab.check.DeltaCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeReportTest {

    private static Network net() {
        return Network.builder(5)
                .dense(2, Activation.sigmoid()).dense(4, Activation.sigmoid()).dense(3, Activation.sigmoid())
                .dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.normal(1), 7).build();
    }

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = r.nextDouble(-1, 1);
        }
        return m;
    }

    /** Every predicted library shape equals the shape of the matrix a real forward and backward pass produces. */
    @Test
    void libraryShapesMatchARealPass() {
        Network net = net();
        int n = 7;
        DMatrixRMaj x = random(n, 5, 1);
        DMatrixRMaj y = random(n, 1, 2);
        ForwardPass fp = net.forward(x);
        Gradients g = Backprop.vectorized(net, Loss.quadratic(), Reduction.SUM, x, y);
        ShapeReport report = ShapeReport.of(net, n);
        for (ShapeReport.Entry e : report.entries()) {
            DMatrixRMaj actual = actual(e, net, fp, g);
            assertEquals(e.libraryRows(), actual.numRows, e.quantity() + " rows");
            assertEquals(e.libraryCols(), actual.numCols, e.quantity() + " cols");
        }
    }

    private static DMatrixRMaj actual(ShapeReport.Entry e, Network net, ForwardPass fp, Gradients g) {
        String a = e.nnlab();
        int l = e.layer();
        if (a.startsWith("fp.a(")) return fp.a(l);
        if (a.startsWith("fp.z(")) return fp.z(l);
        if (a.startsWith("net.layer(")) return net.layer(l).W();
        if (a.startsWith("g.delta(")) return g.delta(l);
        if (a.startsWith("g.dW(")) return g.dW(l);
        if (a.startsWith("g.db(")) return g.db(l);
        if (a.startsWith("g.dA(")) return g.dA(l);
        if (a.startsWith("loss.gradient")) return fp.output();
        throw new AssertionError("unknown accessor " + a);
    }

    /** In the document's convention every W and ΔW is (in × out) and the operand shapes chain. */
    @Test
    void documentConventionIsInTimesOut() {
        ShapeReport report = ShapeReport.of(net(), 32);
        assertEquals("(2 × 4)", report.entry("W(2)").shape());
        assertEquals("(2 × 4)", report.entry("ΔW(2)").shape());
        assertEquals("(2 × 32) @ (32 × 4)", report.entry("ΔW(2)").operands());
        assertTrue(report.entry("ΔW(2)").sumsOverBatch());
        assertFalse(report.entry("Z(2)").sumsOverBatch());
        assertEquals("(32 × 2) @ (2 × 4)", report.entry("Z(2)").operands());
        assertEquals("(32 × 1)", report.entry("∂Loss/∂O(5)").shape());
        assertEquals(report.entries().size(), report.table().rowCount());
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeReport.of(net(), 0));
        assertTrue(e.getMessage().contains("batch size"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ShapeReport.of(net(), 3).entry("Q(9)"));
        assertTrue(missing.getMessage().contains("ΔW(1)"));
    }
}
