package nnlab.kernel;

import java.util.List;

/**
 * A cell failed: carries what the notebook shows (error name, value and traceback lines) and nothing of the
 * kernel's own stack. {@link KernelConnection} puts {@link #errorName()} into the Jupyter error message.
 */
final class CellError extends Exception {
    private final String errorName;
    private final List<String> traceback;
    private final int executionCount;

    CellError(String errorName, String errorValue, List<String> traceback, int executionCount) {
        super(errorValue, null, false, false); // no stack trace: the kernel's frames mean nothing to the student
        this.errorName = errorName;
        this.traceback = List.copyOf(traceback);
        this.executionCount = executionCount;
    }

    /** The prompt number of the failed cell. */
    int executionCount() {
        return executionCount;
    }

    /** e.g. {@code java.lang.ArithmeticException}, {@code CompilationError}, {@code Interrupted}. */
    String errorName() {
        return errorName;
    }

    /** Lines shown in the notebook, first the headline. */
    List<String> traceback() {
        return traceback;
    }
}
