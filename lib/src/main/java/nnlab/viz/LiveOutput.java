package nnlab.viz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

/**
 * One output below a notebook cell that library code shows and then replaces in place, as plain text and
 * HTML at once (a progress display, a score table). It uses the running kernel's own
 * {@code display}/{@code updateDisplay} — the project's kernel, JJava or IJava, found at run time, so the
 * library depends on none of them. Outside a kernel (a test, a plain JVM) nothing is shown and
 * {@link #isLive()} is false; callers then print what they have to say.
 *
 * <pre>{@code
 * LiveOutput out = LiveOutput.show("epoch 0 / 30", "<b>epoch 0 / 30</b>");
 * out.update("epoch 1 / 30", "<b>epoch 1 / 30</b>");   // the same output, replaced
 * }</pre>
 */
public final class LiveOutput {
    /**
     * The classes with the static display functions of the project's kernel, JJava (1.0-a7 and later, and
     * its earlier builds) and IJava, tried in this order.
     */
    static final List<String> DISPLAY_CLASSES = List.of("nnlab.kernel.Display", "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics",
            "org.dflib.jjava.runtime.Display", "io.github.spencerpark.ijava.runtime.Display");

    private final Kernel kernel;
    private final String id;

    private LiveOutput(Kernel kernel, String id) {
        this.kernel = kernel;
        this.id = id;
    }

    /** Shows a new output with this text and HTML; not live (and shows nothing) outside a kernel. */
    public static LiveOutput show(String text, String html) {
        return show(Kernel.find(DISPLAY_CLASSES, LiveOutput.class.getClassLoader()), text, html);
    }

    static LiveOutput show(Kernel kernel, String text, String html) {
        if (kernel == null) {
            return new LiveOutput(null, null);
        }
        String id = kernel.display(text, html);
        return new LiveOutput(id == null ? null : kernel, id);
    }

    /** Whether this output is shown by a kernel (false in a plain JVM). */
    public boolean isLive() {
        return kernel != null;
    }

    /** Replaces the output with this text and HTML; does nothing when not live. */
    public void update(String text, String html) {
        if (kernel != null) {
            kernel.update(id, text, html);
        }
    }

    /**
     * A kernel's static {@code display(Object)} and {@code updateDisplay(String, Object)}, called with an
     * object that implements the kernel's own {@code DisplayDataRenderable} (a proxy made here), which
     * puts both MIME types into the kernel's display data.
     */
    static final class Kernel {
        private final Method display;
        private final Method updateDisplay;
        private final Class<?> renderable;
        private final Set<Object> types;
        private final Method outputContainer;
        private final Method putData;

        private Kernel(Method display, Method updateDisplay, Class<?> displayData) throws ReflectiveOperationException {
            this.display = display;
            this.updateDisplay = updateDisplay;
            String base = displayData.getPackageName();
            ClassLoader loader = displayData.getClassLoader();
            this.renderable = Class.forName(base + ".DisplayDataRenderable", false, loader);
            Method parse = Class.forName(base + ".mime.MIMEType", false, loader).getMethod("parse", String.class);
            this.types = Set.of(parse.invoke(null, "text/html"), parse.invoke(null, "text/plain"));
            this.outputContainer = Class.forName(base + ".RenderContext", false, loader).getMethod("getOutputContainer");
            this.putData = displayData.getMethod("putData", String.class, Object.class);
        }

        /** The first of these display classes that the loader can see and that has the expected methods, or null. */
        static Kernel find(List<String> classNames, ClassLoader loader) {
            for (String name : classNames) {
                try {
                    Class<?> c = Class.forName(name, true, loader);
                    Method render = c.getMethod("render", Object.class);
                    return new Kernel(c.getMethod("display", Object.class), c.getMethod("updateDisplay", String.class, Object.class),
                            render.getReturnType());
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this kernel (or not a kernel at all): try the next name
                }
            }
            return null;
        }

        /** Shows the content; its display id, or null when the kernel refuses (e.g. no cell is running). */
        String display(String text, String html) {
            try {
                return (String) display.invoke(null, content(text, html));
            } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
                return null;
            }
        }

        void update(String id, String text, String html) {
            try {
                updateDisplay.invoke(null, id, content(text, html));
            } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
                // the cell that showed the output has gone (kernel restarted): nothing left to update
            }
        }

        private Object content(String text, String html) {
            return Proxy.newProxyInstance(renderable.getClassLoader(), new Class<?>[]{renderable}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getSupportedRenderTypes", "getPreferredRenderTypes" -> {
                        return types;
                    }
                    case "render" -> {
                        Object data = outputContainer.invoke(args[0]);
                        putData.invoke(data, "text/plain", text);
                        putData.invoke(data, "text/html", html);
                        return null;
                    }
                    case "toString" -> {
                        return text;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
            });
        }
    }
}
