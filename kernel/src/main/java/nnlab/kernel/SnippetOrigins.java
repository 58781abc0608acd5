package nnlab.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers where each JShell snippet came from, so a frame {@code .(#23:2)} of snippet 23 reads as
 * {@code In [5], line 4}: the cell's prompt number (or the %load file) and the line within it.
 * Kept for the whole session because a method defined in one cell may fail when called from a later one.
 */
public final class SnippetOrigins {
    /** Where a snippet starts: a label such as {@code In [5]} and its 0-based first line there. */
    public record Origin(String label, int firstLine) {
    }

    private final Map<String, Origin> byId = new HashMap<>();

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
}
