package lottery.pruning;

import lottery.nn.train.DivergedException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Iterative magnitude pruning with rewinding, the level loop of the lottery-ticket experiment.
 * For each replicate r:
 * <ol>
 * <li>Level 0: create the network from its init seed, store θ0 (a deep copy, before any
 *     training), train the dense network, storing θk after step k when rewinding late.</li>
 * <li>Level L ≥ 1 (ticket arm): prune the level-(L-1) trained weights under the level-(L-1)
 *     masks ({@link PruningStrategy}), reset the survivors to the rewind point (θ0, θk, or the
 *     trained weights for {@code none}), train with a fresh optimizer, store the level. From θk,
 *     training resumes at step k and runs to T on the global clock, with the data order of the
 *     level-0 run that produced θk, as if that run had never stopped (Frankle et al. 2020).</li>
 * <li>Then the controls at level L, each reusing the ticket's level-L masks ({@link Arm}).</li>
 * </ol>
 * Every random choice is seeded by {@link Seeds#derive} from (seed, purpose, arm, replicate,
 * level), and every input of level L is read back from the store, so an interrupted run resumes
 * at its first unfinished level and computes the same numbers; finished levels are not redone.
 * The same fact makes the experiment a graph of independent trainings ({@link LevelTask}): an
 * executor may run replicates, and the controls of level L next to the ticket of level L+1, side
 * by side ({@link LocalExecutor}) or as cluster jobs, with the same results. Which task runs
 * where, resuming, and leases are the business of {@link StoreTasks}; this class only computes a level.
 */
public final class Imp {
    private final ExperimentConfig config;
    private final NetworkFactory networks;
    private final ExperimentStore store;
    private final ImpListener listener;
    private final PruningStrategy strategy;
    private final Rewind rewind;

    public Imp(ExperimentConfig config, NetworkFactory networks, ExperimentStore store, ImpListener listener) {
        this.config = config;
        this.networks = networks;
        this.store = store;
        this.listener = listener;
        this.strategy = config.pruningStrategy();
        this.rewind = config.rewindPoint();
        checkRewind(config, networks.iterationsPerEpoch());
    }

    /** An IllegalArgumentException when {@code --rewind} lies past the end of training (or beyond any iteration count). */
    public static void checkRewind(ExperimentConfig config, int iterationsPerEpoch) {
        Rewind rewind = config.rewindPoint();
        long k = rewind.kind() == Rewind.Kind.STEP ? (long) rewind.amount() * (rewind.inEpochs() ? iterationsPerEpoch : 1) : -1;
        if (k > Integer.MAX_VALUE)
            throw new IllegalArgumentException("--rewind " + rewind + " is iteration " + k + ", beyond the largest iteration count, "
                    + Integer.MAX_VALUE);
        if (k > config.iterations())
            throw new IllegalArgumentException("--rewind " + rewind + " is iteration " + k + ", past the end of training (--iterations "
                    + config.iterations() + ")");
    }

    /** Runs (or resumes) every level of every replicate and arm, one after another; returns all results in the store. */
    public List<LevelResult> run() throws IOException { return run(LocalExecutor.SEQUENTIAL); }

    /** The same on {@code executor}'s workers; the results do not depend on how many there are. */
    public List<LevelResult> run(LocalExecutor executor) throws IOException {
        announce();
        executor.run(graph());
        return store.results();
    }

    /** Tells the listener how many trainings the experiment has and how many are already finished. */
    public void announce() { listener.started(tasks().size(), countFinished()); }

    /** The experiment as a graph of trainings, each run at most once across every process sharing the store. */
    public TaskGraph graph() { return new StoreTasks(this, store, listener).graph(); }

    /** Runs only {@code task} (waiting while another process trains it); the tasks it needs must be finished. */
    public void runOne(LevelTask task) throws IOException { new StoreTasks(this, store, listener).runOne(task, 2000); }

    /** Every training of the experiment, in sequential order. */
    public List<LevelTask> tasks() { return LevelTask.all(config); }

    /** Finished levels, each checked to read back whole (a damaged one is reported here and recomputed later). */
    private int countFinished() {
        int n = 0;
        for (LevelTask t : tasks()) if (finished(t).isPresent()) n++;
        return n;
    }

    /** The result of {@code t} if it is in the store and whole (for ticket level 0, with its rewind points). */
    public Optional<LevelResult> finished(LevelTask t) {
        Optional<LevelResult> done = store.finished(t.arm(), t.replicate(), t.level(), listener::warning);
        if (done.isPresent() && t.arm() == Arm.TICKET && t.level() == 0 && !rewindPointsReadable(t.replicate())) return Optional.empty();
        return done;
    }

    /** Trains {@code t} from its inputs in the store and writes its level (whether or not it was there). */
    public void compute(LevelTask t) throws IOException {
        if (t.arm() == Arm.TICKET) ticket(t.replicate(), t.level());
        else control(t.arm(), t.replicate(), t.level());
    }

    private long initSeed(int replicate) { return Seeds.derive(config.seed(), "init", replicate); }

    private long dataSeed(Arm arm, int replicate, int level) { return Seeds.derive(config.seed(), "data", arm.id(), replicate, level); }

