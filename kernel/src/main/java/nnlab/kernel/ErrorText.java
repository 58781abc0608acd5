package nnlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns failures of a cell into the lines a student reads: the exception's own class and message, then only
 * the frames that help (the cell's lines, library and JDK methods it called), never the kernel's or JShell's.
 */
public final class ErrorText {
    /** A thrown exception as JShell reports it: class name, message (may be null), frames and cause. */
    public record Failure(String className, String message, StackTraceElement[] frames, Failure cause) {
    }

    /** Frames of these packages belong to the machinery that runs a cell, not to the student's code. */
    private static final String[] INTERNAL_PREFIXES = {
        "jdk.jshell.", "jdk.internal.", "java.lang.reflect.", "sun.reflect.", "nnlab.kernel.",
        "io.github.spencerpark.", "REPL.",
    };
    private static final Pattern WRAPPER_NAME = Pattern.compile("REPL\\.\\$JShell\\$\\d+[$.]");
    private static final Pattern WRAPPER_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+");
    private static final Pattern EMPTY_LOCATION = Pattern.compile("\\s*location: class\\s*");
    /** Enough frames to follow a deep call chain without burying the message under a stack overflow. */
    static final int MAX_FRAMES = 30;

    private ErrorText() {
    }

    /** The exception line, its frames, and each "Caused by" in turn. */
    public static List<String> runtime(Failure failure, SnippetOrigins origins) {
        List<String> lines = new ArrayList<>();
        for (Failure f = failure; f != null; f = f.cause()) {
            lines.add((f == failure ? "" : "Caused by: ") + headline(f));
            addFrames(lines, f.frames(), origins);
        }
        return lines;
    }

    /**
     * The message without JShell's wrapper class names: {@code "REPL.$JShell$18.s" is null} becomes
     * {@code "s" is null}, {@code REPL.$JShell$12$Point} becomes {@code Point}.
     */
    public static String withoutWrapperNames(String message) {
        return WRAPPER_NAME.matcher(message).replaceAll("");
    }

    /** {@code class: message}, or the class alone when there is no message. */
    public static String headline(Failure f) {
        return f.message() == null || f.message().isEmpty() ? f.className() : f.className() + ": " + f.message();
    }

    private static void addFrames(List<String> lines, StackTraceElement[] frames, SnippetOrigins origins) {
        String previous = null;
        int repeats = 0;
        int shown = 0;
        int hidden = 0;
        for (StackTraceElement frame : frames) {
            String line = frameText(frame, origins);
            if (line == null) {
                continue;
            }
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                lines.add(repeatNote(repeats));
                repeats = 0;
            }
            previous = line;
            if (shown < MAX_FRAMES) {
                lines.add(line);
                shown++;
            } else {
                hidden++;
            }
        }
        if (repeats > 0) {
            lines.add(repeatNote(repeats));
        }
        if (hidden > 0) {
            lines.add("    ... " + hidden + " more");
        }
    }

    private static String repeatNote(int repeats) {
        return "    ... the line above repeated " + repeats + " more time" + (repeats == 1 ? "" : "s");
    }

    /** One frame as {@code "    at ..."}, or null for a frame of the kernel or JShell. */
    static String frameText(StackTraceElement frame, SnippetOrigins origins) {
        String where = origins.cellLine(frame);
        if (where != null) {
            String name = snippetMember(frame.getClassName(), frame.getMethodName());
            return name.isEmpty() ? "    at " + where : "    at " + name + " (" + where + ")";
        }
        for (String prefix : INTERNAL_PREFIXES) {
            if (frame.getClassName().startsWith(prefix)) {
                return null;
            }
        }
        return "    at " + frame.getClassName() + "." + frame.getMethodName() + "(" + fileAndLine(frame) + ")";
    }

    private static String fileAndLine(StackTraceElement frame) {
        if (frame.isNativeMethod()) {
            return "native";
        }
        if (frame.getFileName() == null) {
            return "unknown source";
        }
        return frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
    }

    /**
     * JShell names a cell's top level "" (or {@code REPL.$JShell$9.do_it$} untranslated) and lambdas
     * {@code lambda$do_it$$0}; show what the student wrote.
     */
    private static String snippetMember(String wrappedClassName, String methodName) {
        String className = WRAPPER_CLASS.matcher(wrappedClassName).matches() ? ""
                : withoutWrapperNames(wrappedClassName);
        String method = methodName.startsWith("lambda$") ? "lambda" : methodName.equals("do_it$") ? "" : methodName;
        if (className.isEmpty()) {
            return method;
        }
        return method.isEmpty() ? className : className + "." + method;
    }

    /**
     * A compile error: where it is, javac's message, and the offending line with the span underlined.
     *
     * @param where      e.g. {@code "In [4], line 2"}
     * @param message    javac's message (may span lines)
     * @param sourceLine the offending source line, or null if unknown
     * @param startCol   0-based column where the error starts
     * @param endCol     0-based column just past its end (at least startCol + 1 is underlined)
     */
    public static List<String> compile(String where, String message, String sourceLine, int startCol, int endCol) {
        List<String> lines = new ArrayList<>();
        String[] messageLines = message.split("\\R");
        lines.add(where + ": error: " + messageLines[0]);
        for (int i = 1; i < messageLines.length; i++) {
            if (!EMPTY_LOCATION.matcher(messageLines[i]).matches()) {
                lines.add(messageLines[i]);
            }
        }
        if (sourceLine != null) {
            int start = Math.max(0, Math.min(startCol, sourceLine.length()));
            int end = Math.max(start + 1, Math.min(endCol, sourceLine.length()));
            lines.add("    " + sourceLine);
            StringBuilder marker = new StringBuilder("    ");
            for (int i = 0; i < start; i++) {
                marker.append(sourceLine.charAt(i) == '\t' ? '\t' : ' '); // keeps the carets under tabs too
            }
            lines.add(marker.append("^".repeat(end - start)).toString());
        }
        return lines;
    }
}
