package nnlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

/**
 * The inputs of this session's cells, answering Jupyter's history requests. JupyterLab waits for that answer
 * before it shows the kernel as idle, so a kernel without history looks "Unknown" until the first cell runs.
 */
final class SessionHistory implements HistoryManager {
    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int executionCount, String input) {
        entries.add(new HistoryEntry(0, executionCount, input));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, length)), entries.size()));
    }

    /** Only this session (offset 0) is kept; cells numbered from {@code startCell} up to but excluding {@code endCell}. */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell,
                                                       Set<ResultFlag> flags) {
        List<HistoryEntry> found = new ArrayList<>();
        if (sessionOffset == 0) {
            for (HistoryEntry e : entries) {
                if (e.getCellNumber() >= startCell && (endCell <= 0 || e.getCellNumber() < endCell)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    /** The last {@code length} inputs matching a glob ({@code *}, {@code ?}), as Jupyter's history search asks. */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern regex = globToRegex(pattern == null ? "*" : pattern);
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (regex.matcher(e.getInput()).matches()) {
                found.add(e);
            }
        }
        return found.subList(Math.max(0, found.size() - Math.max(0, length)), found.size());
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
