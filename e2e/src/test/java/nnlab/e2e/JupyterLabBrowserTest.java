package nnlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a student sees: JupyterLab in a real (headless) browser opens a notebook with the project's
 * {@code java} kernel, runs all cells, and shows their text and a chart. The notebook
 * (test resource {@code e2e.ipynb}) loads the project jar the way the course notebooks do, from
 * {@code ../lib/target/nnlab.jar}.
 *
 * <p>Configuration (system properties): {@code nnlab.root} the repository (set by the pom),
 * {@code nnlab.venv} (default {@code <root>/.venv}), {@code nnlab.chrome} and {@code nnlab.chromedriver}
 * (default: {@code chromium} / {@code chromedriver} found on PATH). The screenshot is written to
 * {@code <root>/build/e2e/jupyterlab.png}.
 */
class JupyterLabBrowserTest {

    private static final Duration RUN_LIMIT = Duration.ofSeconds(180);
    private static final String NOTEBOOK = "notebooks/e2e.ipynb";

    /** True once every code cell has an execution count and the kernel is idle; throws on a missing app. */
    private static final String ALL_CELLS_RAN = String.join("\n",
            "const panel = window.jupyterapp.shell.currentWidget;",
            "if (!panel || !panel.content || !panel.sessionContext) return false;",
            "const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;",
            "const code = panel.content.widgets.filter(c => c.model.type === 'code');",
            "return !!kernel && kernel.status === 'idle' && code.length > 0",
            "    && code.every(c => c.model.executionCount !== null);");

    private static final String KERNEL_READY = String.join("\n",
            "const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;",
            "if (!panel || !panel.sessionContext || !panel.sessionContext.isReady) return false;",
            "const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;",
            "return !!kernel && kernel.name === 'java' && kernel.status === 'idle';");

    /** Every output of every code cell, as nbformat JSON. */
    private static final String OUTPUTS = String.join("\n",
            "const panel = window.jupyterapp.shell.currentWidget;",
            "return panel.content.widgets.filter(c => c.model.type === 'code')",
            "    .flatMap(c => c.model.outputs.toJSON());");

    @Test
    void runAllCellsShowsTextAndChart() throws Exception {
        Path root = Path.of(System.getProperty("nnlab.root", "..")).toRealPath();
        Path venv = Path.of(System.getProperty("nnlab.venv", root.resolve(".venv").toString()));
        Path work = root.resolve("e2e/target/e2e-run");
        deleteTree(work);
        Path labRoot = prepareLabRoot(root, work.resolve("lab-root"));
        Path screenshot = root.resolve("build/e2e/jupyterlab.png");
        Path failureShot = screenshot.resolveSibling("jupyterlab-failure.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(failureShot);

        try (JupyterLabServer lab = JupyterLabServer.start(venv, labRoot, work.resolve("jupyter"))) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(executable("nnlab.chromedriver", "chromedriver").toFile())
                    .usingAnyFreePort()
                    .withLogFile(work.resolve("chromedriver.log").toFile())
                    .withEnvironment(homeInside(work.resolve("chrome-home")))
                    .build();
            WebDriver browser = new ChromeDriver(service, chromeOptions(work.resolve("chrome-profile")));
            try {
                browser.get(lab.labUrl(NOTEBOOK));
                await(browser, KERNEL_READY, "the notebook to open with an idle 'java' kernel", lab);
                js(browser).executeScript("window.jupyterapp.commands.execute('notebook:run-all-cells');");
                await(browser, ALL_CELLS_RAN, "every code cell to run and the kernel to be idle", lab);
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(
                        By.cssSelector(".jp-OutputArea-output img[src^='data:image/png']")).isEmpty());
                save(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE), screenshot);

                List<Map<String, Object>> outputs = outputs(browser);
                assertFalse(outputs.stream().anyMatch(o -> "error".equals(o.get("output_type"))),
                        () -> "expected no error output, got: " + outputs);
                String text = outputs.stream().filter(o -> "stream".equals(o.get("output_type")))
                        .map(o -> String.valueOf(o.get("text"))).reduce("", String::concat);
                assertTrue(text.contains("✔ 1 + 2 + … + 10 = 55"),
                        () -> "expected the line printed by the library's passing check, got stream text: " + text);
                assertEquals(1, browser.findElements(
                        By.cssSelector(".jp-OutputArea-output img[src^='data:image/png']")).size(),
                        "expected exactly one PNG chart on the page");
                // the kernel buffers printed text: a loop of printlns must arrive whole and in order
                List<String> printed = text.lines().filter(l -> l.startsWith("line ")).toList();
                assertEquals(20000, printed.size(), "lines of the print loop that reached the page");
                assertEquals("line 19999", printed.get(printed.size() - 1));
                List<WebElement> table = browser.findElements(By.cssSelector(".jp-OutputArea-output .nnlab-table td"));
                assertEquals(List.of("first", "0.3333"), table.stream().map(WebElement::getText).toList(),
                        "the library's table, shown as HTML");
            } catch (RuntimeException | AssertionError e) {
                save(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE), failureShot);
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    /** A JupyterLab root laid out like the repository, so the notebook's {@code %classpath} line resolves. */
    private static Path prepareLabRoot(Path root, Path labRoot) throws IOException {
        Path jar = root.resolve("lib/target/nnlab.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("expected the library jar at " + jar
                    + " but it is missing: build it first with 'mvn -q package -DskipTests' (./test.sh does)");
        }
        Files.createDirectories(labRoot.resolve("lib/target"));
        Files.createDirectories(labRoot.resolve("notebooks"));
        Files.copy(jar, labRoot.resolve("lib/target/nnlab.jar"));
        try (var in = JupyterLabBrowserTest.class.getResourceAsStream("/e2e.ipynb")) {
            Files.copy(Objects.requireNonNull(in, "test resource e2e.ipynb missing"), labRoot.resolve(NOTEBOOK));
        }
        return labRoot;
    }

    /** Headless Chromium that never reaches off this machine, with a fresh profile. */
    private static ChromeOptions chromeOptions(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("nnlab.chrome", "chromium").toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1200", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--dns-prefetch-disable",
                "--disable-features=AutofillServerCommunication,MediaRouter,OptimizationHints");
        return options;
    }

    /** Points the browser's home, cache and config folders into the run's folder, away from the user's home. */
    private static Map<String, String> homeInside(Path home) throws IOException {
        Files.createDirectories(home);
        return Map.of("HOME", home.toString(), "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    /** The file named by a system property, else the command found on PATH. */
    private static Path executable(String property, String command) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            Path path = Path.of(given);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("-D" + property + "=" + given + " is not an executable file");
            }
            return path;
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("expected '" + command + "' on PATH but found none: "
                        + "install Debian's chromium and chromium-driver (./test.sh does when run as root) "
                        + "or pass -D" + property + "=/path/to/" + command));
    }

    private static void await(WebDriver browser, String condition, String what, JupyterLabServer lab) {
        try {
            new WebDriverWait(browser, RUN_LIMIT).until(d -> Boolean.TRUE.equals(js(d).executeScript(condition)));
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + RUN_LIMIT.toSeconds() + " s for " + what
                    + "; JupyterLab's log:\n" + lab.logText(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outputs(WebDriver browser) {
        return (List<Map<String, Object>>) js(browser).executeScript(OUTPUTS);
    }

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    private static void save(File shot, Path target) throws IOException {
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
