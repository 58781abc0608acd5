package nnlab.grade;

import java.util.function.Function;

/**
 * Where in the student's cells an exception started. The project's kernel keeps, while a cell runs, a
 * {@code Function<StackTraceElement, String>} under the system property {@value #PROPERTY} that maps a frame
 * of notebook code to its place as the kernel shows it ("In [7], line 3") and gives null for other frames;
 * other kernels (JJava, IJava) have none, and then the method is named alone.
 */
final class CellLines {
    static final String PROPERTY = "nnlab.kernel.cellLine";

    private CellLines() {}

    /** "ArithmeticException: / by zero (in backpropOne, In [7], line 3)". */
    static String describe(Throwable e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(StudentCode.WRAPPER_PREFIX)) {
                String place = place(frame);
                return what + " (in " + method(frame.getMethodName()) + (place == null ? "" : ", " + place) + ")";
            }
        }
        return what;
    }

    /** The kernel's name for the frame's cell and line, or null. */
    @SuppressWarnings("unchecked")
    static String place(StackTraceElement frame) {
        Object lines = System.getProperties().get(PROPERTY);
        if (!(lines instanceof Function<?, ?> f)) {
            return null;
        }
        try {
            Object place = ((Function<StackTraceElement, ?>) f).apply(frame);
            return place == null ? null : place.toString();
        } catch (RuntimeException e) {
            return null; // the kernel's mapping failed: naming the method is still right
        }
    }

    /** A lambda's frame {@code lambda$backpropOne$0} is reported as its method, backpropOne. */
    static String method(String frameMethod) {
        if (frameMethod.startsWith("lambda$")) {
            String[] parts = frameMethod.split("\\$");
            return parts.length > 1 ? parts[1] : frameMethod;
        }
        return frameMethod;
    }
}
