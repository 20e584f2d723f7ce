package lottery.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The GEMM floor of a training step for stacked linear layers: the forward, backward-data and
 * backward-weights products of every layer done by OpenBLAS, timed together as one task (summed).
 * The first layer has no backward-data product: its input needs no gradient.
 */
public final class GemmFloor implements AutoCloseable {
    private final List<Operands> operands = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();

    /** layers: {out, in} pairs from input to output. */
    public GemmFloor(int[][] layers, int batch, long seed) {
        OpenBlas.require();
        for (int l = 0; l < layers.length; l++) {
            for (Op op : Op.LAYER) {
                if (l == 0 && op == Op.BACKWARD_DATA) continue;
                Operands ops = new Operands(GemmShape.of("layer" + l, op, layers[l][0], layers[l][1], batch, batch), null, seed + l);
                operands.add(ops);
                tasks.add(CpuTasks.create(Impl.OPENBLAS, ops, null));
            }
        }
    }

    /** All products once, as one task. */
    public Task task() {
        return new Task() {
            @Override public Impl impl() { return Impl.OPENBLAS; }
            @Override public double density() { return 1.0; }
            @Override public void run() { for (Task t : tasks) t.run(); }
            @Override public float probe() { return tasks.get(0).probe(); }
            @Override public float[] result() { return tasks.get(tasks.size() - 1).result(); }
        };
    }

    public int products() { return tasks.size(); }

    @Override public void close() { for (Operands o : operands) o.close(); }
}
