package nnlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cell's {@code System.out} and {@code System.err}, buffered as ipykernel buffers them: text is sent to the
 * notebook every {@value #FLUSH_MILLIS} ms, on {@code flush()}, and when the cell ends, so a loop of
 * {@code println}s becomes a few stream messages instead of one per call (front ends drop messages past
 * about a thousand a second, and nbconvert shows every message as its own fragment).
 * <p>
 * Order is kept across the two streams: text written to one stream first sends what the other holds, so
 * at most one stream has text waiting at any time. Callers that publish other outputs (displays) flush first.
 */
final class CellOutput implements AutoCloseable {
    /** How long printed text may wait before it is sent; ipykernel waits 200 ms. */
    static final long FLUSH_MILLIS = 100;
    /** Text waiting beyond this many bytes is sent at once, so a runaway loop cannot fill the heap. */
    static final int MAX_PENDING_BYTES = 1 << 20;

    private final PrintStream out;
    private final PrintStream err;
    private final ScheduledFuture<?> timer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
    private PrintStream pendingSink;
    private boolean closed;

    /**
     * @param outSink where stdout text goes, one {@code write} per message (the base library's notebook stream)
     * @param errSink the same for stderr
     */
    CellOutput(PrintStream outSink, PrintStream errSink, ScheduledExecutorService scheduler) {
        this.out = new PrintStream(new Buffer(outSink), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Buffer(errSink), false, StandardCharsets.UTF_8);
        this.timer = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The cell's {@code System.out}. */
    PrintStream out() {
        return out;
    }

    /** The cell's {@code System.err}. */
    PrintStream err() {
        return err;
    }

    /** Sends the text waiting, if any (up to its last whole character). */
    synchronized void flush() {
        send(completeCharacters(pending.toByteArray()));
    }

    /** Sends what is left and stops the timer; later writes (threads the cell left running) go straight through. */
    @Override
    public synchronized void close() {
        timer.cancel(false);
        send(pending.size());
        closed = true;
    }

    private synchronized void write(PrintStream sink, byte[] bytes, int offset, int length) {
        if (closed) {
            sink.write(bytes, offset, length);
            return;
        }
        if (pendingSink != sink) {
            send(pending.size());
            pendingSink = sink;
        }
        pending.write(bytes, offset, length);
        if (pending.size() > MAX_PENDING_BYTES) {
            flush();
        }
    }

    /** Sends the first {@code length} bytes waiting as one stream message and keeps the rest. */
    private void send(int length) {
        if (length == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        pending.write(bytes, length, bytes.length - length);
        pendingSink.write(bytes, 0, length); // the base library's stream sends one message per write
    }

    /**
     * How many leading bytes form whole UTF-8 characters: a character split between two writes is sent
     * once it is complete, never as two halves.
     */
    static int completeCharacters(byte[] bytes) {
        int end = bytes.length;
        int start = end - 1;
        while (start >= 0 && start > end - 4 && (bytes[start] & 0xC0) == 0x80) {
            start--; // continuation bytes of the last character
        }
        if (start < 0) {
            return end;
        }
        int lead = bytes[start] & 0xFF;
        int needed = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return end - start >= needed ? end : start;
    }

    /** One stream's bytes into the shared buffer. */
    private final class Buffer extends OutputStream {
        private final PrintStream sink;

        Buffer(PrintStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            CellOutput.this.write(sink, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            CellOutput.this.write(sink, bytes, offset, length);
        }

        @Override
        public void flush() {
            CellOutput.this.flush();
        }
    }
}
