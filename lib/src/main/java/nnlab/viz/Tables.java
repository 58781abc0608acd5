package nnlab.viz;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
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
 * Tables.html(t);                      // HTML string for a notebook or report
 * Tables.csv(t, Path.of("check.csv")); // full precision, for other tools
 * }</pre>
 * Supported columns: {@code double[]}, {@code int[]}, {@code String[]}. Formatting affects display only
 * ({@code print()}, {@link #html}); the stored values and the CSV keep full precision.
 */
public final class Tables {
    private Tables() {}

    static {
        // Tablesaw logs through SLF4J; with no logging backend on the classpath SLF4J prints a three-line
        // "no providers" notice into the first notebook cell that makes a table. It only says that those
        // log lines go nowhere, so keep it quiet unless the user has chosen a verbosity.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

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

    /** The table as an HTML {@code <table>} with its name as caption; cells as displayed, text escaped. */
    public static String html(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("html needs a table, got null");
        }
        StringBuilder sb = new StringBuilder("<table class=\"nnlab-table\">\n");
        if (!table.name().isEmpty()) {
            sb.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c instanceof DoubleColumn || c instanceof IntColumn;
                sb.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
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
