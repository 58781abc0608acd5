package nnlab.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import nnlab.train.History;

/**
 * A vertical line across a line chart at one x (an epoch, a step) with a short label at its top, e.g. the
 * epoch early stopping kept and the one it stopped at: {@code Charts.line(frame, x, series,
 * Marker.earlyStopping(history))}.
 */
public record Marker(double x, String label, Color color) {
    public Marker {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a marker needs a finite x, got " + x);
        }
        if (label == null || color == null) {
            throw new IllegalArgumentException("a marker needs a label (\"\" for none) and a colour");
        }
    }

    /** A dark marker at x. */
    public static Marker at(double x, String label) {
        return new Marker(x, label, Style.TEXT);
    }

    /**
     * The two markers of an early-stopped run: "best epoch e" (the weights kept, green) and "stopped at
     * epoch s" (the last epoch trained, vermillion). Refuses a history without early stopping.
     */
    public static List<Marker> earlyStopping(History h) {
        if (h == null || h.bestRow() < 0) {
            throw new IllegalArgumentException("earlyStopping: this history has no best epoch; train with "
                    + "Trainer.Builder.earlyStopping(patience) and a validation set");
        }
        List<Marker> out = new ArrayList<>();
        double best = h.bestEpoch();
        double stop = h.last(History.EPOCH);
        out.add(new Marker(best, "best epoch " + Style.number(best), Style.GREEN));
        if (stop != best) {
            out.add(new Marker(stop, (h.stoppedEarly() ? "stopped at epoch " : "last epoch ") + Style.number(stop), Style.VERMILLION));
        }
        return out;
    }
}
