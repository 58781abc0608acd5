package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    @TempDir
    Path tmp;

    private static void assertRefused(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void significantDigitsKeepSmallNumbersReadable() {
        // expected strings written by hand from the rule: 4 significant digits, scientific outside [1e-3, 1e6)
        assertEquals("1e-09", Numbers.sig(1e-9, 4));
        assertEquals("1.235e-07", Numbers.sig(1.23456e-7, 4));
        assertEquals("-2.5e-05", Numbers.sig(-2.5e-5, 4));
        assertEquals("0.001", Numbers.sig(0.001, 4));
        assertEquals("0.1235", Numbers.sig(0.123456, 4));
        assertEquals("0.5", Numbers.sig(0.5, 4));
        assertEquals("2", Numbers.sig(2.0, 4));
        assertEquals("12350", Numbers.sig(12345.6, 4));
        assertEquals("-0.7514", Numbers.sig(-0.75136507, 4));
        assertEquals("1.235e+06", Numbers.sig(1234567, 4));
        assertEquals("0", Numbers.sig(0, 4));
        assertEquals("0.593", Numbers.sig(0.593269992, 3));
        assertRefused(() -> Numbers.sig(1, 0), "1..17");
    }

    @Test
    void tablesShowFormattedNumbersAndKeepFullPrecision() {
        Table t = Tables.of("Gradient check",
                "parameter", new String[] {"W(1)[0,0]", "b(2)[1]"},
                "epoch", new int[] {1, 2},
                "relative error", new double[] {1e-9, 0.000123456});
        assertEquals(2, t.rowCount());
        assertEquals(List.of("parameter", "epoch", "relative error"), t.columnNames());
        assertEquals("1e-09", t.getString(0, "relative error"));
        assertEquals("1.235e-04", t.getString(1, "relative error"));
        assertEquals(1e-9, t.doubleColumn("relative error").get(0), 0, "the stored value is not rounded");
        String printed = t.print();
        assertTrue(printed.contains("1e-09") && !printed.contains("0.000 "), printed);
        Table three = Tables.format(t, 2);
        assertEquals("1.2e-04", three.getString(1, "relative error"));
    }

    @Test
    void builderAndMapFormsMatch() {
        Map<String, double[]> history = new LinkedHashMap<>();
        history.put("cost", new double[] {2.302585, 0.5});
        history.put("accuracy", new double[] {0.1, 0.9});
        Table fromMap = Tables.of("history", history);
        Table built = Tables.builder("history").column("cost", history.get("cost"))
                .column("accuracy", history.get("accuracy")).digits(4).build();
        assertEquals(fromMap.print(), built.print());
        assertEquals("2.303", built.getString(0, "cost"));
    }

    @Test
    void htmlIsAnEscapedTableOfTheDisplayedCellsWithItsOwnStyles() {
        Table t = Tables.of("a < b & c", "name", new String[] {"<x>"}, "value", new double[] {1e-9});
        String html = Tables.html(t);
        assertTrue(html.startsWith("<div class=\"nnlab-table\" style=\""), html);
        assertTrue(html.contains(">a &lt; b &amp; c <span"), "the name above the table: " + html);
        assertTrue(html.contains(">1 row × 2 columns</span>"), html);
        assertTrue(html.contains("text-align:left\">name</th>"), "text columns and their header left: " + html);
        assertTrue(html.contains("text-align:right;font-variant-numeric:tabular-nums\">value</th>"), html);
        assertTrue(html.contains("text-align:left\">&lt;x&gt;</td>"), html);
        assertTrue(html.contains("tabular-nums\">1e-09</td>"), html);
        assertFalse(html.contains("<style") || html.contains("class=\"jp-"), "no stylesheet needed: " + html);
        assertTrue(html.trim().endsWith("</table>\n</div>"), html);
    }

    @Test
    void decimalColumnsWithoutAFormatterShowFourSignificantDigits() {
        // a plain Tablesaw table, e.g. from History.table() before it was formatted: 17 digits otherwise
        Table plain = Table.create("raw", DoubleColumn.create("cost", 1.0 / 3, 2.0, 1.23456e-7));
        String html = Tables.html(plain);
        assertTrue(html.contains(">0.3333</td>") && html.contains(">2</td>") && html.contains(">1.235e-07</td>"), html);
        assertFalse(html.contains("0.33333"), html);
        Table three = Tables.format(Table.create("f", DoubleColumn.create("x", 1.0 / 3)), 2);
        assertTrue(Tables.html(three).contains(">0.33</td>"), "a formatter of its own is kept");
    }

    @Test
    void longTablesShowTheirHeadAndTail() {
        int[] epochs = new int[200];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        Table t = Tables.of("history", "epoch", epochs);
        String html = Tables.html(t, Tables.MAX_ROWS);
        assertEquals(50 + 1 + 10, html.split("<tr style", -1).length - 1, "head, the … row, tail");
        assertTrue(html.contains(">50</td>") && !html.contains(">51</td>") && html.contains(">191</td>")
                && html.contains(">200</td>"), html);
        assertTrue(html.contains("first 50 and last 10 of 200 rows × 1 column"), html);
        assertEquals(200, Tables.html(t).split("<tr style", -1).length - 1, "all rows when not cut");
        assertRefused(() -> Tables.html(t, 10), "at least 60");
    }

    @Test
    void textIsAlignedLikeTheHtml() {
        Table t = Tables.of("check", "parameter", new String[] {"W", "bias b"}, "relative error",
                new double[] {1e-9, 0.5});
        assertEquals("check (2 rows × 2 columns)\n"
                + "parameter  relative error\n"
                + "---------  --------------\n"
                + "W                   1e-09\n"
                + "bias b                0.5", Tables.text(t, Tables.MAX_ROWS));
    }

    @Test
    void csvKeepsFullPrecision() throws Exception {
        Table t = Tables.of("t", "n", new int[] {1, 2}, "x", new double[] {0.123456789, 1e-9});
        Path file = Tables.csv(t, tmp.resolve("out/t.csv"));
        List<String> lines = Files.readAllLines(file);
        assertEquals("n,x", lines.get(0));
        assertEquals(0.123456789, Double.parseDouble(lines.get(1).split(",")[1]), 0);
        assertEquals(1e-9, Double.parseDouble(lines.get(2).split(",")[1]), 0);
    }

    @Test
    void badColumnsAreRefused() {
        assertRefused(() -> Tables.of("t", "a"), "pairs of column name and column");
        assertRefused(() -> Tables.of("t", "a", new double[] {1}, "b", new double[] {1, 2}), "column 'b' has 2 values but the columns before it have 1");
        assertRefused(() -> Tables.of("t", "a", new double[] {Double.NaN}), "column 'a' has NaN at index 0");
        assertRefused(() -> Tables.of("t", "a", new long[] {1}), "use double[], int[] or String[]");
        assertRefused(() -> Tables.of("t", 3, new double[] {1}), "should be a column name");
        assertRefused(() -> Tables.of("t", "a", new double[] {1}, "a", new double[] {2}), "used twice");
        assertRefused(() -> Tables.of("t", "a", new String[] {null}), "null at row 0");
        assertRefused(() -> Tables.of("t", "a", new int[0]), "is empty");
    }
}
