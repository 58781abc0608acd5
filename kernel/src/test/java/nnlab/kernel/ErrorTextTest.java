package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ErrorTextTest {
    private static StackTraceElement frame(String cls, String method, String file, int line) {
        return new StackTraceElement(cls, method, file, line);
    }

    private static SnippetOrigins origins() {
        SnippetOrigins origins = new SnippetOrigins();
        origins.record("4", "In [2]", 3);   // a method defined from line 4 of cell 2
        origins.record("9", "In [5]", 0);   // the failing call, first line of cell 5
        return origins;
    }

    @Test
    void snippetFramesBecomeCellAndLine() {
        StackTraceElement[] frames = {
            frame("", "divide", "#4", 2),
            frame("", "", "#9", 1),
        };
        List<String> lines = ErrorText.runtime(
                new ErrorText.Failure("java.lang.ArithmeticException", "/ by zero", frames, null), origins());
        // line 2 of a snippet starting at 0-based line 3 is the cell's 5th line
        assertEquals(List.of("java.lang.ArithmeticException: / by zero",
                "    at divide (In [2], line 5)",
                "    at In [5], line 1"), lines);
    }

    @Test
    void kernelAndJShellFramesAreDropped() {
        StackTraceElement[] frames = {
            frame("java.util.ArrayList", "get", "ArrayList.java", 427),
            frame("", "", "#9", 1),
            frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
            frame("java.lang.reflect.Method", "invoke", "Method.java", 568),
            frame("nnlab.kernel.CellExecutionControl", "lambda$invoke$0", "CellExecutionControl.java", 80),
            frame("jdk.jshell.execution.DirectExecutionControl", "invoke", "DirectExecutionControl.java", 1),
            frame("REPL.$JShell$9", "do_it$", "#9", 2), // an untranslated frame reads the same
        };
        List<String> lines = ErrorText.runtime(new ErrorText.Failure(
                "java.lang.IndexOutOfBoundsException", "Index 3 out of bounds for length 2", frames, null), origins());
        assertEquals(List.of("java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 2",
                "    at java.util.ArrayList.get(ArrayList.java:427)",
                "    at In [5], line 1",
                "    at In [5], line 2"), lines);
    }

    @Test
    void causesAreKeptInOrder() {
        ErrorText.Failure inner = new ErrorText.Failure("java.lang.IllegalStateException", null,
                new StackTraceElement[] {frame("", "load", "#4", 1)}, null);
        ErrorText.Failure outer = new ErrorText.Failure("java.lang.RuntimeException", "wrapped",
                new StackTraceElement[] {frame("", "", "#9", 1)}, inner);
        assertEquals(List.of("java.lang.RuntimeException: wrapped", "    at In [5], line 1",
                "Caused by: java.lang.IllegalStateException", "    at load (In [2], line 4)"),
                ErrorText.runtime(outer, origins()));
    }

    @Test
    void recursionIsFoldedAndLongStacksCut() {
        StackTraceElement[] frames = new StackTraceElement[1024];
        java.util.Arrays.fill(frames, frame("", "f", "#4", 1));
        List<String> folded = ErrorText.runtime(
                new ErrorText.Failure("java.lang.StackOverflowError", null, frames, null), origins());
        assertEquals(List.of("java.lang.StackOverflowError", "    at f (In [2], line 4)",
                "    ... the line above repeated 1023 more times"), folded);

        StackTraceElement[] distinct = new StackTraceElement[ErrorText.MAX_FRAMES + 5];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = frame("nnlab.Net", "step" + i, "Net.java", i + 1);
        }
        List<String> cut = ErrorText.runtime(
                new ErrorText.Failure("java.lang.Error", "deep", distinct, null), origins());
        assertEquals(1 + ErrorText.MAX_FRAMES + 1, cut.size());
        assertEquals("    ... 5 more", cut.get(cut.size() - 1));
    }

    @Test
    void unknownSnippetAndMembersOfCellClasses() {
        assertEquals("    at Point.norm (snippet 77, line 3)",
                ErrorText.frameText(frame("Point", "norm", "#77", 3), new SnippetOrigins()));
        assertEquals("    at lambda (In [5], line 1)",
                ErrorText.frameText(frame("", "lambda$do_it$$0", "#9", 1), origins()));
        assertNull(ErrorText.frameText(frame("io.github.spencerpark.jupyter.kernel.BaseKernel", "eval", "B.java", 1),
                origins()));
    }

    @Test
    void wrapperNamesLeaveMessages() {
        assertEquals("Cannot invoke \"String.length()\" because \"s\" is null", ErrorText.withoutWrapperNames(
                "Cannot invoke \"String.length()\" because \"REPL.$JShell$18.s\" is null"));
        assertEquals("class Point cannot be cast to class java.lang.String",
                ErrorText.withoutWrapperNames("class REPL.$JShell$12$Point cannot be cast to class java.lang.String"));
    }

    @Test
    void compileErrorUnderlinesTheSpanAndDropsEmptyLocation() {
        List<String> lines = ErrorText.compile("In [3], line 2", "cannot find symbol\n  symbol:   variable foo\n"
                + "  location: class ", "int y = foo + 1;", 8, 11);
        assertEquals(List.of("In [3], line 2: error: cannot find symbol", "  symbol:   variable foo",
                "    int y = foo + 1;", "            ^^^"), lines);
    }

    @Test
    void caretsFollowTabs() {
        List<String> lines = ErrorText.compile("In [1], line 1", "';' expected", "\tx = 1", 6, 6);
        assertEquals("    \t     ^", lines.get(lines.size() - 1));
        assertTrue(lines.get(0).endsWith("';' expected"));
    }
}
