package nnlab.viz;

import nnlab.viz.fakekernel.Display;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveOutputTest {
    @BeforeEach
    void clear() {
        Display.clear();
    }

    @Test
    void showsTextAndHtmlInOneOutputAndReplacesItInPlace() {
        LiveOutput out = FakeKernel.show("epoch 0", "<b>epoch 0</b>");
        assertTrue(out.isLive());
        out.update("epoch 1", "<b>epoch 1</b>");
        assertEquals(List.of("display display-1", "update display-1"), Display.MESSAGES);
        assertEquals(1, Display.OUTPUTS.size());
        assertEquals("epoch 1", Display.OUTPUTS.get("display-1").text("text/plain"));
        assertEquals("<b>epoch 1</b>", Display.OUTPUTS.get("display-1").text("text/html"));
    }

    @Test
    void outsideAKernelNothingIsShown() {
        // the test JVM sees JJava's display class (the extension compiles against it) but runs no kernel,
        // so the kernel refuses to display and the output is not live
        LiveOutput out = LiveOutput.show("a", "<b>a</b>");
        assertFalse(out.isLive());
        out.update("b", "<b>b</b>");
        assertTrue(Display.MESSAGES.isEmpty());
    }

    @Test
    void aClassWithoutTheDisplayMethodsIsNotAKernel() {
        assertNull(LiveOutput.Kernel.find(List.of(String.class.getName(), "no.such.Display"), getClass().getClassLoader()));
    }
}
