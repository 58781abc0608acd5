package nnlab.perf.compare;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import java.lang.management.ManagementFactory;
import nnlab.linalg.Products;
import nnlab.perf.Timing;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;

/**
 * bytedeco OpenBLAS against nnlab's fast products ({@code Products}, Vector API backend) on the
 * products of a batch-32 784-100-10 step and on a 1024² product, in one JVM, alternating, so both see
 * the same machine load. Prints GFLOP/s (median) per round and thread count, and checks that the two
 * agree. Run: {@code java --add-modules jdk.incubator.vector -jar tools/blas-compare/target/blas-compare.jar}
 * (main class nnlab.perf.compare.BlasCompare; see docs/performance.md).
 */
public final class BlasCompare {
    private BlasCompare() {}

    public static void main(String[] args) {
        if (Products.backend() != Products.Backend.VECTOR) {
            throw new IllegalStateException("start Java with --add-modules jdk.incubator.vector: nnlab's fast"
                    + " backend is not active (" + Products.describe() + ")");
        }
        long start = System.nanoTime();
        Loader.load(openblas.class);
        System.out.printf("OpenBLAS %s loaded in %.0f ms; nnlab: %s%n", openblas.OPENBLAS_VERSION.trim(),
                (System.nanoTime() - start) / 1e6, Products.describe());

        DMatrixRMaj x = Timing.randomMatrix(32, 784, 1);       // a batch a(0)
        DMatrixRMaj w = Timing.randomMatrix(100, 784, 2);      // W of layer 1
        DMatrixRMaj delta = Timing.randomMatrix(32, 100, 3);   // δ of layer 1
        DMatrixRMaj z = new DMatrixRMaj(32, 100);
        DMatrixRMaj dW = new DMatrixRMaj(100, 784);
        DMatrixRMaj big1 = Timing.randomMatrix(1024, 1024, 4);
        DMatrixRMaj big2 = Timing.randomMatrix(1024, 1024, 5);
        DMatrixRMaj big3 = new DMatrixRMaj(1024, 1024);
        double small = 2.0 * 32 * 784 * 100;
        double large = 2.0 * 1024 * 1024 * 1024;

        agree(x, w, delta);
        System.out.println("| round | threads | a·Wᵀ OpenBLAS | a·Wᵀ nnlab | δᵀ·a OpenBLAS | δᵀ·a nnlab | 1024² OpenBLAS | 1024² nnlab | load |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = cores > 1 ? new int[] {1, cores} : new int[] {1};
        for (int round = 1; round <= 3; round++) {
            for (int threads : threadCounts) {
                blas_set_num_threads(threads);
                Products.useThreads(threads);
                double oForward = small / nanos(300, () -> cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                        32, 100, 784, 1.0, x.data, 784, w.data, 784, 0.0, z.data, 100));
                double nForward = small / nanos(300, () -> Products.multTransB(x, w, z));
                double oGrad = small / nanos(300, () -> cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                        100, 784, 32, 1.0, delta.data, 100, x.data, 784, 0.0, dW.data, 784));
                double nGrad = small / nanos(300, () -> Products.multTransA(delta, x, dW));
                double oLarge = large / nanos(7, () -> cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        1024, 1024, 1024, 1.0, big1.data, 1024, big2.data, 1024, 0.0, big3.data, 1024));
                double nLarge = large / nanos(7, () -> Products.mult(big1, big2, big3));
                System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", round, threads,
                        oForward, nForward, oGrad, nGrad, oLarge, nLarge,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.out.println("(GFLOP/s, median; a·Wᵀ is (32 × 784)·(784 × 100), δᵀ·a is (100 × 32)·(32 × 784))");
    }

    /** Both libraries compute a·Wᵀ; prints the largest difference relative to the largest entry. */
    private static void agree(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj delta) {
        DMatrixRMaj mine = new DMatrixRMaj(32, 100);
        DMatrixRMaj theirs = new DMatrixRMaj(32, 100);
        Products.multTransB(x, w, mine);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, 32, 100, 784, 1.0, x.data, 784, w.data, 784, 0.0, theirs.data, 100);
        double diff = 0;
        double size = 0;
        for (int i = 0; i < mine.data.length; i++) {
            diff = Math.max(diff, Math.abs(mine.data[i] - theirs.data[i]));
            size = Math.max(size, Math.abs(theirs.data[i]));
        }
        System.out.printf("a·Wᵀ: largest difference between the two is %.1e of the largest entry%n", diff / size);
    }

    /** Median nanoseconds of {@code reps} runs after a fifth as many warm-ups. */
    private static double nanos(int reps, Runnable work) {
        return Timing.medianSeconds(Math.max(3, reps / 5), reps, work) * 1e9;
    }
}
