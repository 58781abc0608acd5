package nnlab;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    @Test
    void footerNamesEverythingWithoutMarkersAndItsPatternFindsWhatVaries() {
        String[] lines = Environment.footer(1, 2, 3).split("\n");
        assertEquals(8, lines.length);
        assertEquals("nnlab " + Environment.VERSION, lines[0]);
        assertEquals("seeds: [1, 2, 3]", lines[1]);
        assertTrue(lines[2].startsWith("git commit: "), lines[2]);
        assertTrue(lines[3].contains(System.getProperty("java.version")), lines[3]);
        // surefire starts the tests' JVM with the Vector API module (lib/pom.xml)
        assertTrue(lines[4].startsWith("JVM flags: ") && lines[4].contains("jdk.incubator.vector"), lines[4]);
        assertEquals("matrix products: " + nnlab.linalg.Products.describe(), lines[5]);
        assertTrue(lines[6].endsWith(Runtime.getRuntime().availableProcessors() + " cores"), lines[6]);
        assertTrue(lines[7].matches("date: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d UTC"), lines[7]);
        Pattern varies = Pattern.compile(Environment.VARYING_LINES);
        for (int i = 0; i < lines.length; i++) {
            assertFalse(lines[i].contains("[varies]"), lines[i]);
            assertEquals(i >= 2, varies.matcher(lines[i]).find(), "line " + i + ": " + lines[i]);
        }
    }

    @Test
    void commitIsAHashInThisCheckout() {
        // the tests run inside the project's git checkout (lib/), where HEAD exists
        assertTrue(Environment.gitCommit().matches("[0-9a-f]{12}(\\+changes)?|unknown.*"), Environment.gitCommit());
    }
}
