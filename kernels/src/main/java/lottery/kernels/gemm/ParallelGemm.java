package lottery.kernels.gemm;

import lottery.kernels.Parallel;

/**
 * Splits C into equal shares of whole register tiles for {@link Parallel}: along n (NR-column
 * panels) when C is at least as wide as tall or too short to split, else along m (MR-row panels).
 * Each share runs the full {@link GemmLoops} with its own thread's {@link Workspace}.
 */
final class ParallelGemm implements Parallel.Task {
    private GemmCall g;
    private boolean alongN;
    private int panels, unit;
    int parts;

    /** Chooses the split; false when C has too few tiles to give each part one. */
    boolean plan(GemmCall g, int threads) {
        MicroKernel kr = g.kernel;
        int nPanels = (g.n + kr.nr() - 1) / kr.nr();
        int mPanels = (g.m + kr.mr() - 1) / kr.mr();
        alongN = (g.n >= g.m && nPanels >= threads) || mPanels < threads;
        panels = alongN ? nPanels : mPanels;
        unit = alongN ? kr.nr() : kr.mr();
        parts = Math.min(threads, panels);
        this.g = g;
        return parts > 1;
    }

    @Override public void run(int part) {
        int extent = alongN ? g.n : g.m;
        int from = Math.min(extent, (int) ((long) panels * part / parts) * unit);
        int to = Math.min(extent, (int) ((long) panels * (part + 1) / parts) * unit);
        if (from >= to) return;
        Workspace ws = Workspace.current();
        if (alongN) GemmLoops.run(g, 0, g.m, from, to, ws);
        else GemmLoops.run(g, from, to, 0, g.n, ws);
    }

    void clear() { g = null; }
}
