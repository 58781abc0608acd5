package nnlab.grade;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The notebook grader in a real JShell, run in this JVM as both JShell-based kernels (the project's and
 * JJava) run it: cells compiled into REPL.$JShell$… classes, the library on the class path.
 */
class GradingInJShellTest {
    private static JShell shell;

    /** A fresh JShell for every test: declarations of one test must not be seen by the next. */
    @BeforeEach
    void start() throws Exception {
        shell = JShell.builder().executionEngine("local").build();
        for (Class<?> c : List.of(Grader.class, DMatrixRMaj.class)) {
            shell.addToClasspath(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        ok("import nnlab.grade.*;");
        ok("import org.ejml.data.DMatrixRMaj;");
    }

    @AfterEach
    void stop() {
        shell.close();
        System.getProperties().remove(CellLines.PROPERTY);
    }

    /** The event of the snippet itself (not of the earlier declarations it replaced or updated). */
    private static SnippetEvent own(String source) {
        return shell.eval(source).stream().filter(e -> e.causeSnippet() == null).reduce((a, b) -> b).orElseThrow();
    }

    /** Evaluates a cell that must compile and run; returns its value as JShell shows it. */
    private static String ok(String source) {
        SnippetEvent last = own(source);
        if (!last.status().isDefined() || last.exception() != null) {
            fail(source + "\n→ " + last.status() + " " + (last.exception() == null ? shell.diagnostics(last.snippet()).toList()
                    : last.exception().getMessage()));
        }
        return last.value();
    }

    private static Snippet.Status status(String source) {
        return own(source).status();
    }

    /** Runs a cell that must throw; returns the exception's class name and message. */
    private static String thrown(String source) {
        SnippetEvent last = own(source);
        if (!(last.exception() instanceof EvalException e)) {
            fail(source + " should have thrown, status " + last.status() + ", value " + last.value());
            return null;
        }
        return e.getExceptionClassName() + ": " + e.getMessage();
    }

    private static final String SIGMOID_GRADIENT = """
            double[] sigmoidGradient(double[] z) {
                double[] g = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    double s = 1 / (1 + Math.exp(-z[i]));
                    g[i] = s * (1 - s);
                }
                return g;
            }""";

    private static final String UNROLL = """
            double[] unroll(DMatrixRMaj... thetas) {
                int n = 0;
                for (DMatrixRMaj t : thetas) n += t.getNumElements();
                double[] v = new double[n];
                int k = 0;
                for (DMatrixRMaj t : thetas)
                    for (int c = 0; c < t.numCols; c++)
                        for (int r = 0; r < t.numRows; r++) v[k++] = t.get(r, c);
                return v;
            }""";

    private static final String RESHAPE = """
            DMatrixRMaj reshape(double[] v, int from, int to, int rows, int cols) {
                DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                for (int k = 0; k < rows * cols; k++) m.set(k % rows, k / rows, v[from - 1 + k]);
                return m;
            }""";

    @Test
    void aCellThatDoesNotCompileCostsOnlyItsOwnParts() {
        ok(SIGMOID_GRADIENT);
        assertEquals(Snippet.Status.REJECTED, status(
                "double nnCost(double[] p, int in, int h, int k, DMatrixRMaj X, int[] y, double lambda) { return lambda +* 2; }"));
        ok(UNROLL);
        ok(RESHAPE);
        ok("var grade = Assignments.exercise1();"); // compiles although nnCost does not exist
        ok("grade.part(\"sigmoidGradient\");");
        String cost = thrown("grade.part(\"cost without regularization\");");
        assertEquals("nnlab.grade.PartFailed: cost without regularization: 0 / 3 points — nnCost's cell did not compile "
                + "(or has not been run) — fix it there and run it, then grade again", cost);
        assertTrue(thrown("grade.part(\"regularization term\");").contains("nnCost's cell did not compile"));
        ok("grade.part(\"unroll\");");
        ok("grade.part(\"reshape\");");
        assertEquals("4", ok("grade.report().total()"), "9 points less the cost's 3 and the regularization's 2");
        assertEquals("9", ok("grade.report().max()"));
        String table = ok("grade.toString()");
        assertTrue(table.contains("✗ cost without regularization") && table.contains("✓ unroll") && table.contains("Score: 4 / 9"), table);
    }

    @Test
    void aMethodFixedAfterTheGradingCellIsFound() {
        ok("var late = Assignments.exercise1();");
        assertTrue(thrown("late.part(\"sigmoidGradient\");").contains("sigmoidGradient's cell did not compile"));
        ok("double[] sigmoidGradient(double[] z) { return new double[z.length]; }");
        assertTrue(thrown("late.part(\"sigmoidGradient\");").contains("first mismatch at index 0"), "the wrong version is graded");
        ok(SIGMOID_GRADIENT); // the same declaration again: a newer version of the same wrapper class
        ok("late.part(\"sigmoidGradient\");");
        assertEquals("2", ok("late.report().total()"));
        assertTrue(ok("late.toString()").contains("… unroll"), "parts not graded yet are marked as such");
    }

    @Test
    void stubsOfNbgraderScoreZeroAndSayWhichMethodIsMissing() {
        ok("double[] sigmoidGradient(double[] z) {\n    // YOUR CODE HERE\n    throw new NotImplemented();\n}");
        ok("var stub = Assignments.exercise1();");
        assertTrue(thrown("stub.part(\"sigmoidGradient\");").endsWith("0 / 2 points — not implemented yet: sigmoidGradient"));
    }

    @Test
    void anUnresolvedHelperIsNamedAsNotDeclaredYet() {
        ok("DMatrixRMaj testWeights(DMatrixRMaj W, double p) { return scaledBy(W, 1 - p); }"); // scaledBy is declared nowhere
        ok("var three = Assignments.exercise3();");
        String message = thrown("three.part(\"classic dropout test weights\");");
        assertTrue(message.contains("testWeights uses a method or variable which is not declared yet"), message);
        assertFalse(message.contains("SPIResolutionException"), message);
        ok("DMatrixRMaj scaledBy(DMatrixRMaj W, double f) { DMatrixRMaj t = W.copy(); org.ejml.dense.row.CommonOps_DDRM.scale(f, t); return t; }");
        ok("three.part(\"classic dropout test weights\");");
    }

    @Test
    void aWrongSignatureIsNamed() {
        ok("double[] unroll(DMatrixRMaj a, DMatrixRMaj b) { return new double[0]; }");
        ok("var sig = Assignments.exercise1();");
        String message = thrown("sig.part(\"unroll\");");
        assertTrue(message.contains("unroll is declared as double[] unroll(DMatrixRMaj, DMatrixRMaj), but the grader calls unroll(DMatrixRMaj[])"),
                message);
    }

    @Test
    void anExceptionNamesTheStudentsMethodAndTheKernelsCellLine() {
        ok("void l2Update(DMatrixRMaj W, DMatrixRMaj dW, double eta, double lambda) {\n    int[] a = new int[1];\n    a[2] = 1;\n}");
        ok("var ex3 = Assignments.exercise3();");
        // JJava and IJava have no cell lines: the method alone
        String plain = thrown("ex3.part(\"L2 update (weight decay)\");");
        assertTrue(plain.endsWith("your code threw ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 1 (in l2Update)"), plain);
        // the project's kernel maps the frame: a stand-in mapping names the frame's method and JShell's line
        Function<StackTraceElement, String> lines = f -> f.getClassName().startsWith("REPL.") ? "cell of " + f.getMethodName() : null;
        System.getProperties().put(CellLines.PROPERTY, lines);
        String located = thrown("ex3.part(\"L2 update (weight decay)\");");
        assertTrue(located.endsWith("(in l2Update, cell of l2Update)"), located);
    }

    @Test
    void hiddenTestsCallTheStudentsMethodAndCanTakeThePointsAway() {
        ok(RESHAPE.replace("reshape(", "reshapeHidden("));
        ok("DMatrixRMaj reshape(double[] v, int from, int to, int rows, int cols) { return reshapeHidden(v, from, to, rows, cols); }");
        ok("var hidden = Assignments.exercise1();");
        assertTrue(thrown("hidden.check(\"reshape\", \"early\", () -> {});").contains("grade.part(\"reshape\"); first"));
        ok("hidden.part(\"reshape\");");
        // column by column: v = 1 … 6 as 3 × 2 is [1 4; 2 5; 3 6]
        ok("hidden.check(\"reshape\", \"v = 1 … 6 as 3 × 2\", () -> Expect.close(\"reshape(v(1:6), 3, 2)\", "
                + "new DMatrixRMaj(new double[][]{{1, 4}, {2, 5}, {3, 6}}), "
                + "(DMatrixRMaj) hidden.call(\"reshape\", new double[]{1, 2, 3, 4, 5, 6}, 1, 6, 3, 2), 0));");
        assertEquals("1", ok("hidden.report().results().get(4).points()"));
        String failed = thrown("hidden.check(\"reshape\", \"a transposed expectation\", () -> Expect.close(\"reshape(v(1:6), 2, 3)\", "
                + "new DMatrixRMaj(new double[][]{{1, 2, 3}, {4, 5, 6}}), "
                + "(DMatrixRMaj) hidden.call(\"reshape\", new double[]{1, 2, 3, 4, 5, 6}, 1, 6, 2, 3), 0));");
        assertTrue(failed.contains("reshape: 0 / 1 points — a transposed expectation: reshape(v(1:6), 2, 3): first mismatch at (0, 1)"), failed);
        assertEquals("0", ok("hidden.report().results().get(4).points()"));
        assertTrue(thrown("hidden.call(\"noSuchMethod\", 1)").contains("noSuchMethod's cell did not compile"));
        assertTrue(thrown("hidden.call(\"reshape\", \"text\")").contains("does not take the grader's arguments (String)"));
        ok("double twice(long n, double x) { return 2 * n * x; }");
        assertEquals("12.0", ok("hidden.call(\"twice\", 2, 3)"), "int arguments widen to long and double, as in a call");
        assertTrue(thrown("hidden.call(\"twice\", 2.5, 3)").contains("does not take"), "a double does not narrow to long");
    }

    @Test
    void outsideANotebookCellTheLookupSaysWhatToDoInstead() {
        try {
            Assignments.exercise2();
            fail("no notebook cell is on the stack here");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("pass the methods instead"), e.getMessage());
        }
        assertNull(CellLines.place(new StackTraceElement("REPL.$JShell$3", "f", null, 1)), "no kernel mapping installed");
    }

    @Test
    void wrapperNamesFollowJShellsScheme() {
        assertEquals("", StudentCode.suffix(0));
        assertEquals("B", StudentCode.suffix(1));
        assertEquals("Z", StudentCode.suffix(25));
        assertEquals("BA", StudentCode.suffix(26));
        assertEquals("BE", StudentCode.suffix(30), "the 31st version, as JShell names it");
        assertEquals(12, StudentCode.key("REPL.$JShell$12B"));
        assertEquals(7, StudentCode.key("REPL.$JShell$7$Foo"));
        assertEquals("backpropOne", CellLines.method("lambda$backpropOne$0"));
    }
}
