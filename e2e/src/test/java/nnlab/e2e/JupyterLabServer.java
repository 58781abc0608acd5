package nnlab.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JupyterLab server from the project's .venv/, on loopback, on a free port, with a random token. All its
 * Jupyter state lives in a fresh folder under {@code work}, so no earlier tabs or settings come back and
 * nothing is written to the home folder. {@link #close()} stops it with {@code POST /api/shutdown}.
 */
final class JupyterLabServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JupyterLabServer(Process process, Path log, int port, String token) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
    }

    /**
     * Starts JupyterLab serving {@code rootDir} and waits until its API answers.
     *
     * @param venv the project's virtual environment (with jupyterlab and the java kernelspec in its prefix)
     * @param rootDir the folder JupyterLab shows
     * @param work a folder for the server's state and log; created if missing
     */
    static JupyterLabServer start(Path venv, Path rootDir, Path work) throws IOException, InterruptedException {
        Path jupyter = venv.resolve("bin/jupyter");
        if (!Files.isExecutable(jupyter)) {
            throw new IllegalStateException("expected JupyterLab at " + jupyter + " but it is not there: "
                    + "run ./test.sh (or ./run.sh) once, which creates .venv/ with it");
        }
        Path kernelSpec = venv.resolve("share/jupyter/kernels/java/kernel.json");
        if (!Files.isRegularFile(kernelSpec)) {
            throw new IllegalStateException("expected the 'java' kernelspec at " + kernelSpec + " but it is not "
                    + "there: install it with .venv/bin/python kernel/install_kernel.py (./test.sh does)");
        }
        Files.createDirectories(work);
        int port = freeLoopbackPort();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ProcessBuilder builder = new ProcessBuilder(List.of(jupyter.toString(), "lab",
                "--no-browser", "--allow-root", "--ip=127.0.0.1", "--port=" + port, "--port-retries=0",
                "--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + rootDir,
                "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"));
        Map<String, String> env = builder.environment();
        env.remove("JUPYTER_PATH");
        env.put("JUPYTER_CONFIG_DIR", work.resolve("config").toString());
        env.put("JUPYTER_DATA_DIR", work.resolve("data").toString());
        env.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        env.put("JUPYTERLAB_SETTINGS_DIR", work.resolve("lab-settings").toString());
        env.put("JUPYTERLAB_WORKSPACES_DIR", work.resolve("lab-workspaces").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        env.put("IPYTHONDIR", Files.createDirectories(work.resolve("ipython")).toString());
        Path log = work.resolve("jupyterlab.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        JupyterLabServer server = new JupyterLabServer(builder.start(), log, port, token);
        server.awaitReady();
        return server;
    }

    /** The browser address of a file under the root folder, token included. */
    String labUrl(String relativePath) {
        return base() + "/lab/tree/" + relativePath + "?token=" + token;
    }

    /** The server's log so far, for failure messages. */
    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            http.send(request("/api/shutdown").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // already gone or not answering: the process is ended below
        }
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("JupyterLab exited with code " + process.exitValue()
                        + " before answering; its log:\n" + logText());
            }
            try {
                var status = http.send(request("/api/status").GET().build(), HttpResponse.BodyHandlers.discarding());
                if (status.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("JupyterLab did not answer within " + START_LIMIT.toSeconds()
                + " s on port " + port + "; its log:\n" + logText());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "token " + token);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
