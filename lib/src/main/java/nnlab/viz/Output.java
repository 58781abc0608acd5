package nnlab.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing pictures and tables to files: argument checks, missing folders, readable I/O errors. */
final class Output {
    private Output() {}

    /** Something that writes one file. */
    @FunctionalInterface
    interface Writer {
        void write(Path path) throws IOException;
    }

    /** Checks the arguments, creates missing parent folders, writes, and returns the path written. */
    static Path write(Object content, Path path, String what, Writer writer) {
        if (content == null || path == null) {
            throw new IllegalArgumentException(String.format(
                    "%s needs something to write and a path, got %s and %s", what, content, path));
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer.write(path);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
