package nnlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Where a result was computed: library version, git commit, JDK, OS, date and seeds, for the footer
 * of an experiment write-up. Lines that change from run to run or machine to machine end with the
 * marker {@code [varies]}, which the notebook output comparison skips.
 */
public final class Environment {
    /** The library's version. */
    public static final String VERSION = "0.1.0";

    private Environment() {}

    /** The footer as printed text; {@code seeds} are the seeds the experiment used. */
    public static String footer(long... seeds) {
        return String.join("\n",
                "nnlab " + VERSION,
                "seeds: " + Arrays.toString(seeds),
                "git commit: " + gitCommit() + " [varies]",
                "JDK: " + System.getProperty("java.vendor") + " " + System.getProperty("java.version") + " [varies]",
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores [varies]",
                "date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19) + " UTC [varies]");
    }

    /** Prints {@link #footer(long...)}. */
    public static void printFooter(long... seeds) {
        System.out.println(footer(seeds));
    }

    /** The current git commit of the working directory (with "+changes" if the tree is dirty), or "unknown". */
    public static String gitCommit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not in a git checkout)";
        }
        return git("status", "--porcelain").isEmpty() ? head : head + "+changes";
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
