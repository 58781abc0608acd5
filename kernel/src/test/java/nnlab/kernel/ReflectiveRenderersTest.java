package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReflectiveRenderersTest {
    /** Has the four methods of a Tablesaw table the renderer calls, nothing else. */
    public static final class FakeTable {
        private final int rows;

        FakeTable(int rows) {
            this.rows = rows;
        }

        public String name() {
            return "w&b";
        }

        public int rowCount() {
            return rows;
        }

        public List<String> columnNames() {
            return List.of("epoch", "loss");
        }

        public String getString(int row, int column) {
            return column == 0 ? String.valueOf(row) : "<" + row + ">";
        }
    }

    @Test
    void smallTableShowsEveryRowEscaped() {
        String html = ReflectiveRenderers.tableHtml(new FakeTable(2));
        assertEquals("<table class=\"nnlab-table\">\n<caption>w&amp;b: 2 rows × 2 columns</caption>\n"
                + "<thead><tr><th>epoch</th><th>loss</th></tr></thead>\n<tbody>\n"
                + "<tr><td>0</td><td>&lt;0&gt;</td></tr>\n<tr><td>1</td><td>&lt;1&gt;</td></tr>\n"
                + "</tbody>\n</table>", html);
    }

    @Test
    void longTableShowsHeadAndTail() {
        int rows = 200;
        String html = ReflectiveRenderers.tableHtml(new FakeTable(rows));
        long shownRows = html.lines().filter(l -> l.startsWith("<tr><td>")).count();
        assertEquals(50 + 1 + 10, shownRows); // head, the "…" row, tail
        assertTrue(html.contains("<tr><td>49</td>"));
        assertFalse(html.contains("<tr><td>50</td>"));
        assertTrue(html.contains("<tr><td>190</td>"));
        assertTrue(html.contains("<tr><td>199</td>"));
        assertTrue(html.contains("200 rows × 2 columns (first 50 and last 10 shown)"));
    }

    @Test
    void classesAreRecognisedByNameThroughSuperclasses() {
        assertTrue(ReflectiveRenderers.isA(java.util.ArrayList.class, "java.util.AbstractList"));
        assertFalse(ReflectiveRenderers.isA(java.util.ArrayList.class, ReflectiveRenderers.TABLE_CLASS));
    }
}
