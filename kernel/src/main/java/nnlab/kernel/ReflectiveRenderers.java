package nnlab.kernel;

import java.awt.image.RenderedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders Tablesaw tables as HTML and XChart charts as PNG without the kernel depending on either library:
 * notebooks load them with {@code %jars}, so their classes are only known at run time. The renderer is
 * registered on {@code Object}, the last type the base library tries, and recognises the classes by name.
 */
final class ReflectiveRenderers {
    static final String TABLE_CLASS = "tech.tablesaw.api.Table";
    static final String CHART_CLASS = "org.knowm.xchart.internal.chartpart.Chart";
    private static final String BITMAP_ENCODER_CLASS = "org.knowm.xchart.BitmapEncoder";

    /** Long tables show their head and tail; all rows up to this many. */
    static final int MAX_ROWS_SHOWN = 60;
    private static final int HEAD_ROWS = 50;
    private static final int TAIL_ROWS = 10;

    private ReflectiveRenderers() {
    }

    static void register(Renderer renderer) {
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .register(ReflectiveRenderers::render);
    }

    private static void render(Object value, RenderContext context) {
        if (isA(value.getClass(), TABLE_CLASS)) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> tableHtml(value));
        } else if (isA(value.getClass(), CHART_CLASS)) {
            if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
                Image.renderImage(chartImage(value), context); // PNG, or JPEG or GIF when those are asked for
            }
            context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chartText(value));
        }
    }

    /** True if {@code type} or one of its superclasses has this name. */
    static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static RenderedImage chartImage(Object chart) {
        try {
            Class<?> encoder = Class.forName(BITMAP_ENCODER_CLASS, true, chart.getClass().getClassLoader());
            Method toImage = encoder.getMethod("getBufferedImage", chart.getClass().getClassLoader()
                    .loadClass(CHART_CLASS));
            return (RenderedImage) toImage.invoke(null, chart);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not draw the XChart " + chart.getClass().getName()
                    + " as PNG: " + rootMessage(e) + ". Use the XChart version nnlab.jar ships (3.8.x).", e);
        }
    }

    /** {@code XYChart "Loss per epoch"}: what a plain-text front end shows instead of the picture. */
    private static String chartText(Object chart) {
        String title;
        try {
            title = (String) call(chart, "getTitle");
        } catch (ReflectiveOperationException | ClassCastException e) {
            title = null;
        }
        String kind = chart.getClass().getSimpleName();
        return title == null || title.isEmpty() ? kind : kind + " \"" + title + "\"";
    }

    /** An HTML table with a caption (name, rows × columns), header row and escaped cells. */
    static String tableHtml(Object table) {
        try {
            String name = (String) call(table, "name");
            int rows = (Integer) call(table, "rowCount");
            List<?> columns = (List<?>) call(table, "columnNames");
            Method cell = table.getClass().getMethod("getString", int.class, int.class);

            StringBuilder html = new StringBuilder("<table class=\"nnlab-table\">\n<caption>");
            if (name != null && !name.isEmpty()) {
                html.append(escape(name)).append(": ");
            }
            html.append(rows).append(" rows × ").append(columns.size()).append(" columns");
            if (rows > MAX_ROWS_SHOWN) {
                html.append(" (first ").append(HEAD_ROWS).append(" and last ").append(TAIL_ROWS).append(" shown)");
            }
            html.append("</caption>\n<thead><tr>");
            for (Object column : columns) {
                html.append("<th>").append(escape(String.valueOf(column))).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (int r = 0; r < rows; r++) {
                if (rows > MAX_ROWS_SHOWN && r == HEAD_ROWS) {
                    html.append("<tr>").append("<td>…</td>".repeat(columns.size())).append("</tr>\n");
                    r = rows - TAIL_ROWS;
                }
                html.append("<tr>");
                for (int c = 0; c < columns.size(); c++) {
                    html.append("<td>").append(escape(String.valueOf(cell.invoke(table, r, c)))).append("</td>");
                }
                html.append("</tr>\n");
            }
            return html.append("</tbody>\n</table>").toString();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Could not show the Tablesaw table as HTML: " + rootMessage(e)
                    + ". Use the Tablesaw version nnlab.jar ships (0.44.x).", e);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
