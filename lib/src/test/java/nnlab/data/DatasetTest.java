package nnlab.data;

import static nnlab.data.DatasetsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** n examples whose single feature is the row number, so every example can be traced after reordering. */
    private static Dataset numbered(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x.data[i] = i;
            labels[i] = i % 3;
        }
        return new Dataset("numbered", x, labels, 3);
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add((int) d.row(i)[0]);
            assertEquals((int) d.row(i)[0] % 3, d.label(i), "label travels with its row");
        }
        return ids;
    }

    @Test
    void oneHotHasASingleOneInTheLabelColumn() {
        DMatrixRMaj y = numbered(5).oneHot();
        assertEquals(5, y.numRows);
        assertEquals(3, y.numCols);
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(k == i % 3 ? 1.0 : 0.0, y.get(i, k), 0);
            }
        }
    }

    @Test
    void headAndSliceKeepOrder() {
        Dataset d = numbered(10);
        assertArrayEquals(new double[] {0, 1, 2}, d.head(3).x().data);
        assertArrayEquals(new double[] {4, 5}, d.slice(4, 6).x().data);
        assertMessage(() -> d.head(11), "there are 10");
        assertMessage(() -> d.slice(5, 5), "slice(5, 5)");
    }

    @Test
    void shufflesAreSeededPermutations() {
        Dataset d = numbered(100);
        Dataset a = d.shuffled(42);
        Dataset b = d.shuffled(42);
        Dataset c = d.shuffled(43);
        assertArrayEquals(a.x().data, b.x().data, "same seed, same order");
        assertFalse(Arrays.equals(a.x().data, c.x().data), "another seed, another order");
        assertFalse(Arrays.equals(a.x().data, d.x().data), "the order changed");
        assertEquals(ids(d), ids(a), "a permutation keeps every example once");
        assertEquals(100, ids(a).size());
    }

    @Test
    void splitsAreDisjointAndCoverEverything() {
        Dataset d = numbered(101);
        List<Dataset> parts = d.split(7, 0.6, 0.2, 0.2);
        assertEquals(3, parts.size());
        assertEquals(61, parts.get(0).size());   // round(101 × 0.6) = 61
        assertEquals(20, parts.get(1).size());   // round(101 × 0.8) − 61 = 20
        assertEquals(20, parts.get(2).size());
        Set<Integer> all = new HashSet<>();
        int total = 0;
        for (Dataset p : parts) {
            all.addAll(ids(p));
            total += p.size();
        }
        assertEquals(101, total);
        assertEquals(ids(d), all);
        Dataset.Split s = d.split(0.6, 0.2, 7);
        assertArrayEquals(parts.get(2).x().data, s.test().x().data, "both forms cut the same way");
        assertArrayEquals(d.split(7, 0.5, 0.5).get(0).x().data, d.split(7, 0.5, 0.5).get(0).x().data);
        assertMessage(() -> d.split(7, 0.5, 0.4), "sum to");
        assertMessage(() -> d.split(7, 1.2, -0.2), "positive");
        assertMessage(() -> d.split(0.7, 0.3, 7), "leave a test part");
        assertMessage(() -> numbered(3).split(7, 0.9, 0.05, 0.05), "would be empty");
    }

    @Test
    void badInputIsRefusedNamingRowAndValue() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0, 1}, {2, Double.NaN}});
        assertMessage(() -> new Dataset("d", x, new int[] {0, 0}, 2), "row 1, column 1 of x is NaN");
        DMatrixRMaj inf = new DMatrixRMaj(new double[][] {{Double.POSITIVE_INFINITY, 1}});
        assertMessage(() -> new Dataset("d", inf, new int[] {0}, 2), "row 0, column 0 of x is Infinity");
        DMatrixRMaj ok = new DMatrixRMaj(new double[][] {{0, 1}, {2, 3}});
        assertMessage(() -> new Dataset("d", ok, new int[] {0, 5}, 2), "row 1 has label 5, outside 0..1");
        assertMessage(() -> new Dataset("d", ok, new int[] {-1, 0}, 2), "row 0 has label -1");
        assertMessage(() -> new Dataset("d", ok, new int[] {0}, 2), "1 labels for 2 rows");
        assertMessage(() -> new Dataset("d", new DMatrixRMaj(0, 2), new int[0], 2), "empty data");
        assertMessage(() -> new Dataset("d", ok, new int[] {0, 1}, 2, 3, 1), "image size 3 × 1");
    }

    @Test
    void theDataSetCannotBeChangedFromOutside() {
        double[][] rows = {{1, 2}};
        DMatrixRMaj x = new DMatrixRMaj(rows);
        int[] labels = {1};
        Dataset d = new Dataset("d", x, labels, 2);
        x.set(0, 0, 99);
        labels[0] = 0;
        d.x().set(0, 1, 99);
        assertArrayEquals(new double[] {1, 2}, d.row(0));
        assertEquals(1, d.label(0));
    }
}
