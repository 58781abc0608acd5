package nnlab.kernel;

import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The display functions every cell can call unqualified ({@code import static nnlab.kernel.Display.*} runs at
 * start-up), with the same names and meaning as in IJava, so notebooks run under either kernel.
 * <pre>{@code
 * String id = display(chartImage);          // shows it now, returns an id
 * updateDisplay(id, nextChartImage);        // replaces that output in place
 * display("<b>done</b>", "text/html");      // as a chosen MIME type
 * }</pre>
 */
public final class Display {
    private static volatile NnlabKernel kernel;

    private Display() {
    }

    static void attach(NnlabKernel running) {
        kernel = running;
    }

    private static NnlabKernel kernel() {
        NnlabKernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("No nnlab kernel is running in this JVM: display functions only work "
                    + "inside a notebook cell.");
        }
        return k;
    }

    /** The object as display data, in its preferred MIME types plus {@code text/plain}. */
    public static DisplayData render(Object o) {
        return kernel().getRenderer().render(o);
    }

    /** The object as display data in the given MIME types (e.g. {@code "text/html"}) plus {@code text/plain}. */
    public static DisplayData render(Object o, String... mimeTypes) {
        return kernel().getRenderer().renderAs(o, mimeTypes);
    }

    /** Shows the object below the cell now; returns an id for {@link #updateDisplay(String, Object)}. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows the object as the given MIME types; returns an id for {@link #updateDisplay(String, Object)}. */
    public static String display(Object o, String... mimeTypes) {
        return show(render(o, mimeTypes));
    }

    /** {@code System.out.printf} that returns nothing, as JJava's start-up gives it, so it can end a cell. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    /** Replaces the output shown under {@code id} with this object. */
    public static void updateDisplay(String id, Object o) {
        flushStreams();
        kernel().getIO().display.updateDisplay(requireId(id), render(o));
    }

    /** Replaces the output shown under {@code id} with this object, as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        flushStreams();
        kernel().getIO().display.updateDisplay(requireId(id), render(o, mimeTypes));
    }

    private static String show(DisplayData data) {
        if (data.getDisplayId() == null) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        flushStreams();
        kernel().display(data);
        return data.getDisplayId();
    }

    /** Text printed before a display call is sent before it, so it appears above the display. */
    private static void flushStreams() {
        System.out.flush();
        System.err.flush();
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, got "
                    + (id == null ? "null" : "\"" + id + "\"") + ". Keep it: String id = display(x);");
        }
        return id;
    }
}
