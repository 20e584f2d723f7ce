// CSR sparse kernels for a masked weight W ⊙ M of shape [out, in] (rows = out, cols = in),
// matching lottery.kernels.ScalarSparse. rowPtr: [out+1], colIdx/values: [nnz].
// "T" layouts keep activations transposed, [features, batch]: one nonzero of W is then an axpy
// over a contiguous batch row, so the threads of a warp (consecutive b) read and write coalesced.
//
// The transposed products (dx = dy·W, dxT = Wᵀ·dyT) scatter into their output with atomicAdd;
// the caller first scales the output by beta (lottery_scale) or zeroes it, and passes nothing else.
// Thread counts are ints: every array must have fewer than 2^31 elements.

// y[batch, out] = x[batch, in] · Wᵀ (+ beta·y). One thread per (b, r), r fastest.
extern "C" __global__ void lottery_spmm(int out, int in, int batch, const int* __restrict__ rowPtr,
                                        const int* __restrict__ colIdx, const float* __restrict__ values,
                                        const float* __restrict__ x, float beta, float* __restrict__ y) {
    const long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (long long)batch * out) return;
    const int b = (int)(t / out), r = (int)(t - (long long)b * out);
    const float* xb = x + (size_t)b * in;
    float s = 0.f;
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++) s = fmaf(__ldg(values + e), __ldg(xb + __ldg(colIdx + e)), s);
    float* yi = y + (size_t)b * out + r;
    *yi = beta == 0.f ? s : fmaf(beta, *yi, s);
}

// yT[out, batch] = W · xT[in, batch] (+ beta·yT). One thread per (r, b), b fastest.
extern "C" __global__ void lottery_spmm_t(int out, int in, int batch, const int* __restrict__ rowPtr,
                                          const int* __restrict__ colIdx, const float* __restrict__ values,
                                          const float* __restrict__ xT, float beta, float* __restrict__ yT) {
    const long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (long long)out * batch) return;
    const int r = (int)(t / batch), b = (int)(t - (long long)r * batch);
    float s = 0.f;
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++)
        s = fmaf(__ldg(values + e), __ldg(xT + (size_t)__ldg(colIdx + e) * batch + b), s);
    float* yi = yT + (size_t)r * batch + b;
    *yi = beta == 0.f ? s : fmaf(beta, *yi, s);
}

// dx[batch, in] += dy[batch, out] · W. One thread per (b, r), scattering along row r of W.
extern "C" __global__ void lottery_spmm_trans_acc(int out, int in, int batch, const int* __restrict__ rowPtr,
                                                  const int* __restrict__ colIdx, const float* __restrict__ values,
                                                  const float* __restrict__ dy, float* __restrict__ dx) {
    const long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (long long)batch * out) return;
    const int b = (int)(t / out), r = (int)(t - (long long)b * out);
    const float g = __ldg(dy + (size_t)b * out + r);
    if (g == 0.f) return;
    float* dxb = dx + (size_t)b * in;
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++) atomicAdd(dxb + __ldg(colIdx + e), __ldg(values + e) * g);
}

// dxT[in, batch] += Wᵀ · dyT[out, batch]. One thread per (r, b), b fastest: the atomics of a warp
// hit consecutive addresses.
extern "C" __global__ void lottery_spmm_trans_t_acc(int out, int in, int batch, const int* __restrict__ rowPtr,
                                                    const int* __restrict__ colIdx, const float* __restrict__ values,
                                                    const float* __restrict__ dyT, float* __restrict__ dxT) {
    const long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (long long)out * batch) return;
    const int r = (int)(t / batch), b = (int)(t - (long long)r * batch);
    const float g = __ldg(dyT + (size_t)r * batch + b);
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++)
        atomicAdd(dxT + (size_t)__ldg(colIdx + e) * batch + b, __ldg(values + e) * g);
}

__device__ __forceinline__ float warp_sum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

// SDDMM, transposed activations: dw[e] = dyT[r, :] · xT[colIdx[e], :] for every entry e of row r.
// One warp per row r (blockDim.x a multiple of 32); lanes stride the batch, then a shuffle reduction.
extern "C" __global__ void lottery_sddmm_t(int out, int in, int batch, const int* __restrict__ rowPtr,
                                           const int* __restrict__ colIdx, const float* __restrict__ dyT,
                                           const float* __restrict__ xT, float* __restrict__ dw) {
    const int r = (int)(((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5), lane = threadIdx.x & 31;
    if (r >= out) return;
    const float* d = dyT + (size_t)r * batch;
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++) {
        const float* xc = xT + (size_t)__ldg(colIdx + e) * batch;
        float s = 0.f;
        for (int b = lane; b < batch; b += 32) s = fmaf(__ldg(d + b), __ldg(xc + b), s);
        s = warp_sum(s);
        if (lane == 0) dw[e] = s;
    }
}

// SDDMM, row-major activations: dw[e] = Σ_b dy[b, r] · x[b, colIdx[e]]. Same warp-per-row scheme.
extern "C" __global__ void lottery_sddmm(int out, int in, int batch, const int* __restrict__ rowPtr,
                                         const int* __restrict__ colIdx, const float* __restrict__ dy,
                                         const float* __restrict__ x, float* __restrict__ dw) {
    const int r = (int)(((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5), lane = threadIdx.x & 31;
    if (r >= out) return;
    for (int e = __ldg(rowPtr + r), end = __ldg(rowPtr + r + 1); e < end; e++) {
        const int c = __ldg(colIdx + e);
        float s = 0.f;
        for (int b = lane; b < batch; b += 32) s = fmaf(__ldg(dy + (size_t)b * out + r), __ldg(x + (size_t)b * in + c), s);
        s = warp_sum(s);
        if (lane == 0) dw[e] = s;
    }
}

// values[e] = w[denseIndex[e]]: refresh the CSR values from the dense weights after a step.
extern "C" __global__ void lottery_csr_gather(int nnz, const int* __restrict__ denseIndex, const float* __restrict__ w,
                                              float* __restrict__ values) {
    const int e = blockIdx.x * blockDim.x + threadIdx.x;
    if (e < nnz) values[e] = __ldg(w + __ldg(denseIndex + e));
}

// dense[denseIndex[e]] = src[e]; other entries untouched.
extern "C" __global__ void lottery_csr_scatter(int nnz, const int* __restrict__ denseIndex, const float* __restrict__ src,
                                               float* __restrict__ dense) {
    const int e = blockIdx.x * blockDim.x + threadIdx.x;
    if (e < nnz) dense[__ldg(denseIndex + e)] = __ldg(src + e);
}
