package nnlab.viz.fakekernel;

import nnlab.viz.fakekernel.display.DisplayData;
import nnlab.viz.fakekernel.display.DisplayDataRenderable;
import nnlab.viz.fakekernel.display.RenderContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a kernel's display class with the same static methods as the project's kernel, JJava and
 * IJava, and the base kernel library's rule that a {@link DisplayDataRenderable} renders itself. It keeps
 * what was shown: every output by id (replaced by updates) and the number of messages sent.
 */
public final class Display {
    public static final Map<String, DisplayData> OUTPUTS = new LinkedHashMap<>();
    public static final List<String> MESSAGES = new ArrayList<>();

    private Display() {}

    public static DisplayData render(Object o) {
        DisplayData out = new DisplayData();
        if (o instanceof DisplayDataRenderable r) {
            r.render(new RenderContext(out));
        }
        if (!out.data().containsKey("text/plain")) {
            out.putData("text/plain", String.valueOf(o));
        }
        return out;
    }

    public static String display(Object o) {
        String id = "display-" + (OUTPUTS.size() + 1);
        OUTPUTS.put(id, render(o));
        MESSAGES.add("display " + id);
        return id;
    }

    public static void updateDisplay(String id, Object o) {
        if (!OUTPUTS.containsKey(id)) {
            throw new IllegalArgumentException("no output " + id);
        }
        OUTPUTS.put(id, render(o));
        MESSAGES.add("update " + id);
    }

    public static void clear() {
        OUTPUTS.clear();
        MESSAGES.clear();
    }
}
