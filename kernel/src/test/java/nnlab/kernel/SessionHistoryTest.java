package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {
    private static final Set<HistoryManager.ResultFlag> NONE = EnumSet.noneOf(HistoryManager.ResultFlag.class);

    private static SessionHistory history() {
        SessionHistory h = new SessionHistory();
        h.add(1, "int x = 1;");
        h.add(2, "x + 1");
        h.add(3, "%jars a.jar");
        return h;
    }

    private static List<Integer> cells(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void emptyHistoryAnswersWithAnEmptyListNotNull() {
        // null would make the base library send no reply, and JupyterLab would show the kernel as "Unknown"
        List<HistoryEntry> tail = new SessionHistory().lookupTail(10, NONE);
        assertNotNull(tail);
        assertTrue(tail.isEmpty());
    }

    @Test
    void tailRangeAndSearch() {
        SessionHistory h = history();
        assertEquals(List.of(2, 3), cells(h.lookupTail(2, NONE)));
        assertEquals(List.of(1, 2, 3), cells(h.lookupTail(99, NONE)));
        assertEquals(List.of(2), cells(h.lookupRange(0, 2, 3, NONE)));
        assertEquals(List.of(), cells(h.lookupRange(-1, 1, 3, NONE)));
        assertEquals(List.of(1, 2), cells(h.search("*x*", 10, NONE)));
        assertEquals(List.of(3), cells(h.search("%jar? *", 10, NONE)));
    }
}
