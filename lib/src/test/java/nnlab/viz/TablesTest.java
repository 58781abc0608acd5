package nnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void htmlIsAnEscapedTableOfTheDisplayedCells() {
        Table t = Tables.of("a < b & c", "name", new String[] {"<x>"}, "value", new double[] {1e-9});
        String html = Tables.html(t);
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<caption>a &lt; b &amp; c</caption>"), html);
        assertTrue(html.contains("<th>name</th><th>value</th>"), html);
        assertTrue(html.contains("<td>&lt;x&gt;</td>"), html);
        assertTrue(html.contains(">1e-09</td>"), html);
        assertTrue(html.trim().endsWith("</table>"), html);
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
