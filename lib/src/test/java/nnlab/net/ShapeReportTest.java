package nnlab.net;

import nnlab.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
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
        return Matrices.random(rows, cols, seed);
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
        assertEquals(List.of(), report.mismatches(net, fp, g));
    }

    /** A report for one network does not fit the pass of another: the mismatches name the matrices. */
    @Test
    void aReportForAnotherNetworkIsCaught() {
        Network other = Network.builder(5).dense(3, Activation.sigmoid()).dense(4, Activation.sigmoid()).dense(3, Activation.sigmoid())
                .dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid()).init(Init.normal(1), 7).build();
        DMatrixRMaj x = random(4, 5, 1);
        Gradients g = Backprop.vectorized(other, Loss.quadratic(), Reduction.SUM, x, random(4, 1, 2));
        List<String> wrong = ShapeReport.of(net(), 4).mismatches(other, other.forward(x), g);
        assertTrue(wrong.stream().anyMatch(line -> line.startsWith("W(1)")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(line -> line.startsWith("ΔW(2)")), wrong.toString());
        assertThrows(IllegalArgumentException.class, () -> ShapeReport.of(net(), 5).mismatches(other, other.forward(x), g));
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
