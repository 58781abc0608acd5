package nnlab.grade;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the graded parts of an assignment one after another and scores them. A part passes when its
 * check returns normally; it scores zero when the check throws — a wrong value ({@link Expect.Mismatch}),
 * a method not written yet ({@link NotImplemented}), or any exception from the student's code — and
 * the remaining parts still run.
 */
public final class Grader {
    private final String assignment;
    private final List<Part> parts = new ArrayList<>();

    /** One graded part. */
    public record Part(String name, int points, Runnable check) {}

    /** The outcome of one part. */
    public record Result(String part, int points, int max, boolean passed, String message) {}

    public Grader(String assignment) {
        this.assignment = assignment;
    }

    /** Adds a part worth {@code points}; {@code check} throws when the student's work is wrong. */
    public Grader part(String name, int points, Runnable check) {
        if (points <= 0) {
            throw new IllegalArgumentException("a part is worth at least 1 point, got " + points + " for " + name);
        }
        parts.add(new Part(name, points, check));
        return this;
    }

    /** Runs every part, prints the score table and the total, and returns the report. */
    public Report run() {
        List<Result> results = new ArrayList<>();
        for (Part p : parts) {
            results.add(runPart(p));
        }
        Report report = new Report(assignment, results);
        System.out.println(report);
        return report;
    }

    private static Result runPart(Part p) {
        try {
            p.check().run();
            return new Result(p.name(), p.points(), p.points(), true, "ok");
        } catch (Expect.Mismatch e) {
            return new Result(p.name(), 0, p.points(), false, e.getMessage());
        } catch (NotImplemented e) {
            return new Result(p.name(), 0, p.points(), false, "not implemented yet: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(p.name(), 0, p.points(), false, "your code threw " + describe(e));
        }
    }

    /** The exception's class and message, and the notebook cell line where it started when there is one. */
    private static String describe(Throwable e) {
        String where = "";
        for (StackTraceElement f : e.getStackTrace()) {
            // JShell compiles notebook cells into classes named REPL.$JShell$NN
            if (f.getClassName().startsWith("REPL.") || f.getClassName().contains("$JShell$")) {
                where = " (in " + f.getMethodName() + ", line " + f.getLineNumber() + " of its cell)";
                break;
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }

    /** The scores of every part. */
    public static final class Report {
        private final String assignment;
        private final List<Result> results;

        Report(String assignment, List<Result> results) {
            this.assignment = assignment;
            this.results = List.copyOf(results);
        }

        public List<Result> results() {
            return results;
        }

        public int total() {
            return results.stream().mapToInt(Result::points).sum();
        }

        public int max() {
            return results.stream().mapToInt(Result::max).sum();
        }

        /** Columns part, points, max, passed, message. */
        public Table table() {
            return Table.create(assignment,
                    StringColumn.create("part", results.stream().map(Result::part).toArray(String[]::new)),
                    IntColumn.create("points", results.stream().mapToInt(Result::points).toArray()),
                    IntColumn.create("max", results.stream().mapToInt(Result::max).toArray()),
                    BooleanColumn.create("passed", results.stream().map(Result::passed).toArray(Boolean[]::new)),
                    StringColumn.create("message", results.stream().map(Result::message).toArray(String[]::new)));
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(assignment).append('\n');
            for (Result r : results) {
                s.append(String.format("  %s %-40s %2d / %-2d %s%n", r.passed() ? "✓" : "✗", r.part(), r.points(), r.max(), r.message()));
            }
            return s.append("Score: ").append(total()).append(" / ").append(max()).toString();
        }
    }
}
