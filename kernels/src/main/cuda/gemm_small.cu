// Small-product GEMM: 32×32 tiles of C and k split into slices, for products whose 128×128 tiles
// (gemm.cu) are too few to fill the GPU. The LeNet forward product 60×300×784 has 3 such tiles for
// 132 SMs; here it runs as 2×10 tiles × 10 k-slices = 200 blocks. lottery.kernels.cuda.GemmPlan
// picks the kernel, the tile grid and the slices by shape.
//
//   partial[s][m][n] = op(A)[m, ks] · op(B ⊙ maskB)[ks, n]     ks = [s·chunk, min(k, (s+1)·chunk))
//   C = alpha · Σ_s partial[s] + beta · C, then C = 0 where maskC is 0   (lottery_splitk_reduce)
//
// Layouts and masks as in gemm.cu: A stored [m,k] (N) or [k,m] (T), B stored [k,n] (N) or [n,k] (T),
// masks bit-packed like lottery.kernels.BitMask, maskB in B's stored shape. The slices are summed
// in slice order by one thread per element: deterministic, no atomics.
//
// Launch: grid (ceil(n/32), ceil(m/32) · slices), block 256; each thread a 2×2 sub-tile. K advances
// 16 at a time through shared memory; out-of-range elements load as 0, so any shape is handled.

#define ST 32
#define SK 16
#define STHREADS 256

typedef unsigned long long u64;

// element e (0..511) of the 32×16 tile of op(A) starting at (m0, kt), loaded coalesced
template <bool TRANS_A>
__device__ __forceinline__ void smallLoadA(const float* __restrict__ A, int lda, int m, int kEnd, int m0, int kt, int e,
                                           float (*As)[ST]) {
    int row, kk;
    if (!TRANS_A) { row = e >> 4; kk = e & 15; }   // A: [m, k], 16 consecutive k per row
    else          { row = e & 31; kk = e >> 5; }   // A: [k, m], 32 consecutive m per k-row
    const int gm = m0 + row, gk = kt + kk;
    float v = 0.f;
    if (gm < m && gk < kEnd) v = __ldg(TRANS_A ? A + (size_t)gk * lda + gm : A + (size_t)gm * lda + gk);
    As[kk][row] = v;
}

// element e of the 16×32 tile of op(B ⊙ maskB) starting at (kt, n0)
template <bool TRANS_B>
__device__ __forceinline__ void smallLoadB(const float* __restrict__ B, int ldb, const u64* __restrict__ mask, int maskWords,
                                           int n, int kEnd, int n0, int kt, int e, float (*Bs)[ST]) {
    int col, kk;
    if (!TRANS_B) { col = e & 31; kk = e >> 5; }   // B: [k, n], 32 consecutive n per k-row
    else          { col = e >> 4; kk = e & 15; }   // B: [n, k], 16 consecutive k per row
    const int gn = n0 + col, gk = kt + kk;
    float v = 0.f;
    if (gn < n && gk < kEnd) {
        const int r = TRANS_B ? gn : gk, c = TRANS_B ? gk : gn;   // stored row and column
        if (mask == nullptr || ((__ldg(mask + (size_t)r * maskWords + (c >> 6)) >> (c & 63)) & 1ull))
            v = __ldg(B + (size_t)r * ldb + c);
    }
    Bs[kk][col] = v;
}

template <bool TRANS_A, bool TRANS_B>
__device__ __forceinline__ void splitk_tile(int m, int n, int k, int chunk, const float* __restrict__ A, int lda,
                                            const float* __restrict__ B, int ldb, const u64* __restrict__ maskB, int maskBWords,
                                            float* __restrict__ partial) {
    __shared__ float As[SK][ST];   // As[k][m]
    __shared__ float Bs[SK][ST];   // Bs[k][n]
    const int tilesM = (m + ST - 1) / ST;
    const int slice = blockIdx.y / tilesM, m0 = (blockIdx.y - slice * tilesM) * ST, n0 = blockIdx.x * ST;
    const int kBegin = slice * chunk, kEnd = min(k, kBegin + chunk);
    const int tid = threadIdx.x, tx = tid & 15, ty = tid >> 4;
    float acc00 = 0.f, acc01 = 0.f, acc10 = 0.f, acc11 = 0.f;
    for (int kt = kBegin; kt < kEnd; kt += SK) {
        smallLoadA<TRANS_A>(A, lda, m, kEnd, m0, kt, tid, As);
        smallLoadA<TRANS_A>(A, lda, m, kEnd, m0, kt, tid + STHREADS, As);
        smallLoadB<TRANS_B>(B, ldb, maskB, maskBWords, n, kEnd, n0, kt, tid, Bs);
        smallLoadB<TRANS_B>(B, ldb, maskB, maskBWords, n, kEnd, n0, kt, tid + STHREADS, Bs);
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < SK; kk++) {
            const float a0 = As[kk][ty], a1 = As[kk][ty + 16], b0 = Bs[kk][tx], b1 = Bs[kk][tx + 16];
            acc00 = fmaf(a0, b0, acc00);
            acc01 = fmaf(a0, b1, acc01);
            acc10 = fmaf(a1, b0, acc10);
            acc11 = fmaf(a1, b1, acc11);
        }
        __syncthreads();
    }
    float* p = partial + (size_t)slice * m * n;
    const int r0 = m0 + ty, r1 = r0 + 16, c0 = n0 + tx, c1 = c0 + 16;
    if (r0 < m && c0 < n) p[(size_t)r0 * n + c0] = acc00;
    if (r0 < m && c1 < n) p[(size_t)r0 * n + c1] = acc01;
    if (r1 < m && c0 < n) p[(size_t)r1 * n + c0] = acc10;
    if (r1 < m && c1 < n) p[(size_t)r1 * n + c1] = acc11;
}

#define SPLITK_ENTRY(NAME, TA, TB)                                                                           \
    extern "C" __global__ void __launch_bounds__(STHREADS)                                                   \
    NAME(int m, int n, int k, int chunk, const float* __restrict__ A, int lda,                               \
         const float* __restrict__ B, int ldb, const u64* __restrict__ maskB, int maskBWords,                 \
         float* __restrict__ partial) {                                                                      \
        splitk_tile<TA, TB>(m, n, k, chunk, A, lda, B, ldb, maskB, maskBWords, partial);                      \
    }

SPLITK_ENTRY(lottery_sgemm_splitk_nn, false, false)
SPLITK_ENTRY(lottery_sgemm_splitk_nt, false, true)
SPLITK_ENTRY(lottery_sgemm_splitk_tn, true, false)
SPLITK_ENTRY(lottery_sgemm_splitk_tt, true, true)

// C[i, j] = alpha · Σ_s partial[s, i, j] + beta · C[i, j], or 0 where maskC is 0. One thread per element.
extern "C" __global__ void lottery_splitk_reduce(int m, int n, int slices, const float* __restrict__ partial,
                                                 float alpha, float beta, float* __restrict__ C, int ldc,
                                                 const u64* __restrict__ maskC, int maskCWords) {
    const long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (long long)m * n) return;
    const int i = (int)(t / n), j = (int)(t - (long long)i * n);
    float* c = C + (size_t)i * ldc + j;
    if (maskC != nullptr && !((__ldg(maskC + (size_t)i * maskCWords + (j >> 6)) >> (j & 63)) & 1ull)) {
        *c = 0.f;
        return;
    }
    float s = 0.f;
    for (int q = 0; q < slices; q++) s += __ldg(partial + ((size_t)q * m + i) * n + j);
    const float v = alpha * s;
    *c = beta == 0.f ? v : fmaf(beta, *c, v);
}
