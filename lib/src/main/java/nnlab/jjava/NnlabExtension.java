package nnlab.jjava;

import java.awt.image.BufferedImage;

import nnlab.viz.Rendering;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows the library's objects under JJava as the project's kernel shows them: JJava loads this extension
 * from {@code META-INF/services} when a notebook adds nnlab.jar ({@code %classpath ../lib/target/nnlab.jar}),
 * and every value goes through {@link Rendering#of}. The JJava classes are compile-time only (provided
 * scope): other kernels never load this class.
 */
public final class NnlabExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        registerAll(kernel.getRenderer());
    }

    /** Adds the library's renderers to a kernel's renderer that already has JJava's own. */
    static void registerAll(Renderer renderer) {
        register(renderer, Table.class, MIMEType.TEXT_HTML);
        // BufferedImage, not RenderedImage: JJava's own PNG renderer sits on RenderedImage, and the most
        // specific registered type wins, so charts get one PNG and a readable text
        register(renderer, BufferedImage.class, MIMEType.IMAGE_PNG);
        register(renderer, Chart.class, MIMEType.IMAGE_PNG);
    }

    private static <T> void register(Renderer renderer, Class<T> type, MIMEType preferred) {
        renderer.createRegistration(type).preferring(preferred).supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> Rendering.of(value)
                        .forEach((mime, content) -> context.renderIfRequested(MIMEType.parse(mime), content::get)));
    }
}
