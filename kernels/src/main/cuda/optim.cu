// Mask-aware optimizer updates on a parameter of shape [rows, cols] (flat n = rows·cols).
// Where the mask bit is 0 the kernel returns before reading or writing anything: a pruned weight
// and its optimizer state keep exactly the values they had (0 once pruned), so momentum, the Adam
// moments and weight decay can never revive it. A null mask updates every element.

typedef unsigned long long u64;

__device__ __forceinline__ bool kept(const u64* __restrict__ mask, int maskWords, int cols, long long i) {
    if (mask == nullptr) return true;
    const int r = (int)(i / cols), c = (int)(i - (long long)r * cols);
    return (__ldg(mask + (size_t)r * maskWords + (c >> 6)) >> (c & 63)) & 1ull;
}

// Adam (Kingma & Ba) with L2 weight decay folded into the gradient:
//   g' = g + weightDecay·w;  m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²
//   w -= lr · (m / c1) / (sqrt(v / c2) + eps),   c1 = 1 − β1^t,  c2 = 1 − β2^t
extern "C" __global__ void lottery_adam(int rows, int cols, const u64* __restrict__ mask, int maskWords,
                                        float* __restrict__ w, const float* __restrict__ g,
                                        float* __restrict__ m, float* __restrict__ v,
                                        float lr, float beta1, float beta2, float eps, float c1, float c2, float weightDecay) {
    const long long n = (long long)rows * cols;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long)blockDim.x * gridDim.x) {
        if (!kept(mask, maskWords, cols, i)) continue;
        const float gi = g[i] + weightDecay * w[i];
        const float mi = beta1 * m[i] + (1.f - beta1) * gi;
        const float vi = beta2 * v[i] + (1.f - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] -= lr * (mi / c1) / (sqrtf(vi / c2) + eps);
    }
}

// SGD with momentum and L2 weight decay:
//   g' = g + weightDecay·w;  buf = momentum·buf + g';  w -= lr·buf   (momentum 0: plain SGD)
extern "C" __global__ void lottery_sgd_momentum(int rows, int cols, const u64* __restrict__ mask, int maskWords,
                                                float* __restrict__ w, const float* __restrict__ g, float* __restrict__ buf,
                                                float lr, float momentum, float weightDecay) {
    const long long n = (long long)rows * cols;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long)blockDim.x * gridDim.x) {
        if (!kept(mask, maskWords, cols, i)) continue;
        const float gi = g[i] + weightDecay * w[i];
        const float bi = momentum * buf[i] + gi;
        buf[i] = bi;
        w[i] -= lr * bi;
    }
}
