package nnlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a notebook cell into line magics ({@code %jars ...}) and runs of Java code, in the order they appear,
 * so a magic takes effect before the code below it is compiled.
 * <p>
 * A magic is a line starting in column 0 with {@code %} and a letter, as in IJava; a Java line never starts
 * that way except a continued modulo expression ({@code %2}), which a digit keeps apart.
 */
public final class CellParser {
    private static final Pattern MAGIC_LINE = Pattern.compile("^%(%?[A-Za-z][\\w-]*)(.*)$");

    /** One piece of a cell. */
    public sealed interface Segment permits Magic, Code {
        /** 0-based line of the cell where this piece starts. */
        int line();
    }

    /**
     * A line magic: {@code name} without the {@code %}; a cell magic keeps one {@code %} ({@code "%name"}).
     * {@code text} is the rest of the line as written ({@code %time} runs it as code).
     */
    public record Magic(String name, List<String> args, String text, int line) implements Segment {
    }

    /** Java source lines, joined with {@code \n}, starting at cell line {@code line}. */
    public record Code(String source, int line) implements Segment {
    }

    private CellParser() {
    }

    /** The cell's magics and code runs in order; runs of blank lines alone are dropped. */
    public static List<Segment> parse(String cell) {
        List<Segment> segments = new ArrayList<>();
        String[] lines = cell.split("\\R", -1);
        StringBuilder code = new StringBuilder();
        int codeStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MAGIC_LINE.matcher(lines[i]);
            if (m.matches()) {
                addCode(segments, code, codeStart);
                String text = m.group(2).strip();
                // %time's text is Java code, whose quotes are not magic arguments
                List<String> args = m.group(1).equals("time") ? List.of(text) : splitArgs(m.group(2));
                segments.add(new Magic(m.group(1), args, text, i));
                codeStart = i + 1;
            } else {
                if (code.length() > 0 || i > codeStart) {
                    code.append('\n');
                }
                code.append(lines[i]);
            }
        }
        addCode(segments, code, codeStart);
        return segments;
    }

    private static void addCode(List<Segment> segments, StringBuilder code, int start) {
        String source = code.toString();
        if (!source.isBlank()) {
            segments.add(new Code(source, start));
        }
        code.setLength(0);
    }

    /**
     * Splits magic arguments at blanks; double or single quotes keep blanks inside one argument
     * ({@code "My Documents/a.jar"}).
     *
     * @throws IllegalArgumentException if a quote is not closed
     */
    public static List<String> splitArgs(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    args.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unclosed " + quote + " in magic arguments: " + text.strip()
                    + ". Close the quote or remove it.");
        }
        if (inToken) {
            args.add(current.toString());
        }
        return args;
    }
}
