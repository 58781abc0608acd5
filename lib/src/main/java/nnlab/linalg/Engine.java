package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * What a backend of {@link Products} implements: c = scale · (op(a) · op(b)), or c += op(a) · op(b)
 * when {@code add} is set (scale is then 1). The scale multiplies each finished sum once, so the
 * result has the same bits as the product followed by {@code CommonOps_DDRM.scale}. Shapes and
 * aliasing are already checked by {@link Products}.
 */
interface Engine {
    void product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, boolean add,
                 double scale);

    /** One line for people: which code runs the products. */
    String describe();
}
