package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

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
}
