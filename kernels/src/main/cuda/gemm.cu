// Masked single-precision GEMM on row-major matrices, the mask fused into the tile load of B.
//
//   C[m,n] = alpha · op(A)[m,k] · op(B ⊙ maskB)[k,n] + beta · C      (maskB in B's stored shape)
//   C[i,j] = 0 where maskC[i,j] == 0                                  (the masked weight gradient)
//
//   A stored [m,k] (N) or [k,m] (T), leading dimension lda; B stored [k,n] (N) or [n,k] (T).
//   Masks are bit-packed like lottery.kernels.BitMask: row r of a [rows, cols] mask is the
//   words [r*words, (r+1)*words), bit c&63 of word c>>6. A null mask means dense.
//
// The three layouts of a masked linear layer, W: [out, in], M: [out, in]:
//   forward          Y  = X · (W⊙M)ᵀ     lottery_sgemm_nt(batch, out, in,  X, W, maskB=M)
//   backward-data    dX = dY · (W⊙M)     lottery_sgemm_nn(batch, in,  out, dY, W, maskB=M)
//   backward-weights dW = (dYᵀ · X) ⊙ M  lottery_sgemm_tn(out,   in,  batch, dY, X, maskC=M)
//
// Tiling: a 256-thread block computes a 128×128 tile of C; each thread an 8×8 sub-tile held in
// registers (two 4-wide row groups 64 apart, two 4-wide column groups 64 apart, so the float4
// shared-memory reads of a warp hit distinct banks). K advances 8 at a time through two
// shared-memory buffers: the next tile is fetched from global memory into registers while the
// current one is multiplied, then stored to the other buffer; one barrier per k-step.
// Out-of-range elements load as 0, so any m, n, k (including 0 and 1) is handled.

#define BM 128
#define BN 128
#define BK 8
#define PAD 4
#define THREADS 256

typedef unsigned long long u64;

// r[0..3] = p[0..3] where i < valid (else 0), and the bits of `keep` (bit i for element i) are set.
// One 16-byte load when all four are valid and p is 16-byte aligned (aligned: the operand's base
// and leading dimension are multiples of 16 bytes, and every row segment starts at a multiple of 4).
__device__ __forceinline__ void load4(const float* __restrict__ p, int valid, bool aligned, unsigned keep, float (&r)[4]) {
    if (aligned && valid >= 4) {
        const float4 v = __ldg(reinterpret_cast<const float4*>(p));
        r[0] = (keep & 1u) ? v.x : 0.f;
        r[1] = (keep & 2u) ? v.y : 0.f;
        r[2] = (keep & 4u) ? v.z : 0.f;
        r[3] = (keep & 8u) ? v.w : 0.f;
    } else {
#pragma unroll
        for (int i = 0; i < 4; i++) r[i] = (i < valid && ((keep >> i) & 1u)) ? __ldg(p + i) : 0.f;
    }
}

template <bool TRANS_A>
__device__ __forceinline__ void loadA(const float* __restrict__ A, int lda, bool aligned, int m, int k, int m0, int kt, float (&r)[4]) {
    const int tid = threadIdx.x;
    if (!TRANS_A) {  // A: [m, k]; thread reads row tid/2, 4 consecutive k
        const int gm = m0 + (tid >> 1), gk = kt + ((tid & 1) << 2);
        load4(A + (size_t)gm * lda + gk, gm < m ? k - gk : 0, aligned, 0xfu, r);
    } else {         // A: [k, m]; thread reads k-row tid/32, 4 consecutive m
        const int gk = kt + (tid >> 5), gm = m0 + ((tid & 31) << 2);
        load4(A + (size_t)gk * lda + gm, gk < k ? m - gm : 0, aligned, 0xfu, r);
    }
}

template <bool TRANS_A>
__device__ __forceinline__ void storeA(float (*As)[BM + PAD], const float (&r)[4]) {
    const int tid = threadIdx.x;
    if (!TRANS_A) {
        const int row = tid >> 1, kk = (tid & 1) << 2;
#pragma unroll
        for (int i = 0; i < 4; i++) As[kk + i][row] = r[i];
    } else {
        *reinterpret_cast<float4*>(&As[tid >> 5][(tid & 31) << 2]) = make_float4(r[0], r[1], r[2], r[3]);
    }
}

// The 4 elements a thread loads from one stored row of B start at a multiple of 4 columns,
// so they share one mask word.
template <bool TRANS_B>
__device__ __forceinline__ void loadB(const float* __restrict__ B, int ldb, bool aligned, const u64* __restrict__ mask, int maskWords,
                                      int n, int k, int n0, int kt, float (&r)[4]) {
    const int tid = threadIdx.x;
    if (!TRANS_B) {  // B: [k, n]; stored row gk, columns gn..gn+3
        const int gk = kt + (tid >> 5), gn = n0 + ((tid & 31) << 2);
        const int valid = gk < k ? n - gn : 0;
        unsigned keep = 0xfu;
        if (mask != nullptr) keep = valid > 0 ? (unsigned)(__ldg(mask + (size_t)gk * maskWords + (gn >> 6)) >> (gn & 63)) & 0xfu : 0u;
        load4(B + (size_t)gk * ldb + gn, valid, aligned, keep, r);
    } else {         // B: [n, k]; stored row gn, columns gk..gk+3
        const int gn = n0 + (tid >> 1), gk = kt + ((tid & 1) << 2);
        const int valid = gn < n ? k - gk : 0;
        unsigned keep = 0xfu;
        if (mask != nullptr) keep = valid > 0 ? (unsigned)(__ldg(mask + (size_t)gn * maskWords + (gk >> 6)) >> (gk & 63)) & 0xfu : 0u;
        load4(B + (size_t)gn * ldb + gk, valid, aligned, keep, r);
    }
}

