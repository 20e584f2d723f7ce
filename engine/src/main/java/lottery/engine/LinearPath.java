package lottery.engine;

/** How a (possibly masked) linear layer computes: which kernel family it runs. */
public enum LinearPath {
    /** Plain GEMM; the layer has no mask (or every weight kept). */
    DENSE,
    /** GEMM with the mask fused into the weight panel; dW through the masked-output GEMM. */
    MASKED,
    /** CSR SpMM / SDDMM on activations in the transposed layout. */
    SPARSE
}
