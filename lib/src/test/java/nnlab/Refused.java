package nnlab;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that a call is refused with a message that contains every given part. */
public final class Refused {
    private Refused() {}

    /** An IllegalArgumentException whose message contains every part; returns the message. */
    public static String refused(Executable call, String... parts) {
        return refused(IllegalArgumentException.class, call, parts);
    }

    /** An exception of the given type whose message contains every part; returns the message. */
    public static String refused(Class<? extends RuntimeException> type, Executable call, String... parts) {
        RuntimeException e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        return e.getMessage();
    }
}
