package nnlab;

import nnlab.linalg.Products;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a result was computed, for the footer of an experiment write-up: library version, seeds, git
 * commit, JDK, the JVM's flags, the matrix backend and its threads, OS and cores, date. The lines from
 * "git commit" on change from machine to machine; the footer prints no marker for them, so a notebook
 * that compares its outputs (tools/notebooks.py) lists them in the footer cell's metadata:
 * <pre>{@code "metadata": {"nnlab": {"varies": ["^(git commit|JDK|JVM flags|matrix products|OS|date): "]}}}</pre>
 * (the value of {@link #VARYING_LINES}).
 */
public final class Environment {
    /** The library's version. */
    public static final String VERSION = "0.1.0";

    /** A regular expression matching the footer lines that depend on the machine, the build and the time. */
    public static final String VARYING_LINES = "^(git commit|JDK|JVM flags|matrix products|OS|date): ";

    private Environment() {}

    /** The footer as printed text; {@code seeds} are the seeds the experiment used. */
    public static String footer(long... seeds) {
        return String.join("\n",
                "nnlab " + VERSION,
                "seeds: " + Arrays.toString(seeds),
                "git commit: " + gitCommit(),
                "JDK: " + System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                "JVM flags: " + jvmFlags(),
                "matrix products: " + Products.describe(),
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores",
                "date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19) + " UTC");
    }

    /** Prints {@link #footer(long...)}. */
    public static void printFooter(long... seeds) {
        System.out.println(footer(seeds));
    }

    /** The JVM's start-up flags (e.g. {@code --add-modules=jdk.incubator.vector -Xmx2g}), "none" when there are none. */
    public static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return flags.isEmpty() ? "none" : String.join(" ", flags);
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
