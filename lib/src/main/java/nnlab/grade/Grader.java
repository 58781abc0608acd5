package nnlab.grade;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The graded parts of an assignment, and how they are scored. A part passes when its check returns
 * normally; it scores zero when the check throws — a wrong value ({@link Expect.Mismatch}), a method not
 * written yet ({@link NotImplemented}), a method whose cell did not compile, or any exception from the
 * student's code — and the other parts are graded all the same.
 *
 * <p>Two ways to run them: {@link #run()} grades every part at once and returns the {@link Report} (for
 * tests and plain Java); in a notebook, {@link #show()} shows the score table and returns a
 * {@link Grading}, whose {@link Grading#part(String)} grades one part per cell (nbgrader's grade cells).
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

    /** The assignment's title. */
    public String assignment() {
        return assignment;
    }

    /** The parts, in order. */
    public List<Part> parts() {
        return List.copyOf(parts);
    }

    /**
     * Shows the score table below the notebook cell, every part not graded yet, and returns the session
     * that grades the parts one by one; the student's methods are looked up among the notebook's cells.
     */
    public Grading show() {
        return new Grading(this, StudentCode.callingCell().map(c -> new StudentCode(c.getClassLoader(), StudentCode.key(c.getName())))
                .orElse(null));
    }

    Grading show(StudentCode code) {
        return new Grading(this, code);
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

    static Result runPart(Part p) {
        String problem = problem(p.check());
        return problem == null ? new Result(p.name(), p.points(), p.points(), true, "ok")
                : new Result(p.name(), 0, p.points(), false, problem);
    }

    /** Null when the check passes, else what was wrong, said to the student. */
    static String problem(Runnable check) {
        try {
            check.run();
            return null;
        } catch (Expect.Mismatch | StudentCode.Problem e) {
            return e.getMessage();
        } catch (NotImplemented e) {
            return "not implemented yet: " + e.getMessage();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError | LinkageError e) {
            return "your code threw " + CellLines.describe(e);
        }
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
                String mark = r.passed() ? "✓" : r.message().equals(Grading.NOT_GRADED) ? "…" : "✗";
                s.append(String.format("  %s %-40s %2d / %-2d %s%n", mark, r.part(), r.points(), r.max(), r.message()));
            }
            return s.append("Score: ").append(total()).append(" / ").append(max()).toString();
        }
    }
}
