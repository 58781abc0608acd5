package nnlab;

/** The library's version, as built. */
public final class Version {
    private Version() {}

    public static final String VERSION = "0.1.0";
}
