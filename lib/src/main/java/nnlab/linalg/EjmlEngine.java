package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The reference backend: EJML's own products, always available, one thread. */
final class EjmlEngine implements Engine {
    @Override
    public void product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, boolean add,
                        double scale) {
        if (transA && transB) {
            throw new IllegalArgumentException("aᵀ · bᵀ is not part of Products; transpose the result of b · a instead");
        }
        if (add) {
            if (transA) {
                CommonOps_DDRM.multAddTransA(a, b, c);
            } else if (transB) {
                CommonOps_DDRM.multAddTransB(a, b, c);
            } else {
                CommonOps_DDRM.multAdd(a, b, c);
            }
        } else if (transA) {
            CommonOps_DDRM.multTransA(a, b, c);
        } else if (transB) {
            CommonOps_DDRM.multTransB(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
        if (scale != 1.0) {
            CommonOps_DDRM.scale(scale, c);
        }
    }

    @Override
    public String describe() {
        return "EJML " + org.ejml.EjmlVersion.VERSION + " (pure Java, one thread)";
    }
}
