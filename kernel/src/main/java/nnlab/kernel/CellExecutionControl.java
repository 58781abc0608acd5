package nnlab.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM and keeps each result as the real object (JShell itself only keeps its
 * {@code toString}), so a chart or a table reaches the display code as what it is.
 * <p>
 * Each snippet runs on its own thread, which {@link #stop()} ends with {@code Thread.stop}: the only way to
 * break out of a busy loop in code that never checks for interruption (works up to JDK 19).
 */
final class CellExecutionControl extends LocalExecutionControl {
    /** Deep recursion in a student's code should reach its base case, not overflow a 1 MB default stack. */
    private static final long SNIPPET_STACK_BYTES = 64L << 20;
    /** How often a stop is delivered again while the snippet's thread is still alive. */
    private static final long STOP_RETRY_MILLIS = 100;

    private final Map<String, Object> results = new HashMap<>();
    private final AtomicLong resultIds = new AtomicLong();
    private final ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();
    /** CPU time (all, and user only) the snippets' threads have used, for %time. */
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong userNanos = new AtomicLong();
    private volatile Thread running;
    private volatile ClassLoader notebookLoader;
    private volatile boolean stopRequested;

    /** The provider JShell asks for an engine; there is one engine per kernel. */
    static final class Provider implements ExecutionControlProvider {
        private final CellExecutionControl control = new CellExecutionControl();

        CellExecutionControl control() {
            return control;
        }

        @Override
        public String name() {
            return "nnlab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }

    /**
     * Removes and returns the object a snippet produced, given the value JShell reported for it.
     *
     * @return the object (may be null), or {@link #NO_RESULT} if {@code key} names no result
     */
    synchronized Object takeResult(String key) {
        return key != null && results.containsKey(key) ? results.remove(key) : NO_RESULT;
    }

    /** Forgets results no one asked for (values of declarations), so they can be garbage collected. */
    synchronized void clearResults() {
        results.clear();
    }

    /** CPU time used by all snippets so far, user and system (ns); 0 where the JVM cannot measure it. */
    long cpuNanos() {
        return cpuNanos.get();
    }

    /** The user-mode part of {@link #cpuNanos()}. */
    long userNanos() {
        return userNanos.get();
    }

    /** The class loader of the snippets' classes (it sees what %classpath added), or null before the first run. */
    ClassLoader notebookLoader() {
        return notebookLoader;
    }

    /** Marks "this snippet produced no value"; distinct from a value that is null. */
    static final Object NO_RESULT = new Object();

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                if (threadTimes.isCurrentThreadCpuTimeSupported()) {
                    cpuNanos.addAndGet(threadTimes.getCurrentThreadCpuTime());
                    userNanos.addAndGet(threadTimes.getCurrentThreadUserTime());
                }
            }
        }, "nnlab-cell", SNIPPET_STACK_BYTES);
        notebookLoader = doitMethod.getDeclaringClass().getClassLoader();
        thread.setContextClassLoader(notebookLoader); // for ServiceLoader users
        thread.setDaemon(true); // a runaway snippet must not keep a shut-down kernel alive
        running = thread;
        thread.start();
        try {
            // while a stop is in force, deliver it again and again: one ThreadDeath can be swallowed by a
            // snippet's catch (Throwable) or land before the thread runs, and a stop that came while JShell
            // still compiled this snippet has not been delivered at all
            while (thread.isAlive()) {
                if (stopRequested) {
                    halt(thread);
                }
                thread.join(STOP_RETRY_MILLIS);
            }
        } finally {
            running = null;
        }
        if (stopRequested) {
            throw new ExecutionControl.StoppedException();
        }
        if (failure[0] != null) {
            throw asException(failure[0]);
        }
        String key = "nnlab-result-" + resultIds.incrementAndGet();
        synchronized (this) {
            results.put(key, result[0]);
        }
        return key;
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception) {
            return (Exception) t;
        }
        // an Error thrown outside the snippet's own code (e.g. while linking it) still reaches the student
        return new InvocationTargetException(t);
    }

    /**
     * Ends the running snippet, or the next one if none runs yet (the stop came while JShell compiled it);
     * called from another thread. Stays in force until {@link #allowRuns()}.
     */
    @Override
    public void stop() {
        stopRequested = true;
        Thread thread = running;
        if (thread != null) {
            halt(thread);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void halt(Thread thread) {
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            thread.interrupt(); // JDK 20+: only sleeps, waits and blocking I/O can still be broken off
        }
    }

    /** Lets snippets run again after a {@link #stop()}: called when a new cell starts. */
    void allowRuns() {
        stopRequested = false;
    }
}
