package nnlab.viz;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How the library's objects look in a notebook, whichever kernel runs it: the one place that decides. The
 * project's kernel calls {@link #of} for every value it shows; under JJava the library's extension
 * ({@code nnlab.jjava.NnlabExtension}) registers it with the kernel's renderer.
 * <ul>
 *   <li>Tablesaw {@link Table}: {@code text/html} with inline styles ({@link Tables#html(Table, int)}) and the
 *       same cells as aligned text, long tables cut to their head and tail;</li>
 *   <li>{@link RenderedImage} (every chart of {@link Charts}): {@code image/png}, and {@code image 640×480}
 *       as text instead of an object's identity;</li>
 *   <li>an XChart chart: {@code image/png} at the chart's size, and {@code XYChart "title"} as text.</li>
 * </ul>
 */
public final class Rendering {
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    public static final String TEXT = "text/plain";

    private Rendering() {}

    /**
     * The MIME types this library shows {@code value} as, most preferred first, each with its content made
     * on demand (images as base64 PNG); empty for values the library does not render.
     */
    public static Map<String, Supplier<String>> of(Object value) {
        Map<String, Supplier<String>> shown = new LinkedHashMap<>();
        if (value instanceof Table table) {
            shown.put(HTML, () -> Tables.html(table, Tables.MAX_ROWS));
            shown.put(TEXT, () -> Tables.text(table, Tables.MAX_ROWS));
        } else if (value instanceof RenderedImage image) {
            shown.put(PNG, () -> png(image));
            shown.put(TEXT, () -> "image " + image.getWidth() + "×" + image.getHeight());
        } else if (value instanceof Chart<?, ?> chart) {
            shown.put(PNG, () -> png(BitmapEncoder.getBufferedImage(chart)));
            shown.put(TEXT, () -> {
                String title = chart.getTitle();
                String kind = chart.getClass().getSimpleName();
                return title == null || title.isEmpty() ? kind : kind + " \"" + title + "\"";
            });
        }
        return shown;
    }

    /** The image as base64 PNG, as notebooks carry it. */
    static String png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream base64 = Base64.getEncoder().wrap(bytes)) {
            if (!ImageIO.write(image, "png", base64)) {
                throw new IllegalArgumentException("no PNG writer for this image (" + image.getClass().getName() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as PNG", e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
