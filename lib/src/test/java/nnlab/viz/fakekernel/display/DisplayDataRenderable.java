package nnlab.viz.fakekernel.display;

import nnlab.viz.fakekernel.display.mime.MIMEType;

import java.util.Set;

public interface DisplayDataRenderable {
    default Set<MIMEType> getSupportedRenderTypes() {
        return Set.of();
    }

    default Set<MIMEType> getPreferredRenderTypes() {
        return getSupportedRenderTypes();
    }

    void render(RenderContext context);
}
