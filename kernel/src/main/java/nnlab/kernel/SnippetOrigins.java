package nnlab.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers where each JShell snippet came from, so a frame {@code .(#23:2)} of snippet 23 reads as
 * {@code In [5], line 4}: the cell's prompt number (or the %load file) and the line within it.
 * Kept for the whole session because a method defined in one cell may fail when called from a later one.
 */
public final class SnippetOrigins {
    /** Where a snippet starts: a label such as {@code In [5]} and its 0-based first line there. */
    public record Origin(String label, int firstLine) {
    }

    /** The file name JShell gives a snippet's frames: {@code #23}. */
    static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");

    /** Written by the kernel's thread, read by a cell's thread (the grader asks while the cell runs). */
    private final Map<String, Origin> byId = new ConcurrentHashMap<>();
    /** Frames of code running now; set once JShell has started (null until then, or if unavailable). */
    private volatile LiveFrames liveFrames;

    /** Lets {@link #cellLine} map frames of running code, not only those JShell translated for an exception. */
    void mapLiveFrames(LiveFrames frames) {
        this.liveFrames = frames;
    }

    /** Records that snippet {@code id} (JShell's id, e.g. {@code "23"}) starts at {@code firstLine} of {@code label}. */
    public void record(String id, String label, int firstLine) {
        byId.put(id, new Origin(label, firstLine));
    }

    /**
     * Describes line {@code snippetLine} (1-based, as JShell reports it) of snippet {@code id}:
     * {@code "In [5], line 4"}, or {@code "snippet 23, line 2"} if the snippet is unknown.
     */
    public String describe(String id, int snippetLine) {
        Origin origin = byId.get(id);
        if (origin == null) {
            return "snippet " + id + ", line " + snippetLine;
        }
        return origin.label() + ", line " + (origin.firstLine() + snippetLine);
    }

    /**
     * The place of a frame of notebook code, {@code "In [7], line 3"}, or null for any other frame (library,
     * JDK). This is what the kernel publishes for library code under {@link #CELL_LINE_PROPERTY}.
     */
    public String cellLine(StackTraceElement frame) {
        String file = frame == null ? null : frame.getFileName();
        if (file == null) {
            return null;
        }
        Matcher snippet = SNIPPET_FILE.matcher(file);
        if (snippet.matches()) { // translated by JShell: the frame of an exception that left a snippet
            return describe(snippet.group(1), frame.getLineNumber());
        }
        LiveFrames live = liveFrames;
        LiveFrames.Place place = live == null ? null : live.place(frame);
        return place == null ? null : describe(place.snippetId(), place.line());
    }

    /**
     * The key in {@code System.getProperties()} under which, while a cell runs, a
     * {@code Function<StackTraceElement, String>} maps frames to cell lines (see {@link #cellLine}). Library code
     * looks it up by this name, since it cannot depend on the kernel.
     */
    public static final String CELL_LINE_PROPERTY = "nnlab.kernel.cellLine";

    /** {@link #cellLine} as the function library code finds in the system properties. */
    public Function<StackTraceElement, String> cellLineFunction() {
        return this::cellLine;
    }
}
