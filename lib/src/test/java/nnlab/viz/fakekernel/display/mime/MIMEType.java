package nnlab.viz.fakekernel.display.mime;

public record MIMEType(String name) {
    public static MIMEType parse(String name) {
        return new MIMEType(name);
    }
}
