package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel without a Jupyter connection: cells in, display data or errors out. */
class NnlabKernelTest {
    private static NnlabKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new NnlabKernel();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void lastExpressionIsTheValueAndStatementsHaveNone() throws Exception {
        assertEquals("6", text(kernel.eval("int a = 2;\nint b = 3;\na * b")));
        assertNull(kernel.eval("int c = 4;"));
        assertNull(kernel.eval("System.out.print(\"\")"));
        assertEquals("null", text(kernel.eval("String nothing = null;\nnothing")));
        assertEquals("[1, 2]", text(kernel.eval("List.of(1, 2)"))); // java.util is imported as in IJava
    }

    @Test
    void compileErrorNamesTheCellLine() {
        CellError e = assertThrows(CellError.class, () -> kernel.eval("int ok = 1;\n\n// why\nint bad = ok +;"));
        assertEquals("CompilationError", e.errorName());
        assertTrue(e.getMessage().matches("In \\[\\d+], line 4: error: .*"), e.getMessage());
        assertTrue(e.traceback().contains("    int bad = ok +;"), e.traceback().toString());
    }

    @Test
    void runtimeErrorPointsIntoTheCellThatDefinedTheMethod() throws Exception {
        kernel.eval("int third(int[] xs) {\n    int n = xs.length;\n    return xs[2] / n;\n}");
        CellError e = assertThrows(CellError.class, () -> kernel.eval("int[] two = {1, 2};\n\nthird(two)"));
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", e.errorName());
        assertEquals("Index 2 out of bounds for length 2", e.getMessage());
        assertTrue(e.traceback().get(1).matches("    at third \\(In \\[\\d+], line 3\\)"), e.traceback().toString());
        assertTrue(e.traceback().get(2).matches("    at In \\[\\d+], line 3"), e.traceback().toString());
        assertEquals(3, e.traceback().size()); // nothing of the kernel or JShell
    }

    @Test
    void interruptStopsABusyLoopAndKeepsState() throws Exception {
        kernel.eval("long kept = 42;");
        // the cell runs in this JVM: a system property tells the test when the loop has started
        Thread interrupter = new Thread(() -> {
            while (System.getProperty("nnlab.test.looping") == null) {
                Thread.onSpinWait();
            }
            kernel.interrupt();
        });
        interrupter.start();
        CellError e = assertThrows(CellError.class,
                () -> kernel.eval("kept = 0;\nSystem.setProperty(\"nnlab.test.looping\", \"yes\");\nwhile (true) { }"));
        interrupter.join();
        assertEquals("Interrupted", e.errorName());
        assertEquals("interrupted", e.getMessage());
        assertEquals("0", text(kernel.eval("kept"))); // the statement before the loop did run
    }

    @Test
    void interruptWhileTheSnippetIsStillCompilingStopsItWhenItStarts() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            // 50 ms after the cell starts JShell is still compiling: the stop must wait for the snippet
            timer.schedule(kernel::interrupt, 50, TimeUnit.MILLISECONDS);
            CellError e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(CellError.class, () -> kernel.eval("while (true) { }")));
            assertEquals("Interrupted", e.errorName());
        } finally {
            timer.shutdownNow();
            kernel.interrupt(); // if the loop escaped, do not let it spin through the other tests
        }
    }

    @Test
    void unknownMagicIsAnError() {
        CellError e = assertThrows(CellError.class, () -> kernel.eval("int x9 = 1;\n%nonsense"));
        assertEquals("MagicError", e.errorName());
        assertTrue(e.getMessage().contains("line 2: Unknown magic %nonsense"), e.getMessage());
    }
}
