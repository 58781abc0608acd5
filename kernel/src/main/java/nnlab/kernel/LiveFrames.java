package nnlab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Maps a frame of code running now (class {@code REPL.$JShell$12}, a line of JShell's generated source) to
 * its snippet and the line within it. JShell does this only for exceptions that leave a snippet, and keeps
 * the mapping internal, so this reads it through reflection; the kernel jar's manifest opens
 * {@code jdk.jshell} to it ({@code Add-Opens}). Where that is refused, frames are simply not mapped.
 */
final class LiveFrames {
    /** A snippet's id and a 1-based line within it, as JShell reports them for exceptions. */
    record Place(String snippetId, int line) {
    }

    private final Object outerMap;
    private final Method getOuter;

    private LiveFrames(Object outerMap, Method getOuter) {
        this.outerMap = outerMap;
        this.getOuter = getOuter;
    }

    /** The mapping of this session, or null if the JDK does not let the kernel read it. */
    static LiveFrames of(JShell shell) {
        try {
            Field field = JShell.class.getDeclaredField("outerMap");
            field.setAccessible(true);
            Object map = field.get(shell);
            Method getOuter = map.getClass().getDeclaredMethod("getOuter", String.class);
            getOuter.setAccessible(true);
            return new LiveFrames(map, getOuter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Where the frame is in the notebook's snippets, or null for a frame of other code. */
    Place place(StackTraceElement frame) {
        if (!frame.getClassName().startsWith("REPL.") || frame.getLineNumber() < 1) {
            return null;
        }
        try {
            Object outer = getOuter.invoke(outerMap, frame.getClassName());
            if (outer == null) {
                return null;
            }
            int wrapLine = frame.getLineNumber() - 1;
            Method toSnippet = outer.getClass().getMethod("wrapLineToSnippet", int.class);
            Method toLine = outer.getClass().getMethod("wrapLineToSnippetLine", int.class);
            toSnippet.setAccessible(true);
            toLine.setAccessible(true);
            Snippet snippet = (Snippet) toSnippet.invoke(outer, wrapLine);
            return snippet == null ? null : new Place(snippet.id(), (Integer) toLine.invoke(outer, wrapLine) + 1);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
