package nnlab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    @Test
    void footerNamesEverythingAndMarksWhatVaries() {
        String[] lines = Environment.footer(1, 2, 3).split("\n");
        assertEquals("nnlab " + Environment.VERSION, lines[0]);
        assertEquals("seeds: [1, 2, 3]", lines[1]);
        assertTrue(lines[2].startsWith("git commit: ") && lines[2].endsWith("[varies]"), lines[2]);
        assertTrue(lines[3].contains(System.getProperty("java.version")), lines[3]);
        assertTrue(lines[5].matches("date: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d UTC \\[varies]"), lines[5]);
    }

    @Test
    void commitIsAHashInThisCheckout() {
        // the tests run inside the project's git checkout (lib/), where HEAD exists
        assertTrue(Environment.gitCommit().matches("[0-9a-f]{12}(\\+changes)?|unknown.*"), Environment.gitCommit());
    }
}
