package nnlab.grade;

import java.util.Arrays;

/**
 * What a grading cell throws when its part does not pass, so that the cell fails and nbgrader (which
 * scores a grade cell by whether it raises) gives the part no points. The message names the part, its
 * points and what was wrong; the stack trace keeps only the notebook's own frames.
 */
public final class PartFailed extends RuntimeException {
    PartFailed(Grader.Result result) {
        super(result.part() + ": 0 / " + result.max() + " points — " + result.message());
        setStackTrace(Arrays.stream(getStackTrace()).filter(f -> f.getClassName().startsWith(StudentCode.WRAPPER_PREFIX))
                .toArray(StackTraceElement[]::new));
    }
}
