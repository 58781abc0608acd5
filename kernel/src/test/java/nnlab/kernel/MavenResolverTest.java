package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenResolverTest {
    @Test
    void coordinatesAreCheckedBeforeMavenRuns() {
        assertDoesNotThrow(() -> MavenResolver.checkCoordinates(List.of("org.apache.commons:commons-math3:3.6.1",
                "org.bytedeco:openblas:jar:linux-x86_64:0.3.31-1.5.13")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MavenResolver.checkCoordinates(List.of("commons-math3")));
        assertTrue(bad.getMessage().contains("group:artifact:version"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MavenResolver.checkCoordinates(List.of()));
    }

    @Test
    void pomListsEachArtifactWithTypeAndClassifier() {
        String pom = MavenResolver.pom(List.of("g:a:1.0", "g2:b:jar:natives:2.0"));
        assertTrue(pom.contains("<groupId>g</groupId><artifactId>a</artifactId><version>1.0</version>"), pom);
        assertTrue(pom.contains("<groupId>g2</groupId><artifactId>b</artifactId><type>jar</type>"
                + "<classifier>natives</classifier><version>2.0</version>"), pom);
    }

    @Test
    void theFirstRealErrorLineIsQuotedWithoutColourCodes() {
        // Maven 3.8 in batch mode, as logged: the first line starts with two colour resets
        List<String> log = List.of(
                "\u001B[0m\u001B[0m[ERROR] Failed to execute goal on project maven-magic: Could not resolve dependencies "
                        + "for project nnlab.kernel:maven-magic:pom:1: org.example:absent:jar:1.0 was not found in "
                        + "https://repo.example/maven2 during a previous attempt. -> [Help 1]",
                "[ERROR] ",
                "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.");
        assertEquals("org.example:absent:jar:1.0 was not found in https://repo.example/maven2 during a previous "
                + "attempt", MavenResolver.firstError(log));
        assertEquals("Maven failed without an error line", MavenResolver.firstError(List.of("[INFO] nothing", "[ERROR]")));
    }

    @Test
    void anOfflineFailureSaysOffline(@TempDir Path tmp) throws Exception {
        Path mvnOffline = tmp.resolve("mvn-offline");
        Files.writeString(mvnOffline, "#!/bin/sh\nexec mvn -o \"$@\"\n");
        Files.setPosixFilePermissions(mvnOffline, PosixFilePermissions.fromString("rwxr-xr-x"));
        MavenResolver resolver = new MavenResolver(tmp.resolve("cache"), mvnOffline.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(List.of("org.nnlab.absent:no-such-artifact:0.0.1")));
        String message = e.getMessage();
        assertTrue(message.startsWith("%maven could not resolve org.nnlab.absent:no-such-artifact:0.0.1: Maven is "
                + "offline"), message);
        assertTrue(message.contains("in offline mode and the artifact org.nnlab.absent:no-such-artifact:jar:0.0.1 "
                + "has not been downloaded"), "Maven's own words are quoted: " + message);
        assertTrue(!message.contains("\u001B") && !message.contains("[Help"), message);
    }
}
