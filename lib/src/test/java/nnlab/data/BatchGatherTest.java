package nnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlab.linalg.Matrices;
import nnlab.linalg.Products;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchGatherTest {

    @AfterEach
    void restoreThreads() {
        Products.useThreads(Runtime.getRuntime().availableProcessors());
    }

    /** Wide rows (split over threads) and narrow ones (copied on the caller), with 1 and 2 threads. */
    @Test
    void copiesTheChosenRowsInOrderAndReshapesTheBuffers() {
        for (int threads = 1; threads <= 2; threads++) {
            Products.useThreads(threads);
            for (int d : new int[] {784, 3}) {
                DMatrixRMaj x = Matrices.random(500, d, d);
                DMatrixRMaj y = Matrices.random(500, 10, d + 1);
                int[] order = new int[500];
                for (int i = 0; i < order.length; i++) {
                    order[i] = (i * 7919) % 500;
                }
                BatchGather gather = new BatchGather(x, y);
                DMatrixRMaj xb = new DMatrixRMaj(32, d);
                DMatrixRMaj yb = new DMatrixRMaj(32, 10);
                for (int start : new int[] {0, 96, 480}) {
                    int rows = Math.min(32, order.length - start);
                    gather.gather(order, start, rows, xb, yb);
                    assertEquals(rows, xb.numRows);
                    assertEquals(rows, yb.numRows);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < d; j++) {
                            assertEquals(x.get(order[start + i], j), xb.get(i, j), 0.0, "x row " + i + " col " + j);
                        }
                        for (int j = 0; j < 10; j++) {
                            assertEquals(y.get(order[start + i], j), yb.get(i, j), 0.0, "y row " + i + " col " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badInputIsNamed() {
        DMatrixRMaj x = new DMatrixRMaj(5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchGather(x, new DMatrixRMaj(4, 2)));
        assertTrue(e.getMessage().contains("x has 5 examples (rows) but y has 4"), e.getMessage());
        BatchGather gather = new BatchGather(x, new DMatrixRMaj(5, 2));
        DMatrixRMaj xb = new DMatrixRMaj(2, 3);
        DMatrixRMaj yb = new DMatrixRMaj(2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> gather.gather(new int[] {0, 7}, 0, 2, xb, yb));
        assertTrue(e.getMessage().contains("order[1] = 7 is not an example; indices go from 0 to 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gather.gather(new int[] {0, 1}, 1, 2, xb, yb));
        assertTrue(e.getMessage().contains("rows 1 … 2 of an order of 2 indices"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchGather(null, x));
        assertTrue(e.getMessage().contains("null for x"), e.getMessage());
    }
}
