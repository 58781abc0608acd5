package nnlab.grade;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignmentsTest {

    private static Grader.Report ex1(boolean regularizeBias, boolean forgetOneOverM) {
        return Assignments.exercise1(Solutions::sigmoidGradient,
                (p, in, h, k, X, y, lambda) -> Solutions.nnCost(p, in, h, k, X, y, lambda, regularizeBias, forgetOneOverM),
                Solutions::unroll, Solutions::reshape);
    }

    private static int lost(Grader.Report report, String part) {
        return report.results().stream().filter(r -> r.part().equals(part)).mapToInt(r -> r.max() - r.points()).sum();
    }

    @Test
    void solutionsScoreFullMarks() {
        Grader.Report one = ex1(false, false);
        assertEquals(one.max(), one.total(), one.toString());
        Grader.Report two = Assignments.exercise2(Solutions::backpropOne, (W, b, X, Y) -> Solutions.backpropBatch(W, b, X, Y, false));
        assertEquals(two.max(), two.total(), two.toString());
        Grader.Report three = Assignments.exercise3(Solutions::l2Update, Solutions::l1Update, Solutions::dropout, Solutions::testWeights);
        assertEquals(three.max(), three.total(), three.toString());
    }

    @Test
    void stubsScoreZeroAndEveryPartStillRuns() {
        Grader.Report one = Assignments.exercise1(z -> {
            throw new NotImplemented("sigmoidGradient");
        }, (p, in, h, k, X, y, lambda) -> {
            throw new NotImplemented("nnCost");
        }, t -> {
            throw new NotImplemented("unroll");
        }, (v, f, t, r, c) -> {
            throw new NotImplemented("reshape");
        });
        assertEquals(0, one.total());
        assertEquals(5, one.results().size());
        assertTrue(one.results().get(1).message().startsWith("not implemented yet: nnCost"), one.results().get(1).message());
    }

    @Test
    void regularizingTheBiasLosesExactlyTheRegularizationPart() {
        Grader.Report r = ex1(true, false);
        assertEquals(2, lost(r, "regularization term"), r.toString());
        assertEquals(r.max() - 2, r.total(), r.toString());
    }

    @Test
    void forgettingOneOverMLosesExactlyTheCostPart() {
        Grader.Report r = ex1(false, true);
        assertEquals(3, lost(r, "cost without regularization"), r.toString());
        assertEquals(r.max() - 3, r.total(), r.toString());
    }

    @Test
    void missingSigmaPrimeLosesExactlyTheVectorizedPart() {
        Grader.Report r = Assignments.exercise2(Solutions::backpropOne, (W, b, X, Y) -> Solutions.backpropBatch(W, b, X, Y, true));
        assertEquals(3, lost(r, "vectorized batch vs finite differences"), r.toString());
        assertEquals(r.max() - 3, r.total(), r.toString());
    }

    @Test
    void badReturnsAreNamedNotStackTraces() {
        Grader.Report r = Assignments.exercise2((W, b, x, y) -> null, (W, b, X, Y) -> {
            Object o = null;
            return (nnlab.net.Backprop.Nabla) o;
        });
        assertEquals(0, r.total());
        assertTrue(r.results().get(0).message().contains("null"), r.results().get(0).message());
        Grader.Report nan = Assignments.exercise1(z -> new double[]{Double.NaN, 0, 0, 0, 0, 0, 0},
                (p, in, h, k, X, y, lambda) -> Double.NaN, t -> new double[3], (v, f, t, rows, cols) -> new org.ejml.data.DMatrixRMaj(cols, rows));
        List<Grader.Result> results = nan.results();
        assertTrue(results.get(0).message().contains("NaN"), results.get(0).message());
        assertTrue(results.get(1).message().contains("NaN"), results.get(1).message());
        assertTrue(results.get(3).message().contains("length"), results.get(3).message());
        assertTrue(results.get(4).message().contains("transposed"), results.get(4).message());
    }

    @Test
    void aTransposedBiasGradientIsNamed() {
        Grader.Report r = Assignments.exercise2(Solutions::backpropOne, (W, b, X, Y) -> {
            nnlab.net.Backprop.Nabla right = Solutions.backpropBatch(W, b, X, Y, false);
            List<org.ejml.data.DMatrixRMaj> rows = new java.util.ArrayList<>();
            for (org.ejml.data.DMatrixRMaj column : right.nablaB()) {
                org.ejml.data.DMatrixRMaj row = column.copy();
                row.reshape(1, column.numRows, true);
                rows.add(row);
            }
            return new nnlab.net.Backprop.Nabla(rows, right.nablaW());
        });
        String message = r.results().get(2).message();
        assertTrue(message.contains("nabla_b[0]") && message.contains("transposed?"), message);
    }

    @Test
    void aThrowingPartNamesTheException() {
        Grader.Report r = Assignments.exercise3((W, dW, e, l) -> {
            throw new ArrayIndexOutOfBoundsException("Index 12 out of bounds for length 12");
        }, Solutions::l1Update, Solutions::dropout, Solutions::testWeights);
        Grader.Result first = r.results().get(0);
        assertFalse(first.passed());
        assertTrue(first.message().contains("ArrayIndexOutOfBoundsException"), first.message());
        assertEquals(r.max() - 2, r.total());
    }
}
