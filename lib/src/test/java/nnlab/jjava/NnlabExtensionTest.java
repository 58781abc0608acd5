package nnlab.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ServiceLoader;

import javax.imageio.ImageIO;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The extension as JJava uses it: found by ServiceLoader, then rendering through JJava's own Renderer. */
class NnlabExtensionTest {

    /** JJava's renderer as its kernel sets it up, plus this extension. */
    private static Renderer jjavaRenderer() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Text.registerAll(renderer);
        NnlabExtension.registerAll(renderer);
        return renderer;
    }

    @Test
    void jjavaFindsTheExtensionThroughItsServiceFile() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/" + Extension.class.getName())) {
            assertEquals(NnlabExtension.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == NnlabExtension.class));
    }

    @Test
    void aTablesawTableBecomesHtmlAndAlignedText() {
        Table t = Table.create("losses", StringColumn.create("run", "a", "b"),
                DoubleColumn.create("loss", 1.0 / 3, 0.125));
        DisplayData shown = jjavaRenderer().render(t);
        String html = (String) shown.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains(">0.3333</td>"), "4 significant digits, not 0.3333333333333333: " + html);
        assertTrue(html.contains("text-align:left\">a</td>"), html);
        String text = (String) shown.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("losses (2 rows × 2 columns)\n"), text);
        assertTrue(text.contains("a    0.3333"), text);
    }

    @Test
    void anImageIsOnePngWithAReadableText() throws Exception {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        DisplayData shown = jjavaRenderer().render(image);
        assertEquals("image 7×5", shown.getData(MIMEType.TEXT_PLAIN), "not BufferedImage@1a2b3c ...");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode((String) shown.getData(MIMEType.IMAGE_PNG))));
        assertEquals(7, decoded.getWidth());
        assertEquals(5, decoded.getHeight());
    }

    @Test
    void anXChartChartIsAPngOfItsSize() throws Exception {
        XYChart chart = new XYChartBuilder().width(320).height(240).title("Loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});
        DisplayData shown = jjavaRenderer().render(chart);
        assertEquals("XYChart \"Loss\"", shown.getData(MIMEType.TEXT_PLAIN));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode((String) shown.getData(MIMEType.IMAGE_PNG))));
        assertEquals(320, decoded.getWidth());
        assertEquals(240, decoded.getHeight());
    }

    @Test
    void otherValuesKeepJJavasOwnRendering() {
        DisplayData shown = jjavaRenderer().render(java.util.List.of(1, 2));
        assertEquals("[1, 2]", shown.getData(MIMEType.TEXT_PLAIN));
        assertFalse(shown.hasDataForType(MIMEType.TEXT_HTML));
    }
}
