package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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
        assertNull(kernel.eval("String nothing = null;\nnothing")); // JJava shows nothing for null
        assertEquals("[1, 2]", text(kernel.eval("List.of(1, 2)"))); // java.util is imported as in IJava
    }

    @Test
    void aTrailingSemicolonDoesNotHideTheValueAsInJJava() throws Exception {
        // JJava's CodeEvaluator shows variable names and expressions other than a variable assignment,
        // with or without a semicolon; notebooks must give the same outputs under both kernels
        assertEquals("2", text(kernel.eval("1 + 1")));
        assertEquals("2", text(kernel.eval("1 + 1;")));
        assertEquals("5", text(kernel.eval("int[] e = new int[1];\ne[0] = 5;")));
        assertNull(kernel.eval("int f;\nf = 3;"));
        assertNotNull(kernel.eval("System.out.printf(\"%d%n\", 3);")); // the stream printf returns
        assertNull(kernel.eval("System.out.println(3);"));
        assertEquals("7", text(kernel.eval("int d = 7;\nd // the last expression, no semicolon")));
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

    /** Interrupts the kernel once a cell has set this system property (cells run in this JVM). */
    private static Thread interruptWhenPropertySet(String property) {
        System.clearProperty(property);
        Thread interrupter = new Thread(() -> {
            while (System.getProperty(property) == null) {
                Thread.onSpinWait();
            }
            kernel.interrupt();
        });
        interrupter.start();
        return interrupter;
    }

    @Test
    void interruptStopsARunningBusyLoopAndKeepsState() throws Exception {
        kernel.eval("long kept = 42;");
        Thread interrupter = interruptWhenPropertySet("nnlab.test.looping");
        CellError e = assertThrows(CellError.class, () -> kernel.eval("kept = 0;\n"
                + "while (true) { if (System.getProperty(\"nnlab.test.looping\") == null) "
                + "System.setProperty(\"nnlab.test.looping\", \"yes\"); }\nkept = 1;"));
        interrupter.join();
        assertEquals("Interrupted", e.errorName());
        assertEquals("interrupted", e.getMessage());
        assertEquals("0", text(kernel.eval("kept"))); // the statement before the loop ran, the one after did not
    }

    @Test
    void interruptArrivingWhileTheNextSnippetCompilesStopsItWhenItStarts() throws Exception {
        // the property is set by the snippet before the loop: the interrupt lands while JShell compiles the loop
        Thread interrupter = interruptWhenPropertySet("nnlab.test.compiling");
        CellError e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(CellError.class,
                () -> kernel.eval("System.setProperty(\"nnlab.test.compiling\", \"yes\");\nwhile (true) { }")));
        interrupter.join();
        assertEquals("Interrupted", e.errorName());
    }

    @Test
    void aValueThatCannotBeShownIsADisplayErrorNotAKernelFault() throws Exception {
        kernel.eval("class Broken { public String toString() { throw new IllegalStateException(\"no text\"); } }");
        CellError e = assertThrows(CellError.class, () -> kernel.eval("new Broken()"));
        assertEquals("DisplayError", e.errorName());
        assertTrue(e.getMessage().endsWith("could not be shown: no text"), e.getMessage());
        assertEquals("2", text(kernel.eval("1 + 1")));
    }

    @Test
    void whileACellRunsLibraryCodeCanAskForTheCellLineOfAFrame() throws Exception {
        String key = "nnlab.kernel.cellLine"; // the contract's name, written out: library code cannot import it
        assertNull(System.getProperties().get(key), "present only while a cell runs");
        kernel.eval("String whereAmI() {\n    var f = (java.util.function.Function<StackTraceElement, String>)\n"
                + "        System.getProperties().get(\"" + key + "\");\n"
                + "    return f.apply(new Throwable().getStackTrace()[0]) + \" | \"\n"
                + "        + f.apply(new StackTraceElement(\"java.lang.Math\", \"abs\", \"Math.java\", 10));\n}");
        String answer = text(kernel.eval("// a call from a later cell\nwhereAmI()"));
        assertTrue(answer.matches("In \\[\\d+], line 4 \\| null"), "the frame inside the method, a JDK frame: " + answer);
        assertNull(System.getProperties().get(key), "removed when the cell ends");
    }

    @Test
    void startUpGivesWhatJJavasGives() throws Exception {
        assertEquals("PT3S", text(kernel.eval("Duration.ofSeconds(3)")), "java.time is imported");
        assertNull(kernel.eval("printf(\"%d%n\", 5)"), "printf returns nothing, so it may end a cell");
    }

    @Test
    void timeShowsTheValueOfWhatItTimed() throws Exception {
        assertEquals("6", text(kernel.eval("%time 2 * 3")));
        assertEquals("3", text(kernel.eval("%time \"a b\".length()")), "quotes are code, not magic arguments");
        assertEquals("12", text(kernel.eval("%%time\nint q = 4;\nq * 3")));
        assertEquals("7", text(kernel.eval("q + 3")), "%%time's code defines what it declares");
    }

    @Test
    void shiftTabOnAPlainIdentifierGivesSignaturesAndTheLibrarysJavadoc() throws Exception {
        kernel.eval("%classpath ../lib/target/nnlab.jar\nimport nnlab.check.*;");
        String code = "int n = 1;\nCheck.close";
        String shown = text(kernel.inspect(code, code.length() - 3, false)); // the cursor inside "close"
        // the Javadoc is the library's, shipped in nnlab.jar: JShell alone finds none for library classes
        assertTrue(shown.contains("void Check.close(String name, double expected, double actual, double tol)\n"
                + "|actual − expected| ≤ tol."), shown);
        assertTrue(shown.contains("Every entry within tol; on failure names the first mismatching entry."),
                "every overload, though the cell has no parenthesis: " + shown);
        String classDoc = text(kernel.inspect("Check", 2, false));
        assertTrue(classDoc.startsWith("nnlab.check.Check\nChecks for notebooks:"), classDoc);
        assertTrue(classDoc.contains("CheckFailed when") && !classDoc.contains("{@link"), "{@link} as its text: " + classDoc);
        kernel.eval("double rate = 0.5;");
        assertEquals("rate:double", text(kernel.inspect("rate * 2", 1, false)));
    }

    @Test
    void completionsCarryTheirKindAndMagicsComplete() throws Exception {
        kernel.eval("double learningRate = 0.5;");
        NnlabKernel.Completion variable = kernel.completion("learningR", 9);
        assertEquals(List.of("learningRate"), variable.matches());
        assertEquals("variable", variable.types().get(0).get("type"));
        assertEquals("learningRate:double", variable.types().get(0).get("signature"));
        NnlabKernel.Completion method = kernel.completion("Math.ab", 7);
        assertTrue(method.matches().contains("abs("), method.matches().toString());
        assertEquals("function", method.types().get(method.matches().indexOf("abs(")).get("type"));
        assertEquals(5, method.start());
        NnlabKernel.Completion magic = kernel.completion("int x = 1;\n%cl", 14);
        assertEquals(List.of("%classpath"), magic.matches());
        assertEquals(11, magic.start(), "the whole magic is replaced");
        assertEquals(List.of("%%time"), kernel.completion("%%t", 3).matches());
        assertEquals("class", NnlabKernel.kindOf("ArrayList", null));
        assertEquals("keyword", NnlabKernel.kindOf("return", null));
    }

    @Test
    void unknownMagicIsAnError() {
        CellError e = assertThrows(CellError.class, () -> kernel.eval("int x9 = 1;\n%nonsense"));
        assertEquals("MagicError", e.errorName());
        assertTrue(e.getMessage().contains("line 2: Unknown magic %nonsense"), e.getMessage());
    }
}