    private void ticket(int r, int level) throws IOException {
        Network net = networks.create(initSeed(r));
        if (level == 0) {
            Map<String, float[]> theta0 = net.state();                   // deep copy, before any training
            TensorFiles.writeWeights(store.theta0File(r), theta0, net.shapes(), net.metadata());
            Masks dense = Masks.dense(prunableShapes(net));
            train(Arm.TICKET, r, 0, net, dense, rewind.iteration(networks.iterationsPerEpoch()), 0, dataSeed(Arm.TICKET, r, 0));
            return;
        }
        Masks previous = store.readMasks(Arm.TICKET, r, level - 1);
        Map<String, float[]> trained = store.readWeights(Arm.TICKET, r, level - 1);
        Masks masks = strategy.prune(previous, trained, Seeds.derive(config.seed(), "prune", r, level), level);
        net.load(rewindPoint(r, trained));
        train(Arm.TICKET, r, level, net, masks, -1, resumeStep(), rewoundDataSeed(Arm.TICKET, r, level));
    }

    private void control(Arm arm, int r, int level) throws IOException {
        Masks ticketMasks = store.readMasks(Arm.TICKET, r, level);
        Map<String, float[]> previous = store.readWeights(Arm.TICKET, r, level - 1);
        Network net;
        Masks masks = ticketMasks;
        int start = 0;
        switch (arm) {
            case REINIT -> net = networks.create(Seeds.derive(config.seed(), "reinit", r, level));
            case RANDOM -> {
                net = networks.create(initSeed(r));
                net.load(rewindPoint(r, previous));
                masks = RandomPruning.like(ticketMasks, Seeds.derive(config.seed(), "random-mask", r, level));
                start = resumeStep();
            }
            case FINETUNE -> {
                net = networks.create(initSeed(r));
                net.load(previous);
            }
            default -> throw new IllegalStateException("not a control arm: " + arm);
        }
        train(arm, r, level, net, masks, -1, start, start > 0 ? rewoundDataSeed(arm, r, level) : dataSeed(arm, r, level));
    }

    /** The step a rewound level resumes at: k when rewinding to θk, else 0. */
    private int resumeStep() { return Math.max(0, rewind.iteration(networks.iterationsPerEpoch())); }

    /** Resuming at θk continues the data order of the level-0 run that produced θk; other rewinds draw their own. */
    private long rewoundDataSeed(Arm arm, int r, int level) {
        return rewind.kind() == Rewind.Kind.STEP ? dataSeed(Arm.TICKET, r, 0) : dataSeed(arm, r, level);
    }

    /** θ0, θk or the previous level's trained weights, as {@code --rewind} says. */
    private Map<String, float[]> rewindPoint(int r, Map<String, float[]> trained) throws IOException {
        return switch (rewind.kind()) {
            case INIT -> TensorFiles.readWeights(store.theta0File(r));
            case STEP -> TensorFiles.readWeights(store.thetaKFile(r));
            case NONE -> trained;
        };
    }

    private boolean rewindPointsReadable(int r) {
        try {
            TensorFiles.readWeights(store.theta0File(r));
            if (rewind.kind() == Rewind.Kind.STEP) TensorFiles.readWeights(store.thetaKFile(r));
            return true;
        } catch (IOException e) {
            listener.warning("the rewind point of replicate " + r + " is damaged (" + e.getMessage() + "); recomputing level 0");
            return false;
        }
    }

    private void train(Arm arm, int r, int level, Network net, Masks masks, int snapshotAt, int resumeAt, long dataSeed)
            throws IOException {
        net.setMasks(masks);
        listener.levelStarted(arm, r, level, masks.weightsRemaining(), config.iterations());
        long start = System.nanoTime();
        IOException[] failure = new IOException[1];
        boolean[] snapshotTaken = new boolean[1];
        LevelTask task = new LevelTask(arm, r, level);
        TrainHooks hooks = new TrainHooks() {
            @Override public void onStep(int iteration) {
                // the run failed elsewhere, or this process lost the level's lease
                if (Thread.currentThread().isInterrupted()) throw new CancellationException(task + " stopped");
                listener.step(task, iteration);
            }
            @Override public int snapshotAt() { return snapshotAt; }
            @Override public void onSnapshot(Map<String, float[]> state) {
                try {
                    TensorFiles.writeWeights(store.thetaKFile(r), state, net.shapes(), net.metadata());
                    snapshotTaken[0] = true;
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        };
        TrainOutcome outcome;
        try {
            outcome = net.train(dataSeed, resumeAt, hooks);
        } catch (DivergedException e) {   // names the level: with --jobs N several levels train at once
            throw new IllegalStateException(String.format(Locale.ROOT, "%s rep %d level %d: %s; nothing of this level was stored",
                    arm.id(), r, level, e.getMessage()), e);
        }
        if (failure[0] != null) throw failure[0];
        if (snapshotAt > 0 && !snapshotTaken[0])
            throw new IllegalStateException("training never reached iteration " + snapshotAt + " to take θk");
        double wall = (System.nanoTime() - start) / 1e9;
        LevelResult result = new LevelResult(arm.id(), r, level, masks.weightsRemaining(), masks.density(),
                outcome.earlyStopIteration(), outcome.earlyStopTestAccuracy(), outcome.finalTestAccuracy(),
                outcome.valLoss(), wall, masks.remainingPerLayer());
        store.writeLevel(arm, r, level, masks, net.state(), net.shapes(), net.metadata(), outcome, result);
        listener.levelFinished(result, false);
    }

    private static Map<String, int[]> prunableShapes(Network net) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String name : net.prunable()) shapes.put(name, net.shapes().get(name));
        return shapes;
    }
}
