// Elementwise ops, reductions and the softmax cross-entropy on flat float arrays.
// Row-major [rows, cols] where a shape is given. Element counts are ints (< 2^31).
// Elementwise kernels use a grid-stride loop, so any grid size is correct.

typedef unsigned long long u64;

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

extern "C" __global__ void lottery_fill(int n, float value, float* __restrict__ x) {
    GRID_STRIDE(i, n) x[i] = value;
}

// out = a + b
extern "C" __global__ void lottery_add(int n, const float* a, const float* b, float* out) {
    GRID_STRIDE(i, n) out[i] = a[i] + b[i];
}

// out = a ⊙ b
extern "C" __global__ void lottery_mul(int n, const float* a, const float* b, float* out) {
    GRID_STRIDE(i, n) out[i] = a[i] * b[i];
}

// y = alpha·x + y
extern "C" __global__ void lottery_axpy(int n, float alpha, const float* x, float* y) {
    GRID_STRIDE(i, n) y[i] = fmaf(alpha, x[i], y[i]);
}

// x = alpha·x
extern "C" __global__ void lottery_scale(int n, float alpha, float* x) {
    GRID_STRIDE(i, n) x[i] *= alpha;
}

// y = max(x, 0)
extern "C" __global__ void lottery_relu(int n, const float* x, float* y) {
    GRID_STRIDE(i, n) y[i] = x[i] > 0.f ? x[i] : 0.f;
}

// dx = dy where x > 0, else 0 (x is the forward input)
extern "C" __global__ void lottery_relu_backward(int n, const float* x, const float* dy, float* dx) {
    GRID_STRIDE(i, n) dx[i] = x[i] > 0.f ? dy[i] : 0.f;
}

// y[r, c] += bias[c]; y: [rows, cols]
extern "C" __global__ void lottery_bias_add(int rows, int cols, const float* __restrict__ bias, float* __restrict__ y) {
    const long long total = (long long)rows * cols;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += (long long)blockDim.x * gridDim.x)
        y[i] += __ldg(bias + (int)(i % cols));
}

// x[r, c] = 0 where mask bit (r, c) is 0; x: [rows, cols], mask: BitMask words, maskWords per row
extern "C" __global__ void lottery_mask_apply(int rows, int cols, const u64* __restrict__ mask, int maskWords, float* __restrict__ x) {
    const long long total = (long long)rows * cols;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += (long long)blockDim.x * gridDim.x) {
        const int r = (int)(i / cols), c = (int)(i - (long long)r * cols);
        if (!((__ldg(mask + (size_t)r * maskWords + (c >> 6)) >> (c & 63)) & 1ull)) x[i] = 0.f;
    }
}

__device__ __forceinline__ float warp_sum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// out[c] = Σ_r x[r, c] (+ beta·out[c]): the bias gradient. One thread per column, rows in order
// (deterministic, coalesced across the threads of a warp).
extern "C" __global__ void lottery_sum_rows(int rows, int cols, const float* __restrict__ x, float beta, float* __restrict__ out) {
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    float s = 0.f;
    for (int r = 0; r < rows; r++) s += __ldg(x + (size_t)r * cols + c);
    out[c] = beta == 0.f ? s : fmaf(beta, out[c], s);
}

// out[r] = Σ_c x[r, c] (+ beta·out[r]). One warp per row (blockDim.x a multiple of 32).
extern "C" __global__ void lottery_sum_cols(int rows, int cols, const float* __restrict__ x, float beta, float* __restrict__ out) {
    const int r = (int)(((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5), lane = threadIdx.x & 31;
    if (r >= rows) return;
    const float* xr = x + (size_t)r * cols;
    float s = 0.f;
    for (int c = lane; c < cols; c += 32) s += __ldg(xr + c);
    s = warp_sum(s);
    if (lane == 0) out[r] = beta == 0.f ? s : fmaf(beta, out[r], s);
}

// Softmax cross-entropy, forward and backward in one pass. logits: [batch, classes], labels: [batch].
//   loss[b]        = log Σ_j exp(z_bj) − z_b,label
//   dlogits[b, j]  = gradScale · (softmax(z_b)_j − [j == label])   (skipped when dlogits is null)
// gradScale is 1/batch for a mean loss. A label outside [0, classes) gives loss NaN. One warp per row (blockDim.x a multiple of 32).
extern "C" __global__ void lottery_softmax_xent(int batch, int classes, const float* __restrict__ logits,
                                                const int* __restrict__ labels, float gradScale,
                                                float* __restrict__ loss, float* __restrict__ dlogits) {
    const int b = (int)(((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5), lane = threadIdx.x & 31;
    if (b >= batch) return;
    const float* z = logits + (size_t)b * classes;
    float mx = -INFINITY;
    for (int j = lane; j < classes; j += 32) mx = fmaxf(mx, __ldg(z + j));
    mx = warp_max(mx);
    float s = 0.f;
    for (int j = lane; j < classes; j += 32) s += __expf(__ldg(z + j) - mx);
    s = warp_sum(s);
    const int label = __ldg(labels + b);
    const bool valid = label >= 0 && label < classes;  // an out-of-range label gives a NaN loss, not a stray read
    if (lane == 0) loss[b] = valid ? logf(s) - (__ldg(z + label) - mx) : __int_as_float(0x7fc00000);
    if (dlogits != nullptr) {
        const float inv = 1.f / s;
        float* d = dlogits + (size_t)b * classes;
        for (int j = lane; j < classes; j += 32)
            d[j] = gradScale * (__expf(__ldg(z + j) - mx) * inv - (j == label ? 1.f : 0.f));
    }
}
