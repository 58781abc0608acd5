package nnlab.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -jar nnlab-kernel.jar <connection-file>}, as Jupyter does from the kernelspec
 * that {@code kernel/install_kernel.py} writes.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: java -jar nnlab-kernel.jar <connection-file>. Jupyter passes the "
                    + "connection file; install the kernel with: python kernel/install_kernel.py");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("No connection file " + connectionFile.toAbsolutePath()
                    + ". Start the kernel from Jupyter, which writes that file.");
            System.exit(2);
        }
        quietLogging();
        KernelConnectionProperties props = KernelConnectionProperties.parse(
                Files.readString(connectionFile, StandardCharsets.UTF_8));

        NnlabKernel kernel = new NnlabKernel();
        KernelConnection connection = new KernelConnection(props, kernel::lastError);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0); // a snippet's leftover non-daemon threads must not keep the process alive
    }

    /**
     * Keeps the notebook free of library chatter. While a cell runs System.err is the notebook's stderr
     * stream, so log lines must go to the process's own stderr (Jupyter's log), and only warnings.
     * SLF4J, which Tablesaw uses, would print "no providers" into the cell; its own switch silences that.
     */
    static void quietLogging() {
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        // bound to file descriptor 2 now: System.err is swapped while cells run
        PrintStream processErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Handler handler = new StreamHandler(processErr, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
    }
}
