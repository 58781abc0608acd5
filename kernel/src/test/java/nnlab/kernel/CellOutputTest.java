package nnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CellOutputTest {
    /** Each write to a sink is one stream message, as with the base library's notebook streams. */
    private final List<String> messages = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private PrintStream sink(String name) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (messages) {
                    messages.add(name + ":" + new String(b, off, len, StandardCharsets.UTF_8));
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void manyPrintsBecomeOneMessageAtTheEnd() {
        CellOutput output = new CellOutput(sink("out"), sink("err"), timer);
        StringBuilder expected = new StringBuilder();
        synchronized (output) { // holds the timer off, so the whole loop is one message
            for (int i = 0; i < 1000; i++) {
                output.out().printf("%d: %s%n", i, "line");
                expected.append(i).append(": line\n");
            }
        }
        output.close();
        assertEquals(List.of("out:" + expected), messages);
    }

    @Test
    void switchingStreamsKeepsTheOrder() {
        CellOutput output = new CellOutput(sink("out"), sink("err"), timer);
        synchronized (output) {
            output.out().print("a");
            output.out().print("b");
            output.err().println("warning");
            output.out().println("c");
        }
        output.close();
        assertEquals(List.of("out:ab", "err:warning\n", "out:c\n"), messages);
    }

    @Test
    void flushSendsAtOnceAndTheTimerSendsWithoutOne() throws InterruptedException {
        CellOutput output = new CellOutput(sink("out"), sink("err"), timer);
        output.out().print("before display");
        output.out().flush();
        assertEquals(List.of("out:before display"), messages);
        output.out().print("tick");
        for (int waited = 0; waited < 10_000 && messages.size() < 2; waited += 10) {
            Thread.sleep(10);
        }
        assertEquals(List.of("out:before display", "out:tick"), messages, "the timer sent the text");
        output.close();
        assertEquals(2, messages.size(), "nothing left to send");
    }

    @Test
    void afterCloseWritesGoStraightThrough() {
        CellOutput output = new CellOutput(sink("out"), sink("err"), timer);
        output.close();
        output.out().print("late");
        assertEquals(List.of("out:late"), messages);
    }

    @Test
    void aCharacterSplitBetweenWritesIsNeverSentAsHalves() {
        byte[] sigma = "σ".getBytes(StandardCharsets.UTF_8);   // 2 bytes
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);  // 4 bytes
        byte[] text = ("ab" + "σ").getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length, CellOutput.completeCharacters(text));
        assertEquals(2, CellOutput.completeCharacters(Arrays.copyOf(text, 3)), "the σ's first byte waits");
        for (int cut = 1; cut < emoji.length; cut++) {
            assertEquals(0, CellOutput.completeCharacters(Arrays.copyOf(emoji, cut)), "cut after " + cut);
        }
        assertEquals(emoji.length, CellOutput.completeCharacters(emoji));
        assertEquals(sigma.length, CellOutput.completeCharacters(sigma));

        CellOutput output = new CellOutput(sink("out"), sink("err"), timer);
        synchronized (output) {
            output.out().write(sigma, 0, 1);
            output.flush();
            assertTrue(messages.isEmpty(), messages.toString());
            output.out().write(sigma, 1, 1);
            output.flush();
        }
        output.close();
        assertEquals(List.of("out:σ"), messages);
    }
}
