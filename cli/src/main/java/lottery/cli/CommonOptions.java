package lottery.cli;

import lottery.engine.ComputeDevice;
import lottery.engine.Device;
import lottery.kernels.Threads;
import picocli.CommandLine.Option;

/** Options every command takes: seed, device and threads. */
public final class CommonOptions {
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    public String device;

    @Option(names = "--threads", description = "Worker threads for the kernels (default: all cores).")
    public Integer threads;

    /**
     * Applies --threads and --device (the device that runs the layers' products); call at the start of a
     * command. --device cuda without a usable GPU fails with "CUDA backend unavailable: reason".
     */
    public void apply() {
        if (threads != null) {
            if (threads < 1) throw new UsageException("--threads must be >= 1, got " + threads);
            Threads.set(threads);
        }
        if (!device.equals("cpu") && !device.equals("cuda"))
            throw new UsageException("--device must be cpu or cuda, got '" + device + "'");
        ComputeDevice.select(device.equals("cuda") ? Device.CUDA : Device.CPU);
    }
}
