package nnlab.net;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole report of a 3-2-1 network (σ hidden, identity output) for n = 4, written out by hand in the
 * order of the "matrix shapes" document: forward layer by layer, backward from the output down, then the
 * updates. Columns: step, layer, quantity, formula, operands, shape, sums over n, nnlab, nnlab shape.
 */
class ShapeReportListingTest {
    private static final List<String> EXPECTED = List.of(
            "forward|0|O(0)|X||(4 × 3)||fp.a(0)|(4 × 3)",
            "forward|1|W(1)|weights||(3 × 2)||net.layer(1).W()|(2 × 3)",
            "forward|1|Z(1)|O(0) @ W(1) + b(1)|(4 × 3) @ (3 × 2)|(4 × 2)||fp.z(1)|(4 × 2)",
            "forward|1|O(1)|σ(Z(1))||(4 × 2)||fp.a(1)|(4 × 2)",
            "forward|2|W(2)|weights||(2 × 1)||net.layer(2).W()|(1 × 2)",
            "forward|2|Z(2)|O(1) @ W(2) + b(2)|(4 × 2) @ (2 × 1)|(4 × 1)||fp.z(2)|(4 × 1)",
            "forward|2|O(2)|identity(Z(2))||(4 × 1)||fp.a(2)|(4 × 1)",
            "backward|2|∂Loss/∂O(2)|O(2) − Y|(4 × 1) − (4 × 1)|(4 × 1)||loss.gradient(a, y, dA)|(4 × 1)",
            "backward|2|∂Loss/∂Z(2)|∂Loss/∂O(2) * identity′(Z(2))|(4 × 1) * (4 × 1)|(4 × 1)||g.delta(2)|(4 × 1)",
            "backward|2|ΔW(2)|O(1)ᵀ @ ∂Loss/∂Z(2)|(2 × 4) @ (4 × 1)|(2 × 1)|yes|g.dW(2)|(1 × 2)",
            "backward|2|Δb(2)|1ᵀ @ ∂Loss/∂Z(2)|(1 × 4) @ (4 × 1)|(1 × 1)|yes|g.db(2)|(1 × 1)",
            "backward|1|∂Loss/∂O(1)|∂Loss/∂Z(2) @ W(2)ᵀ|(4 × 1) @ (1 × 2)|(4 × 2)||g.dA(1)|(4 × 2)",
            "backward|1|∂Loss/∂Z(1)|∂Loss/∂O(1) * σ′(Z(1))|(4 × 2) * (4 × 2)|(4 × 2)||g.delta(1)|(4 × 2)",
            "backward|1|ΔW(1)|O(0)ᵀ @ ∂Loss/∂Z(1)|(3 × 4) @ (4 × 2)|(3 × 2)|yes|g.dW(1)|(2 × 3)",
            "backward|1|Δb(1)|1ᵀ @ ∂Loss/∂Z(1)|(1 × 4) @ (4 × 2)|(1 × 2)|yes|g.db(1)|(2 × 1)",
            "update|1|W(1) − α ΔW(1)|after the whole backward pass|(3 × 2) − α (3 × 2)|(3 × 2)||net.layer(1).W()|(2 × 3)",
            "update|2|W(2) − α ΔW(2)|after the whole backward pass|(2 × 1) − α (2 × 1)|(2 × 1)||net.layer(2).W()|(1 × 2)");

    private static Network net() {
        return Network.builder(3).dense(2, Activation.sigmoid()).dense(1, Activation.identity()).init(Init.uniform(0.5), 1).build();
    }

    @Test
    void theReportIsTheDocumentsListing() {
        ShapeReport report = ShapeReport.of(net(), 4);
        Table t = report.table();
        assertEquals("shapes for a batch of n = 4 through 3-2-1", t.name());
        assertEquals(EXPECTED.size(), t.rowCount(), t.print());
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) {
                line.append(c == 0 ? "" : "|").append(t.column(c).getString(r));
            }
            assertEquals(EXPECTED.get(r), line.toString(), "row " + r);
        }
        assertEquals(4, report.batchSize());
        assertTrue(report.toString().contains("ΔW(2)"), report.toString());
        assertEquals(report.entries().get(0).layer(), 0);
    }

    @Test
    void maxoutAndNullAreRefused() {
        IllegalArgumentException maxout = assertThrows(IllegalArgumentException.class,
                () -> ShapeReport.of(Network.builder(3).maxout(2, 2).dense(1, Activation.sigmoid()).init(Init.uniform(0.5), 1).build(), 4));
        assertTrue(maxout.getMessage().contains("layer 1 is maxout(2)"), maxout.getMessage());
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class,
                () -> ShapeReport.of(Network.builder(3).dense(2, Activation.sigmoid()).maxout(1, 3).init(Init.uniform(0.5), 1).build(), 4));
        assertTrue(last.getMessage().contains("layer 2 is maxout(3)"), last.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShapeReport.of(null, 4));
        assertEquals(1, ShapeReport.of(net(), 1).batchSize());
    }
}
