package nnlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

/**
 * The line magics notebooks may use, with IJava's meaning so they also run there:
 * <ul>
 *   <li>{@code %jars a.jar lib/*.jar} adds jar files (globs allowed) to the classpath, with JJava's
 *       deprecation notice;</li>
 *   <li>{@code %classpath classes/ lib/*.jar} adds jars or class folders;</li>
 *   <li>{@code %maven group:artifact:version} resolves artifacts with their dependencies through {@code mvn};</li>
 *   <li>{@code %load setup.jsh} runs a file of snippets as if it were a cell.</li>
 * </ul>
 * Relative paths start from the kernel's working folder, which Jupyter sets to the notebook's folder.
 */
final class KernelMagics {
    /** What the magics need from the kernel. */
    interface Session {
        void addToClasspath(Path entry);

        /** Runs the snippets of a file; its errors are reported against {@code file}. */
        Object runFile(Path file, String text) throws Exception;
    }

    /** Line magics; {@code time} is run by the kernel itself, since it runs code. */
    static final List<String> NAMES = List.of("classpath", "jars", "load", "maven", "time");
    /** Cell magics (first line of a cell). */
    static final List<String> CELL_NAMES = List.of("time");

    private final Session session;
    private final MavenResolver maven;
    private final Set<Path> added = new LinkedHashSet<>();

    KernelMagics(Session session, MavenResolver maven) {
        this.session = session;
        this.maven = maven;
    }

    /**
     * Runs one magic.
     *
     * @return what the magic shows as the cell's value ({@link CellExecutionControl#NO_RESULT} if nothing)
     * @throws IllegalArgumentException for an unknown magic or bad arguments, naming what to do instead
     */
    Object run(String name, List<String> args) throws Exception {
        switch (name) {
            case "jars" -> {
                // JJava's notice, word for word, so a notebook shows the same under both kernels
                System.err.println("'%jars' magic is deprecated and will be removed in the future versions of "
                        + "JJava. A more generic '%classpath' should be used in its place.");
                jars(args);
            }
            case "classpath" -> classpath(args); // alone it does nothing, as in JJava
            case "maven" -> maven(args);
            case "load" -> {
                return load(args);
            }
            default -> throw new IllegalArgumentException(unknown(name));
        }
        return CellExecutionControl.NO_RESULT;
    }

    static String unknown(String name) {
        if (name.startsWith("%")) {
            return "Unknown cell magic %%" + name.substring(1) + ". This kernel knows "
                    + String.join(", ", CELL_NAMES.stream().map(n -> "%%" + n).toList()) + " (first line of a cell)"
                    + " and the line magics " + lineMagicList() + ".";
        }
        return "Unknown magic %" + name + ". This kernel knows " + lineMagicList() + ".";
    }

    private static String lineMagicList() {
        return String.join(", ", NAMES.stream().map(n -> "%" + n).toList());
    }

    /** Stops a running {@code %maven}. */
    void cancel() {
        maven.cancel();
    }

    private void jars(List<String> globs) throws IOException {
        requireArgs("jars", globs, "%jars ../lib/target/nnlab.jar");
        List<Path> jars = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = matches(glob, true);
            List<Path> matchedJars = matched.stream().filter(p -> p.toString().endsWith(".jar")).toList();
            if (matchedJars.isEmpty()) {
                throw new IllegalArgumentException("%jars: " + nothingFound(glob, matched.isEmpty() ? "no file"
                        : "no .jar file (only " + matched.get(0).getFileName() + "...)")
                        + " If it is a jar this project builds, build it first: mvn -q package");
            }
            jars.addAll(matchedJars);
        }
        jars.forEach(this::add);
    }

    private void classpath(List<String> globs) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = matches(glob, false);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("%classpath: " + nothingFound(glob, "no file or folder"));
            }
            entries.addAll(matched);
        }
        entries.forEach(this::add);
    }

    private void maven(List<String> coordinates) throws IOException, InterruptedException {
        maven.resolve(coordinates).forEach(this::add);
    }

    private Object load(List<String> args) throws Exception {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load takes one file of Java snippets, got " + args.size()
                    + " arguments. Example: %load setup.jsh");
        }
        Path file = Path.of(args.get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: there is no file " + file + " (relative paths start in "
                    + workingDir() + "). Check the name or give the path from the notebook's folder.");
        }
        return session.runFile(file, Files.readString(file));
    }

    private void add(Path entry) {
        Path absolute = entry.toAbsolutePath().normalize();
        if (added.add(absolute)) { // running a cell again must not load a jar twice
            session.addToClasspath(absolute);
        }
    }

    private static List<Path> matches(String glob, boolean filesOnly) throws IOException {
        GlobFinder finder = new GlobFinder(glob);
        List<Path> found = new ArrayList<>();
        try {
            (filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()).forEach(found::add);
        } catch (NoSuchFileException e) {
            return found; // a folder on the way does not exist: nothing matches
        }
        found.sort(null); // directory order differs between machines; the classpath order should not
        return found;
    }

    private static String nothingFound(String glob, String what) {
        return what + " matches \"" + glob + "\" (relative paths start in " + workingDir() + ").";
    }

    private static Path workingDir() {
        return Path.of("").toAbsolutePath();
    }

    private static void requireArgs(String magic, List<String> args, String example) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%" + magic + " needs at least one path. Example: " + example);
        }
    }
}
