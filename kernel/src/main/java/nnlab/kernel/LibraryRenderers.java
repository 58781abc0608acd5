package nnlab.kernel;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Shows values the way the nnlab library decides ({@code nnlab.viz.Rendering.of}), once a notebook has loaded
 * nnlab.jar; JJava runs the same code through the library's extension, so both kernels show the same. The
 * kernel does not depend on the library: it finds {@code Rendering} in the notebook's class loader. Without
 * the library, values look as under JJava: images as PNG, everything else as text.
 */
final class LibraryRenderers {
    static final String RENDERING_CLASS = "nnlab.viz.Rendering";

    private final ClassLoaderSource loaders;

    /** The class loader of the notebook's code, once a snippet has run (null before). */
    interface ClassLoaderSource {
        ClassLoader notebookLoader();
    }

    private LibraryRenderers(ClassLoaderSource loaders) {
        this.loaders = loaders;
    }

    /**
     * Registers on {@code BufferedImage} (what the library's charts are; more specific than the base library's
     * {@code RenderedImage} renderer, so it alone runs) and on {@code Object}, the last type tried.
     */
    static void register(Renderer renderer, ClassLoaderSource loaders) {
        LibraryRenderers library = new LibraryRenderers(loaders);
        renderer.createRegistration(BufferedImage.class).preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_JPEG, MIMEType.IMAGE_GIF)
                .register((image, context) -> {
                    if (!library.render(image, context)) {
                        Image.renderImage(image, context);
                    }
                });
        renderer.createRegistration(Object.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .register(library::render);
    }

    /** Puts what the library makes of {@code value} into the context; false when the library has nothing. */
    boolean render(Object value, RenderContext context) {
        Map<String, Supplier<String>> shown = libraryRendering(value);
        shown.forEach((mime, content) -> context.renderIfRequested(MIMEType.parse(mime), content::get));
        return !shown.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Supplier<String>> libraryRendering(Object value) {
        Method of = renderingMethod();
        if (of == null) {
            return Map.of();
        }
        try {
            return (Map<String, Supplier<String>>) of.invoke(null, value);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the nnlab library loaded in this notebook cannot show values ("
                    + e + "). Load the nnlab.jar built from this checkout: mvn -q package", e);
        }
    }

    /** {@code Rendering.of(Object)} of the library the notebook loaded, or null if it loaded none. */
    private Method renderingMethod() {
        ClassLoader loader = loaders.notebookLoader();
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(RENDERING_CLASS, true, loader).getMethod("of", Object.class);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
