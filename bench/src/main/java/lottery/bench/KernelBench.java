package lottery.bench;

import lottery.kernels.BitMask;
import lottery.kernels.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a {@link BenchConfig}: for every product and thread count, builds one task per implementation
 * (masked and sparse once per density) over shared operands and times them side by side with {@link Timer}.
 */
public final class KernelBench implements KernelSweep {
    private final BenchConfig cfg;
    private final TaskFactory factory;

    /** Builds tasks; the CPU factory is {@link CpuTasks#create}, the GPU one {@link GpuTasks#factory()}. */
    public interface TaskFactory {
        /** The task, or null when the implementation has no kernel for this op (it is then left out). */
        Task create(Impl impl, Operands ops, BitMask mask);
    }

    public KernelBench(BenchConfig cfg, TaskFactory factory) {
        this.cfg = cfg;
        this.factory = factory;
    }

    /** Estimated milliseconds of one group (for the progress bar's ETA; assumes ~20 GFLOP/s). */
    private long estimateMs(GemmShape s) {
        TimingPlan p = cfg.plan();
        double call = s.flops() / 20e6;
        double perTask = Math.min(p.maxMsPerTask(), p.rounds() * Math.max(p.batchMs(), call)) + Math.min(p.warmupMaxMs(), 3 * Math.max(p.batchMs(), call));
        return Math.max(1, Math.round(perTask * cfg.tasksPerGroup()));
    }

    @Override public long estimate() {
        long total = 0;
        for (GemmShape s : cfg.products()) total += estimateMs(s) * cfg.threads().length * cfg.patterns().size();
        return total;
    }

    @Override public List<BenchRecord> run(Progress progress, Consumer<List<BenchRecord>> measured) {
        List<GemmShape> shapes = cfg.products();
        List<BenchRecord> records = new ArrayList<>();
        int before = Threads.count();
        try {
            for (GemmShape s : shapes) {
                try (Operands ops = new Operands(s, null, cfg.seed())) {
                    for (MaskPattern pattern : cfg.patterns()) runGroup(s, ops, pattern, progress, records, measured);
                }
            }
        } finally {
            Threads.set(before);
        }
        return records;
    }

    private void runGroup(GemmShape s, Operands ops, MaskPattern pattern, Progress progress, List<BenchRecord> records,
                          Consumer<List<BenchRecord>> measured) {
        List<Task> tasks = new ArrayList<>();
        List<long[]> bytes = new ArrayList<>();
        for (Impl impl : cfg.impls()) {
            if (!impl.usesDensity()) {
                BitMask ones = BitMask.ones(s.out(), s.in());
                Task t = factory.create(impl, ops, ones);
                if (t == null) continue;
                tasks.add(t);
                bytes.add(weightBytes(impl, ones));
                continue;
            }
            for (int di = 0; di < cfg.densities().length; di++) {
                BitMask mask = pattern.make(s.out(), s.in(), cfg.densities()[di], cfg.seed() * 1000 + di);
                Task t = factory.create(impl, ops, mask);
                if (t == null) continue;
                tasks.add(t);
                bytes.add(weightBytes(impl, mask));
            }
        }
        if (tasks.isEmpty()) return;
        for (int t : cfg.threads()) {
            Threads.set(t);
            if (cfg.impls().contains(Impl.OPENBLAS)) OpenBlas.setThreads(t);
            long units = estimateMs(s);
            int rounds = cfg.plan().rounds();
            long[] done = {0};
            String what = s.name() + " " + s.op() + " " + s.m() + "x" + s.n() + "x" + s.k() + " t" + t;
            Stats[] stats = Timer.time(tasks, cfg.plan(), r -> {
                long step = units / rounds;
                done[0] += step;
                progress.advance(step, what);
            });
            progress.advance(units - done[0], what);
            List<BenchRecord> group = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++)
                group.add(BenchRecord.of(tasks.get(i), s, pattern.label(), t, stats[i], bytes.get(i)[0], bytes.get(i)[1]));
            records.addAll(group);
            measured.accept(group);
        }
    }

    /**
     * {weight-side bytes, of which mask/index bytes} of {@code impl} on a weight shaped like {@code mask}: the dense
     * values for the dense kinds, values + mask bits for masked, CSR arrays for sparse.
     */
    public static long[] weightBytes(Impl impl, BitMask mask) {
        long denseBytes = 4L * mask.rows * mask.cols;
        if (!impl.usesDensity()) return new long[]{denseBytes, 0};
        if (impl == Impl.NM) {
            lottery.kernels.NmMatrix nm = CpuTasks.nmOf(new float[mask.rows * mask.cols], mask);
            if (nm != null) return new long[]{5L * nm.values.length, nm.values.length};
        }
        if (impl == Impl.BSR) {
            lottery.kernels.Bsr bsr = CpuTasks.bsrOf(new float[mask.rows * mask.cols], mask);
            if (bsr != null) {
                long index = 4L * (bsr.blockPtr.length + bsr.blocks());
                return new long[]{index + 4L * bsr.values.length, index};
            }
        }
        if (impl == Impl.SPARSE || impl == Impl.CUDA_SPARSE || impl == Impl.CUSPARSE) {
            long nnz = mask.count();
            long index = 4L * (mask.rows + 1) + 4L * nnz;
            return new long[]{index + 4L * nnz, index};
        }
        return new long[]{denseBytes + mask.bytes(), mask.bytes()};
    }
}
