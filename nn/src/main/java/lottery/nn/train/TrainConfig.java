package lottery.nn.train;

import lottery.nn.optim.Schedule;

/**
 * Hyperparameters of one training run. {@link #paperLenet()} is the lottery-ticket LeNet-300-100
 * setup: Adam, lr 1.2e-3, batch 60, 50K iterations, evaluation every 100 iterations.
 */
public record TrainConfig(int iterations, int batch, String optimizer, double lr, double momentum, boolean nesterov,
                          double weightDecay, Schedule schedule, int evalEvery, long seed) {
    public TrainConfig {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd"))
            throw new IllegalArgumentException("optimizer must be adam or sgd, got '" + optimizer + "'");
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov needs momentum > 0");
        if (evalEvery < 1) throw new IllegalArgumentException("eval-every must be >= 1, got " + evalEvery);
        if (schedule == null) schedule = Schedule.constant();
    }

    public static TrainConfig paperLenet() {
        return new TrainConfig(50_000, 60, "adam", 1.2e-3, 0, false, 0, Schedule.constant(), 100, 0);
    }

    public TrainConfig withIterations(int n) {
        return new TrainConfig(n, batch, optimizer, lr, momentum, nesterov, weightDecay, schedule, evalEvery, seed);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(iterations, batch, optimizer, lr, momentum, nesterov, weightDecay, schedule, evalEvery, s);
    }

    public TrainConfig withEvalEvery(int n) {
        return new TrainConfig(iterations, batch, optimizer, lr, momentum, nesterov, weightDecay, schedule, n, seed);
    }
}
