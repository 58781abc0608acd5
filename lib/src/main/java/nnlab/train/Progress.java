package nnlab.train;

import nnlab.viz.LiveOutput;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Training progress, for {@link Trainer.Builder#onEpoch onEpoch} ({@link Trainer.Builder#progress()} adds
 * one). In a notebook it is one output below the cell, replaced in place as epochs finish: a bar, the
 * epoch, the losses and accuracies, the time so far. Every few epochs (about ten times a run) it also
 * keeps a line, so the finished output — which is what an executed notebook stores — reads as a short log:
 *
 * <pre>
 * Trainer: SGD(η = 0.1), softmax cross-entropy (mean), 12 epochs, batch size 25, seed 1
 * epoch  0 / 12  train loss 2.412  validation loss 2.398  train accuracy 0.09  validation accuracy 0.1
 * epoch  2 / 12  batch loss 0.9163  train loss 0.5012  …
 * …
 * done: 12 epochs, 192 steps
 * </pre>
 *
 * Outside a notebook (a test, a program) the same lines are printed as they come. The state starts over
 * at every epoch 0, so one instance may watch several {@code fit} calls.
 */
public final class Progress implements Consumer<EpochRecord> {
    /** About this many lines per run. */
    static final int LINES = 10;
    /** The live output is replaced at most this often (besides every logged line and the end). */
    static final long REFRESH_NANOS = 200_000_000L;
    private static final List<String> COLUMNS = List.of(History.BATCH_LOSS, History.TRAIN_LOSS, History.VALIDATION_LOSS,
            History.TRAIN_ACCURACY, History.VALIDATION_ACCURACY);

    private final int every;
    private final LongSupplier clock;
    private final PrintStream out;
    private final BiFunction<String, String, LiveOutput> show;
    private final List<String> lines = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();
    private List<String> columns = List.of();
    private LiveOutput live;
    private long started;
    private long shown;

    /** Keeps a line about {@value #LINES} times per run. */
    public Progress() {
        this(0);
    }

    /** Keeps a line every {@code every} epochs (and for the first and the last). */
    public Progress(int every) {
        this(every, System::nanoTime, System.out, LiveOutput::show);
        if (every < 0) {
            throw new IllegalArgumentException("a progress line every " + every + " epochs? Give a number ≥ 1, or 0 for about "
                    + LINES + " lines per run");
        }
    }

    Progress(int every, LongSupplier clock, PrintStream out, BiFunction<String, String, LiveOutput> show) {
        this.every = every;
        this.clock = clock;
        this.out = out;
        this.show = show;
    }

    @Override
    public void accept(EpochRecord r) {
        long now = clock.getAsLong();
        if (r.epoch() == 0 || live == null) {
            start(r, now);
        }
        boolean logged = r.epoch() == 0 || r.last() || r.epoch() % interval(r.epochs()) == 0;
        if (logged) {
            keep(line(r));
            rows.add(values(r));
        }
        if (r.last()) {
            keep(end(r));
        }
        if (live.isLive() && (logged || now - shown >= REFRESH_NANOS)) {
            live.update(text(), html(r, now, logged));
            shown = now;
        }
    }

    private void start(EpochRecord r, long now) {
        lines.clear();
        rows.clear();
        columns = COLUMNS.stream().filter(r.history()::has).toList();
        started = now;
        shown = now;
        live = show.apply(r.trainer(), "<div>" + escape(r.trainer()) + "</div>");
        keep(r.trainer());
    }

    private int interval(int epochs) {
        return every > 0 ? every : Math.max(1, (epochs + LINES - 1) / LINES);
    }

    /** Keeps a line of the log; prints it at once when there is no notebook to show it. */
    private void keep(String line) {
        lines.add(line);
        if (!live.isLive()) {
            out.println(line);
        }
    }

    private double[] values(EpochRecord r) {
        double[] v = new double[columns.size() + 1];
        v[0] = r.epoch();
        for (int c = 0; c < columns.size(); c++) {
            v[c + 1] = r.value(columns.get(c));
        }
        return v;
    }

    private String line(EpochRecord r) {
        int width = String.valueOf(r.epochs()).length();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d / %d", r.epoch(), r.epochs()));
        for (String column : columns) {
            double v = r.value(column);
            if (!Double.isNaN(v)) {
                s.append("  ").append(column).append(' ').append(number(v));
            }
        }
        return s.toString();
    }

    private static String end(EpochRecord r) {
        History h = r.history();
        if (h.stoppedEarly()) {
            return String.format(Locale.ROOT, "stopped early after epoch %d of %d (%d steps); the network holds the weights of epoch %s",
                    r.epoch(), r.epochs(), r.step(), number(h.bestEpoch()));
        }
        return String.format(Locale.ROOT, "done: %d epochs, %d steps", r.epoch(), r.step());
    }

    private String text() {
        return String.join("\n", lines);
    }

    /** A bar and the logged rows as a table; the current epoch as the last row while it is not logged. */
    private String html(EpochRecord r, long now, boolean logged) {
        double fraction = r.steps() == 0 ? 1 : (double) r.step() / r.steps();
        int percent = (int) Math.floor(100 * fraction);
        StringBuilder s = new StringBuilder("<div style=\"font-family: sans-serif; font-size: 13px; line-height: 1.4\">\n");
        s.append("<div style=\"color: #444\">").append(escape(r.trainer())).append("</div>\n");
        s.append("<div style=\"display: flex; align-items: center; gap: 8px; margin: 4px 0\">")
                .append("<div style=\"width: 320px; height: 12px; background: #e4e4e4; border-radius: 6px; overflow: hidden\">")
                .append("<div style=\"width: ").append(percent).append("%; height: 100%; background: ")
                .append(r.last() ? "#2e7d32" : "#1f77b4").append("\"></div></div>")
                .append("<span>epoch ").append(r.epoch()).append(" / ").append(r.epochs()).append(" · ").append(percent)
                .append(" %</span></div>\n");
        s.append("<table style=\"border-collapse: collapse; font-variant-numeric: tabular-nums\">\n<tr>")
                .append(cell("th", "epoch"));
        for (String column : columns) {
            s.append(cell("th", column));
        }
        s.append("</tr>\n");
        for (double[] row : rows) {
            appendRow(s, row, false);
        }
        if (!logged) {
            appendRow(s, values(r), true);
        }
        s.append("</table>\n");
        if (r.last()) {
            s.append("<div>").append(escape(lines.get(lines.size() - 1))).append("</div>\n");
        }
        // the elapsed time changes from run to run: the marker keeps it out of notebook output comparisons
        s.append(String.format(Locale.ROOT, "<div style=\"color: #666\">%.1f s%s</div><!-- [varies] -->%n", (now - started) / 1e9,
                r.last() ? " in all" : " so far"));
        return s.append("</div>").toString();
    }

    private static void appendRow(StringBuilder s, double[] row, boolean current) {
        s.append(current ? "<tr style=\"color: #888\">" : "<tr>").append(cell("td", String.valueOf((long) row[0])));
        for (int c = 1; c < row.length; c++) {
            s.append(cell("td", Double.isNaN(row[c]) ? "–" : number(row[c])));
        }
        s.append("</tr>\n");
    }

    private static String cell(String tag, String content) {
        return "<" + tag + " style=\"padding: 1px 10px; text-align: right; border-bottom: 1px solid #ddd\">" + escape(content) + "</" + tag + ">";
    }

    /** Four significant digits: enough to watch a loss fall, stable across the two matrix backends. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? "%.4g" : "%.3e", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
