package nnlab.grade;

import nnlab.viz.LiveOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook's grading session: one score table below the cell that made it ({@link Grader#show()},
 * {@code Assignments.exercise1()}), updated in place as each grade cell runs its part.
 *
 * <pre>{@code
 * var grade = Assignments.exercise1();   // the table, every part "not graded yet"
 * grade.part("sigmoidGradient");         // one grade cell per part: fails (throws) when the part does not pass
 * }</pre>
 *
 * A failing part throws {@link PartFailed}, so the grade cell fails: nbgrader scores a grade cell by
 * whether it raises, and the cell's error says what was wrong. Outside a notebook nothing is shown;
 * {@link #report()} has the scores.
 */
public final class Grading {
    private final Grader grader;
    private final StudentCode code;
    private final Map<String, Grader.Part> parts = new LinkedHashMap<>();
    private final Map<String, Grader.Result> results = new LinkedHashMap<>();
    private final LiveOutput table;

    Grading(Grader grader, StudentCode code) {
        this.grader = grader;
        this.code = code;
        for (Grader.Part p : grader.parts()) {
            parts.put(p.name(), p);
        }
        this.table = LiveOutput.show(text(), html());
    }

    /**
     * Grades one part and shows its row; throws {@link PartFailed} when the part does not pass (the table
     * is updated first). A part may be graded again after the student has fixed it.
     */
    public void part(String name) {
        Grader.Part p = require(name);
        seeCallersCells();
        record(Grader.runPart(p));
    }

    /**
     * A further check of a part that {@link #part(String)} has passed — what a teacher puts between
     * {@code // BEGIN HIDDEN TESTS} and {@code // END HIDDEN TESTS} in the part's grade cell, so students
     * do not see it. When it fails, the part loses its points and this throws {@link PartFailed}.
     */
    public void check(String part, String what, Runnable check) {
        Grader.Part p = require(part);
        seeCallersCells();
        Grader.Result before = results.get(part);
        if (before == null) {
            throw new IllegalStateException("grade the part before its further checks: grade.part(\"" + part + "\"); first");
        }
        if (!before.passed()) {
            throw new PartFailed(before);
        }
        String problem = Grader.problem(check);
        record(problem == null ? before : new Grader.Result(p.name(), 0, p.points(), false, what + ": " + problem));
    }

    /**
     * Calls the student's method {@code method} with these arguments, looked up at run time like the
     * graded methods (for hidden tests): {@code (DMatrixRMaj) grade.call("reshape", v, 6, 6, 1, 1)}.
     */
    public Object call(String method, Object... args) {
        if (code == null) {
            throw new IllegalStateException("call(\"" + method + "\", …) looks the method up among the notebook's cells; "
                    + "this grading was not made in a notebook cell");
        }
        seeCallersCells();
        return code.call(method, args);
    }

    /** The scores of the parts graded so far, in the order of the assignment (parts not graded yet score 0). */
    public Grader.Report report() {
        List<Grader.Result> all = new ArrayList<>();
        for (Grader.Part p : parts.values()) {
            all.add(results.getOrDefault(p.name(), new Grader.Result(p.name(), 0, p.points(), false, NOT_GRADED)));
        }
        return new Grader.Report(grader.assignment(), all);
    }

    static final String NOT_GRADED = "not graded yet";

    private Grader.Part require(String name) {
        Grader.Part p = parts.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no part \"" + name + "\" in " + grader.assignment() + "; its parts are "
                    + String.join(", ", parts.keySet().stream().map(n -> "\"" + n + "\"").toList()));
        }
        return p;
    }

    /** Student methods fixed after the grading cell ran are found too: the calling cell bounds the search. */
    private void seeCallersCells() {
        if (code != null) {
            StudentCode.callingCell().ifPresent(code::seenFrom);
        }
    }

    private void record(Grader.Result result) {
        results.put(result.part(), result);
        if (table.isLive()) {
            table.update(text(), html());
        }
        if (!result.passed()) {
            throw new PartFailed(result);
        }
    }

    @Override
    public String toString() {
        return text();
    }

    private String text() {
        return report().toString();
    }

    /** The score table: ✓ / ✗ / … , part, points, message, and the total. */
    private String html() {
        Grader.Report r = report();
        StringBuilder s = new StringBuilder("<table style=\"border-collapse: collapse; font-family: sans-serif; font-size: 13px\">\n");
        s.append("<caption style=\"text-align: left; font-weight: bold; padding-bottom: 4px\">").append(escape(grader.assignment()))
                .append("</caption>\n<tr>").append(th("")).append(th("part")).append(th("points")).append(th("message")).append("</tr>\n");
        for (Grader.Result result : r.results()) {
            boolean graded = results.containsKey(result.part());
            String mark = !graded ? "…" : result.passed() ? "✓" : "✗";
            String colour = !graded ? "#888" : result.passed() ? "#2e7d32" : "#c62828";
            s.append("<tr>")
                    .append(td("color: " + colour + "; font-weight: bold", mark))
                    .append(td("", result.part()))
                    .append(td("text-align: right; white-space: nowrap", (graded ? result.points() : "–") + " / " + result.max()))
                    .append(td(graded ? "" : "color: #888", result.message()))
                    .append("</tr>\n");
        }
        s.append("<tr>").append(td("", "")).append(td("font-weight: bold", "score"))
                .append(td("text-align: right; font-weight: bold; white-space: nowrap", r.total() + " / " + r.max()))
                .append(td("", graded() + " of " + parts.size() + " parts graded")).append("</tr>\n");
        return s.append("</table>").toString();
    }

    private int graded() {
        return results.size();
    }

    private static String th(String content) {
        return "<th style=\"text-align: left; padding: 2px 8px; border-bottom: 1px solid #999\">" + escape(content) + "</th>";
    }

    private static String td(String style, String content) {
        // JupyterLab's stylesheet right-aligns table cells: every cell states its alignment
        return "<td style=\"padding: 2px 8px; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; " + style + "\">"
                + escape(content) + "</td>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
