package nnlab.net;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamsTest {

    /** A 10×11 matrix whose entries encode their matrix, row and column, so any misplacement shows. */
    private static DMatrixRMaj coded(int k) {
        DMatrixRMaj m = new DMatrixRMaj(10, 11);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 11; c++) {
                m.set(r, c, k * 10000 + r * 100 + c);
            }
        }
        return m;
    }

    @Test
    void courseExampleThreeTenByElevenMatrices() {
        DMatrixRMaj t1 = coded(1);
        DMatrixRMaj t2 = coded(2);
        DMatrixRMaj t3 = coded(3);
        double[] thetaVec = Params.unroll(t1, t2, t3);
        assertEquals(330, thetaVec.length);
        // column-major: Theta1(:) starts with column 1 top to bottom
        assertEquals(10000, thetaVec[0]);
        assertEquals(10100, thetaVec[1]);
        assertEquals(10001, thetaVec[10]);
        // reshape(thetaVec(111:220), 10, 11) is Theta2, exactly
        DMatrixRMaj back = Params.reshape(thetaVec, 111, 220, 10, 11);
        assertArrayEquals(t2.data, back.data, 0);
        assertArrayEquals(t3.data, Params.reshape(thetaVec, 221, 330, 10, 11).data, 0);
    }

    @Test
    void networkParametersFollowTheCourseOrder() {
        Network net = Network.builder(2).dense(3, Activation.sigmoid()).dense(1, Activation.sigmoid())
                .init(Init.uniform(0.12), 5).build();
        double[] theta = net.parameters();
        assertEquals(3 * 3 + 1 * 4, theta.length);
        assertEquals(net.parameterCount(), theta.length);
        // Θ1 = [b W], column-major: b first, then W's first column
        assertEquals(net.layer(1).b().get(1, 0), theta[1], 0);
        assertEquals(net.layer(1).W().get(0, 0), theta[3], 0);
        assertEquals(net.layer(2).b().get(0, 0), theta[9], 0);
        double[] changed = theta.clone();
        changed[12] = 42;
        net.setParameters(changed);
        assertEquals(42, net.layer(2).W().get(0, 2), 0);
        assertArrayEquals(changed, net.parameters(), 0);
    }

    @Test
    void badPositionsAreExplained() {
        double[] v = new double[330];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.reshape(v, 111, 219, 10, 11));
        assertTrue(e.getMessage().contains("109") && e.getMessage().contains("110"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Params.reshape(v, 0, 110, 10, 11));
        assertThrows(IllegalArgumentException.class, () -> Params.reshape(v, 300, 410, 10, 11));
    }

    /** Octave's v(3:3): a range of one element is allowed. */
    @Test
    void reshapesARangeOfOneElement() {
        DMatrixRMaj m = Params.reshape(new double[] {7, 8, 9}, 2, 2, 1, 1);
        assertEquals(1, m.getNumElements());
        assertEquals(8, m.get(0, 0));
    }
}
