package nnlab.viz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Tablesaw tables for reports: built from plain arrays in one call, numbers shown with a fixed count of
 * significant digits (default {@value #DIGITS}), so 1e-9 reads {@code 1e-09} and never {@code 0.000}.
 *
 * <pre>{@code
 * Table t = Tables.of("Gradient check", "parameter", names, "backprop", g, "numerical", gNum, "relative error", err);
 * Tables.html(t);                      // HTML with inline styles, for a notebook or report
 * t                                    // as a cell's last expression: shown as that HTML
 * Tables.csv(t, Path.of("check.csv")); // full precision, for other tools
 * }</pre>
 * Supported columns: {@code double[]}, {@code int[]}, {@code String[]}. Formatting affects display only
 * ({@code print()}, {@link #html}); the stored values and the CSV keep full precision.
 */
public final class Tables {
    private Tables() {}

    /** Default significant digits of decimal columns. */
    public static final int DIGITS = 4;

    /**
     * A table from alternating column names and columns: {@code of("t", "epoch", int[], "cost", double[])}.
     * All columns must have the same length; decimal values must be finite.
     */
    public static Table of(String name, Object... namesAndColumns) {
        if (namesAndColumns == null || namesAndColumns.length == 0 || namesAndColumns.length % 2 != 0) {
            throw new IllegalArgumentException(String.format(
                    "table '%s': give pairs of column name and column (name, double[]/int[]/String[], ...), got %d arguments",
                    name, namesAndColumns == null ? 0 : namesAndColumns.length));
        }
        Builder b = builder(name);
        for (int k = 0; k < namesAndColumns.length; k += 2) {
            if (!(namesAndColumns[k] instanceof String column)) {
                throw new IllegalArgumentException(String.format(
                        "table '%s': argument %d should be a column name (String) but is %s",
                        name, k + 1, describe(namesAndColumns[k])));
            }
            Object values = namesAndColumns[k + 1];
            if (values instanceof double[] d) {
                b.column(column, d);
            } else if (values instanceof int[] i) {
                b.column(column, i);
            } else if (values instanceof String[] s) {
                b.column(column, s);
            } else {
                throw new IllegalArgumentException(String.format(
                        "table '%s': column '%s' is %s; use double[], int[] or String[]", name, column, describe(values)));
            }
        }
        return b.build();
    }

    /** A table with one decimal column per map entry, in map order (e.g. a training history). */
    public static Table of(String name, Map<String, double[]> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "': no columns given");
        }
        Builder b = builder(name);
        columns.forEach(b::column);
        return b.build();
    }

    /** Starts a table column by column. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects columns, checks names and lengths, then builds the formatted table. */
    public static final class Builder {
        private final String name;
        private final Table table;
        private final Set<String> names = new HashSet<>();
        private int digits = DIGITS;

        private Builder(String name) {
            if (name == null) {
                throw new IllegalArgumentException("a table needs a name (it is shown as the caption); pass \"\" for none");
            }
            this.name = name;
            this.table = Table.create(name);
        }

        /** A decimal column; every value finite. */
        public Builder column(String column, double[] values) {
            check(column, values == null ? -1 : values.length);
            Inputs.requireValues(values, "table '" + name + "': column '" + column + "'", false);
            table.addColumns(DoubleColumn.create(column, values));
            return this;
        }

        /** An integer column (counts, epochs, indices). */
        public Builder column(String column, int[] values) {
            check(column, values == null ? -1 : values.length);
            table.addColumns(IntColumn.create(column, values));
            return this;
        }

        /** A text column; null entries are refused. */
        public Builder column(String column, String[] values) {
            check(column, values == null ? -1 : values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    throw new IllegalArgumentException(String.format(
                            "table '%s': column '%s' has null at row %d; use \"\" for an empty cell", name, column, i));
                }
            }
            table.addColumns(StringColumn.create(column, values));
            return this;
        }

        /** Significant digits shown for decimal columns (1..17). */
        public Builder digits(int significantDigits) {
            significant(significantDigits);
            this.digits = significantDigits;
            return this;
        }

        /** The table, with its decimal columns formatted. */
        public Table build() {
            if (table.columnCount() == 0) {
                throw new IllegalArgumentException("table '" + name + "': no columns given");
            }
            return format(table, digits);
        }

        private void check(String column, int length) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("table '" + name + "': every column needs a non-blank name");
            }
            if (!names.add(column)) {
                throw new IllegalArgumentException("table '" + name + "': column name '" + column + "' is used twice");
            }
            if (length < 1) {
                throw new IllegalArgumentException("table '" + name + "': column '" + column + "' is empty");
            }
            if (table.columnCount() > 0 && length != table.rowCount()) {
                throw new IllegalArgumentException(String.format(
                        "table '%s': column '%s' has %d values but the columns before it have %d; give every column the same length",
                        name, column, length, table.rowCount()));
            }
        }
    }

    /** A Tablesaw formatter showing {@code digits} significant digits (plain or scientific, see class docs). */
    public static NumberColumnFormatter significant(int digits) {
        Numbers.sig(1, digits);   // refuses digits outside 1..17 before any table is touched
        return new NumberColumnFormatter() {
            @Override
            public String format(double value) {
                return Numbers.sig(value, digits);
            }

            @Override
            public String toString() {
                return digits + " significant digits";
            }
        };
    }

    /** Sets every decimal column of {@code table} to show {@code digits} significant digits; returns the table. */
    public static Table format(Table table, int digits) {
        NumberColumnFormatter formatter = significant(digits);
        for (Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(formatter);
            }
        }
        return table;
    }

    /** Tables longer than this show their first {@value #HEAD_ROWS} and last {@value #TAIL_ROWS} rows. */
    public static final int MAX_ROWS = 60;
    static final int HEAD_ROWS = 50;
    static final int TAIL_ROWS = 10;

    // inline styles, so the table reads the same in JupyterLab, nbconvert's HTML and other viewers that bring
    // their own (or no) stylesheet; colours are translucent grey, readable on light and dark themes alike
    private static final String BOX = "display:inline-block;max-width:100%;overflow-x:auto;margin:2px 0";
    private static final String CAPTION = "font-weight:600;margin:0 0 4px 2px;text-align:left";
    private static final String SIZE = "font-weight:normal;opacity:0.65";
    private static final String TABLE = "border-collapse:collapse;font-size:13px;line-height:1.35;margin:0";
    private static final String CELL = "padding:2px 10px;white-space:nowrap;border:none";
    private static final String HEAD = CELL + ";font-weight:600;border-bottom:1px solid rgba(128,128,128,0.6)";
    private static final String ROW = "border-bottom:1px solid rgba(128,128,128,0.2)";
    private static final String NUMBER = ";text-align:right;font-variant-numeric:tabular-nums";
    private static final String TEXT = ";text-align:left";

    /**
     * The table as HTML with its own inline styles: the name and size as a caption above it, numbers
     * right-aligned, text left-aligned, every cell as displayed (decimal columns without a formatter of
     * their own with {@value #DIGITS} significant digits), text escaped. All rows; see {@link #html(Table, int)}.
     */
    public static String html(Table table) {
        return html(table, Integer.MAX_VALUE);
    }

    /** {@link #html(Table)}, with tables over {@code maxRows} rows cut to their first and last rows. */
    public static String html(Table table, int maxRows) {
        Shown shown = Shown.of(table, maxRows);
        StringBuilder sb = new StringBuilder("<div class=\"nnlab-table\" style=\"" + BOX + "\">\n");
        sb.append("<div style=\"" + CAPTION + "\">");
        if (!table.name().isEmpty()) {
            sb.append(escape(table.name())).append(' ');
        }
        sb.append("<span style=\"" + SIZE + "\">").append(escape(shown.size())).append("</span></div>\n");
        sb.append("<table style=\"" + TABLE + "\">\n<thead><tr>");
        for (int c = 0; c < shown.names.length; c++) {
            sb.append("<th style=\"").append(HEAD).append(shown.numeric[c] ? NUMBER : TEXT).append("\">")
                    .append(escape(shown.names[c])).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (String[] row : shown.rows) {
            sb.append("<tr style=\"" + ROW + "\">");
            for (int c = 0; c < row.length; c++) {
                sb.append("<td style=\"").append(CELL).append(shown.numeric[c] ? NUMBER : TEXT).append("\">")
                        .append(escape(row[c])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n</div>").toString();
    }

    /**
     * The table as aligned plain text, the same cells as {@link #html(Table, int)}: what a front end without
     * HTML shows, and what notebooks compare.
     */
    public static String text(Table table, int maxRows) {
        Shown shown = Shown.of(table, maxRows);
        int[] width = new int[shown.names.length];
        for (int c = 0; c < width.length; c++) {
            width[c] = shown.names[c].length();
            for (String[] row : shown.rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(table.name().isEmpty() ? "" : table.name() + " ").append("(").append(shown.size()).append(")\n");
        textRow(sb, shown.names, width, shown.numeric);
        String[] rules = new String[width.length];
        for (int c = 0; c < width.length; c++) {
            rules[c] = "-".repeat(width[c]);
        }
        textRow(sb, rules, width, shown.numeric);
        for (String[] row : shown.rows) {
            textRow(sb, row, width, shown.numeric);
        }
        return sb.toString().stripTrailing();
    }

    private static void textRow(StringBuilder sb, String[] cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /** The cells a display shows: head and tail of a long table, every cell as text. */
    private record Shown(String[] names, boolean[] numeric, List<String[]> rows, int rowCount, boolean cut) {
        static Shown of(Table table, int maxRows) {
            if (table == null) {
                throw new IllegalArgumentException("a table is needed, got null");
            }
            if (maxRows < HEAD_ROWS + TAIL_ROWS) {
                throw new IllegalArgumentException("maxRows must be at least " + (HEAD_ROWS + TAIL_ROWS)
                        + " (the head and tail shown of a longer table), got " + maxRows);
            }
            List<Column<?>> columns = table.columns();
            String[] names = new String[columns.size()];
            boolean[] numeric = new boolean[columns.size()];
            for (int c = 0; c < names.length; c++) {
                names[c] = columns.get(c).name();
                numeric[c] = columns.get(c) instanceof NumericColumn<?>;
            }
            int n = table.rowCount();
            boolean cut = n > maxRows;
            List<String[]> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                if (cut && r == HEAD_ROWS) {
                    String[] gap = new String[names.length];
                    Arrays.fill(gap, "…");
                    rows.add(gap);
                    r = n - TAIL_ROWS;
                }
                String[] row = new String[names.length];
                for (int c = 0; c < names.length; c++) {
                    row[c] = cell(columns.get(c), r);
                }
                rows.add(row);
            }
            return new Shown(names, numeric, rows, n, cut);
        }

        String size() {
            String rowsText = rowCount + (rowCount == 1 ? " row" : " rows");
            return (cut ? "first " + HEAD_ROWS + " and last " + TAIL_ROWS + " of " + rowsText : rowsText)
                    + " × " + names.length + (names.length == 1 ? " column" : " columns");
        }
    }

    /** How Tablesaw shows a decimal column nobody gave a formatter: every digit of the double. */
    private static final NumberColumnFormatter TABLESAW_DEFAULT = NumberColumnFormatter.floatingPointDefault();

    static {
        TABLESAW_DEFAULT.setColumnType(ColumnType.DOUBLE);
    }

    /**
     * A cell as displayed; a decimal column shown as Tablesaw's default shows it (all 17 digits) gets
     * {@value #DIGITS} significant digits instead.
     */
    private static String cell(Column<?> column, int row) {
        String shown = column.getString(row);
        if (column instanceof DoubleColumn d && !d.isMissing(row)) {
            double v = d.getDouble(row);
            if (shown.equals(TABLESAW_DEFAULT.format(v)) || shown.equals(d.getUnformattedString(row))) {
                return Numbers.sig(v, DIGITS);
            }
        }
        return shown;
    }

    /** Writes the table as CSV with a header row and full-precision numbers; returns the path written. */
    public static Path csv(Table table, Path path) {
        return Output.write(table, path, "csv",
                p -> table.write().csv(CsvWriteOptions.builder(p.toFile()).usePrintFormatters(false).build()));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }
}