template <bool TRANS_B>
__device__ __forceinline__ void storeB(float (*Bs)[BN + PAD], const float (&r)[4]) {
    const int tid = threadIdx.x;
    if (!TRANS_B) {
        *reinterpret_cast<float4*>(&Bs[tid >> 5][(tid & 31) << 2]) = make_float4(r[0], r[1], r[2], r[3]);
    } else {
        const int col = tid >> 1, kk = (tid & 1) << 2;
#pragma unroll
        for (int i = 0; i < 4; i++) Bs[kk + i][col] = r[i];
    }
}

template <bool TRANS_A, bool TRANS_B>
__device__ __forceinline__ void sgemm_tile(int m, int n, int k, float alpha,
                                           const float* __restrict__ A, int lda,
                                           const float* __restrict__ B, int ldb, const u64* __restrict__ maskB, int maskBWords,
                                           float beta, float* __restrict__ C, int ldc, const u64* __restrict__ maskC, int maskCWords) {
    __shared__ __align__(16) float As[2][BK][BM + PAD];  // As[k][m]
    __shared__ __align__(16) float Bs[2][BK][BN + PAD];  // Bs[k][n]
    const int tx = threadIdx.x & 15, ty = threadIdx.x >> 4;
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;

    float acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] = 0.f;

    // 16-byte vector loads when the operand's base and leading dimension allow them
    const bool alignedA = ((reinterpret_cast<size_t>(A) | ((size_t)lda << 2)) & 15) == 0;
    const bool alignedB = ((reinterpret_cast<size_t>(B) | ((size_t)ldb << 2)) & 15) == 0;
    float ra[4], rb[4];
    if (k > 0) {
        loadA<TRANS_A>(A, lda, alignedA, m, k, m0, 0, ra);
        loadB<TRANS_B>(B, ldb, alignedB, maskB, maskBWords, n, k, n0, 0, rb);
        storeA<TRANS_A>(As[0], ra);
        storeB<TRANS_B>(Bs[0], rb);
    }
    __syncthreads();

    int buf = 0;
    for (int kt = 0; kt < k; kt += BK) {
        const bool more = kt + BK < k;
        if (more) {
            loadA<TRANS_A>(A, lda, alignedA, m, k, m0, kt + BK, ra);
            loadB<TRANS_B>(B, ldb, alignedB, maskB, maskBWords, n, k, n0, kt + BK, rb);
        }
#pragma unroll
        for (int kk = 0; kk < BK; kk++) {
            const float4 a0 = *reinterpret_cast<const float4*>(&As[buf][kk][ty * 4]);
            const float4 a1 = *reinterpret_cast<const float4*>(&As[buf][kk][ty * 4 + 64]);
            const float4 b0 = *reinterpret_cast<const float4*>(&Bs[buf][kk][tx * 4]);
            const float4 b1 = *reinterpret_cast<const float4*>(&Bs[buf][kk][tx * 4 + 64]);
            const float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
            const float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
            for (int i = 0; i < 8; i++)
#pragma unroll
                for (int j = 0; j < 8; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        if (more) {
            storeA<TRANS_A>(As[buf ^ 1], ra);
            storeB<TRANS_B>(Bs[buf ^ 1], rb);
        }
        __syncthreads();
        buf ^= 1;
    }

#pragma unroll
    for (int i = 0; i < 8; i++) {
        const int gm = m0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4);
        if (gm >= m) continue;
#pragma unroll
        for (int j = 0; j < 8; j++) {
            const int gn = n0 + (j < 4 ? tx * 4 + j : 64 + tx * 4 + j - 4);
            if (gn >= n) continue;
            float* c = C + (size_t)gm * ldc + gn;
            if (maskC != nullptr && !((__ldg(maskC + (size_t)gm * maskCWords + (gn >> 6)) >> (gn & 63)) & 1ull)) {
                *c = 0.f;
                continue;
            }
            const float v = alpha * acc[i][j];
            *c = beta == 0.f ? v : fmaf(beta, *c, v);
        }
    }
}

#define SGEMM_ENTRY(NAME, TA, TB)                                                                          \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                  \
    NAME(int m, int n, int k, float alpha, const float* __restrict__ A, int lda,                           \
         const float* __restrict__ B, int ldb, const u64* __restrict__ maskB, int maskBWords,               \
         float beta, float* __restrict__ C, int ldc, const u64* __restrict__ maskC, int maskCWords) {       \
        sgemm_tile<TA, TB>(m, n, k, alpha, A, lda, B, ldb, maskB, maskBWords, beta, C, ldc, maskC, maskCWords); \
    }

// Launch: grid (ceil(n/128), ceil(m/128)), block 256, no dynamic shared memory.
SGEMM_ENTRY(lottery_sgemm_nn, false, false)
SGEMM_ENTRY(lottery_sgemm_nt, false, true)
SGEMM_ENTRY(lottery_sgemm_tn, true, false)
SGEMM_ENTRY(lottery_sgemm_tt, true, true)
