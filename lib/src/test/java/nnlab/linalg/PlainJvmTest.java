package nnlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A JVM started like plain IJava, without {@code --add-modules jdk.incubator.vector}: asking for the
 * fast backend prints one notice and the products still work on EJML, and the sigmoid has the same
 * bits as here. Runs a real second JVM, since
 * the module cannot be unloaded from this one.
 */
class PlainJvmTest {
    /** Entry point of the child JVM: asks for the fast backend and multiplies. */
    public static void main(String[] args) {
        System.out.println("auto chose " + Products.backend());
        System.out.println("asked for VECTOR, got " + Products.useBackend(Products.Backend.VECTOR));
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        Products.mult(new DMatrixRMaj(new double[][] {{2, 3}}), new DMatrixRMaj(new double[][] {{4}, {5}}), c);
        System.out.println("product " + c.get(0, 0));
        System.out.println("sigmoid " + sigmoidFingerprint());
    }

    /** Every bit of σ over 10,001 seeded inputs (spanning ±800 and the special values), folded into one hash. */
    static String sigmoidFingerprint() {
        java.util.Random random = new java.util.Random(12L);
        double[] z = new double[10_001];
        for (int i = 0; i < z.length; i++) {
            z[i] = (random.nextDouble() - 0.5) * (i % 3 == 0 ? 1600 : 30);
        }
        z[1] = Double.NaN;
        z[2] = Double.NEGATIVE_INFINITY;
        z[4] = Double.POSITIVE_INFINITY;
        z[5] = -0.0;
        double[] a = new double[z.length];
        Exp.sigmoid(z, a, z.length);
        long hash = 17;
        for (double v : a) {
            hash = hash * 31 + Double.doubleToRawLongBits(v);
        }
        return "bits hash " + Long.toHexString(hash);
    }

    @Test
    void withoutTheVectorModuleTheFastBackendFallsBackWithOneNotice() throws Exception {
        Result r = runChild();
        assertEquals(0, r.exit, r.err);
        assertEquals(List.of("auto chose EJML", "asked for VECTOR, got EJML", "product 23.0",
                "sigmoid " + sigmoidFingerprint()), r.out, r.err);
        List<String> notices = r.err.lines().filter(l -> l.startsWith("nnlab:")).toList();
        assertEquals(1, notices.size(), r.err);
        assertTrue(notices.get(0).contains("jdk.incubator.vector is not loaded")
                && notices.get(0).contains("Using EJML instead"), notices.get(0));
    }

    @Test
    void aMisspeltBackendSettingIsNamedAndIgnored() throws Exception {
        Result r = runChild("-Dnnlab.backend=fastest", "-Dnnlab.threads=two");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.err.contains("ignoring nnlab.backend / NNLAB_BACKEND = 'fastest': expected auto, ejml or vector"), r.err);
        assertTrue(r.err.contains("ignoring nnlab.threads / NNLAB_THREADS = 'two'"), r.err);
        assertEquals("product 23.0", r.out.get(2), r.err);
    }

    private record Result(int exit, List<String> out, String err) {}

    private static Result runChild(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PlainJvmTest.class.getName());
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList(),
                new String(err, StandardCharsets.UTF_8));
    }
}
