package nnlab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves {@code group:artifact:version} coordinates (with their dependencies) to jar files by running the
 * machine's {@code mvn} on a generated pom, so downloads, mirrors and proxies follow the user's Maven settings.
 * Each set of coordinates gets a folder under the cache; a second request for it does not start Maven.
 */
final class MavenResolver {
    /** group:artifact:version, or with packaging and classifier (group:artifact:packaging[:classifier]:version). */
    private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+(:[\\w.\\-]+){2,4}");
    /** The plugin version is pinned so a resolution does not depend on which version Maven finds newest. */
    private static final String BUILD_CLASSPATH_GOAL =
            "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath";

    /** Colour codes Maven writes even in batch mode (its console library resets the colour at start). */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** What Maven puts before the reason of a failed resolution: our generated project, of no use to the reader. */
    private static final Pattern GOAL_PREFIX = Pattern.compile(
            "^Failed to execute goal .*?: Could not resolve dependencies for project [^ ]+: ");

    private final Path cacheDir;
    private final String mvnCommand;
    private volatile Process running;

    /** @param mvnCommand the {@code mvn} to run, or null to look it up ({@code NNLAB_MVN}, then the PATH) */
    MavenResolver(Path cacheDir, String mvnCommand) {
        this.cacheDir = cacheDir;
        this.mvnCommand = mvnCommand;
    }

    /** Where resolutions are cached: {@code $NNLAB_KERNEL_CACHE} or {@code ~/.cache/nnlab-kernel}, then {@code maven/}. */
    static MavenResolver inUserCache() {
        String override = System.getenv("NNLAB_KERNEL_CACHE");
        Path base = override != null && !override.isBlank()
                ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cache", "nnlab-kernel");
        return new MavenResolver(base.resolve("maven"), null);
    }

    /** Checks each argument looks like Maven coordinates, before anything is run. */
    static void checkCoordinates(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs at least one group:artifact:version, "
                    + "e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        for (String c : coordinates) {
            if (!COORDINATES.matcher(c).matches()) {
                throw new IllegalArgumentException("%maven: \"" + c + "\" is not Maven coordinates. Write "
                        + "group:artifact:version, e.g. org.apache.commons:commons-math3:3.6.1");
            }
        }
    }

    /**
     * The jars of these artifacts and everything they depend on (compile and runtime scope).
     *
     * @throws IllegalArgumentException if the coordinates are malformed or Maven cannot resolve them
     * @throws IllegalStateException    if {@code mvn} is not installed
     */
    List<Path> resolve(List<String> coordinates) throws IOException, InterruptedException {
        checkCoordinates(coordinates);
        Path dir = cacheDir.resolve(digest(coordinates));
        Path classpathFile = dir.resolve("classpath.txt");
        List<Path> cached = readClasspath(classpathFile);
        if (cached != null) {
            return cached;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
        Files.deleteIfExists(classpathFile);
        Path log = dir.resolve("mvn.log");
        // -B and style.color=never: no progress bars or colour codes in the log the error is quoted from
        ProcessBuilder build = new ProcessBuilder(mvnCommand != null ? mvnCommand : findMaven(), "-B", "-q",
                "-Dstyle.color=never", "-f", dir.resolve("pom.xml").toString(),
                BUILD_CLASSPATH_GOAL, "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = build.start();
        running = process;
        int exit;
        try {
            exit = process.waitFor();
        } finally {
            running = null;
        }
        List<Path> jars = readClasspath(classpathFile);
        if (exit != 0 || jars == null) {
            throw new IllegalArgumentException(failure(String.join(" ", coordinates),
                    Files.readAllLines(log, StandardCharsets.UTF_8)) + " Maven's full output is in " + log);
        }
        return jars;
    }

    /** Ends a running {@code mvn}, if any (the cell was interrupted). */
    void cancel() {
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    private static String findMaven() {
        String override = System.getenv("NNLAB_MVN");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : new String[] {"mvn", "mvn.cmd"}) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate)) {
                        return candidate.toString();
                    }
                }
            }
        }
        throw new IllegalStateException("%maven needs Maven's mvn command, which is not on the PATH. Install "
                + "Maven (e.g. apt-get install maven) or set NNLAB_MVN to its path; or download the jar and "
                + "load it with %classpath.");
    }

    /** The jars listed in a classpath file, or null if there is none or a listed jar has gone. */
    private static List<Path> readClasspath(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(file).strip().split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                Path jar = Path.of(entry.strip());
                if (!Files.exists(jar)) {
                    return null;
                }
                jars.add(jar);
            }
        }
        return jars;
    }

    /** What went wrong, from Maven's output: its first real error line, and what to do about it. */
    static String failure(String coordinates, List<String> mavenOutput) {
        String error = firstError(mavenOutput);
        String what = "%maven could not resolve " + coordinates + ": ";
        if (error.contains("offline mode")) {
            return what + "Maven is offline (-o, or <offline>true</offline> in ~/.m2/settings.xml) and has not "
                    + "downloaded it before (" + error + "). Run it once with network access, or switch offline "
                    + "mode off.";
        }
        return what + error + ". Check the coordinates (search.maven.org) and that Maven can reach its repository.";
    }

    /** The first {@code [ERROR]} line with text, without colour codes, Maven's help pointer or our project's name. */
    static String firstError(List<String> mavenOutput) {
        for (String raw : mavenOutput) {
            String line = ANSI.matcher(raw).replaceAll("").strip();
            if (line.startsWith("[ERROR]") && !line.equals("[ERROR]")) {
                String error = line.substring("[ERROR]".length()).strip().replaceFirst("\\s*-> \\[Help \\d+]$", "");
                return GOAL_PREFIX.matcher(error).replaceFirst("").replaceFirst("\\.$", "");
            }
        }
        return "Maven failed without an error line";
    }

    static String pom(List<String> coordinates) {
        StringBuilder deps = new StringBuilder();
        for (String c : coordinates) {
            String[] p = c.split(":");
            deps.append("    <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId>");
            if (p.length >= 4) {
                deps.append("<type>").append(p[2]).append("</type>");
            }
            if (p.length == 5) {
                deps.append("<classifier>").append(p[3]).append("</classifier>");
            }
            deps.append("<version>").append(p[p.length - 1]).append("</version></dependency>\n");
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>nnlab.kernel</groupId><artifactId>maven-magic</artifactId><version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <dependencies>\n" + deps + "  </dependencies>\n"
                + "</project>\n";
    }

    private static String digest(List<String> coordinates) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", coordinates).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
