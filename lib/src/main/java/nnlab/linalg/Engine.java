package nnlab.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * What a backend of {@link Products} implements: c = op(a) · op(b), or c += op(a) · op(b) when
 * {@code add} is set. Shapes and aliasing are already checked by {@link Products}.
 */
interface Engine {
    void product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, boolean add);

    /** One line for people: which code runs the products. */
    String describe();
}
