package lottery.pruning;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        int k = rewind.iteration(networks.iterationsPerEpoch());
        if (k > config.iterations())
            throw new IllegalArgumentException("--rewind " + rewind + " is iteration " + k + ", past the end of training (--iterations " + config.iterations() + ")");
    }

    /** Runs (or resumes) every level of every replicate and arm; returns all results in the store. */
    public List<LevelResult> run() throws IOException {
        List<Arm> controls = config.arms().subList(1, config.arms().size());
        int total = config.replicates() * (1 + config.levels() * (1 + controls.size()));
        listener.started(total, countFinished(controls));
        for (int r = 0; r < config.replicates(); r++) {
            for (int level = 0; level <= config.levels(); level++) {
                ticket(r, level);
                if (level > 0) for (Arm arm : controls) control(arm, r, level);
            }
        }
        return store.results();
    }

    /** Finished levels, each checked to read back whole (a damaged one is reported here and recomputed later). */
    private int countFinished(List<Arm> controls) {
        int n = 0;
        for (int r = 0; r < config.replicates(); r++)
            for (int level = 0; level <= config.levels(); level++) {
                if (store.finished(Arm.TICKET, r, level, listener::warning).isPresent()) n++;
                if (level > 0) for (Arm arm : controls) if (store.finished(arm, r, level, listener::warning).isPresent()) n++;
            }
        return n;
    }

    private long initSeed(int replicate) { return Seeds.derive(config.seed(), "init", replicate); }

    private long dataSeed(Arm arm, int replicate, int level) { return Seeds.derive(config.seed(), "data", arm.id(), replicate, level); }

    private void ticket(int r, int level) throws IOException {
        Optional<LevelResult> done = store.finished(Arm.TICKET, r, level, listener::warning);
        if (done.isPresent() && level == 0 && !rewindPointsReadable(r)) done = Optional.empty();
        if (done.isPresent()) { listener.levelFinished(done.get(), true); return; }

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
        Masks masks = strategy.prune(previous, trained, Seeds.derive(config.seed(), "prune", r, level));
        net.load(rewindPoint(r, trained));
        train(Arm.TICKET, r, level, net, masks, -1, resumeStep(), rewoundDataSeed(Arm.TICKET, r, level));
    }

    private void control(Arm arm, int r, int level) throws IOException {
        Optional<LevelResult> done = store.finished(arm, r, level, listener::warning);
        if (done.isPresent()) { listener.levelFinished(done.get(), true); return; }

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
        TrainOutcome outcome = net.train(dataSeed, resumeAt, new TrainHooks() {
            @Override public void onStep(int iteration) { listener.step(iteration); }
            @Override public int snapshotAt() { return snapshotAt; }
            @Override public void onSnapshot(Map<String, float[]> state) {
                try {
                    TensorFiles.writeWeights(store.thetaKFile(r), state, net.shapes(), net.metadata());
                    snapshotTaken[0] = true;
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) throw failure[0];
        if (snapshotAt > 0 && !snapshotTaken[0])
            throw new IllegalStateException("training never reached iteration " + snapshotAt + " to take θk");
        double wall = (System.nanoTime() - start) / 1e9;
        LevelResult result = new LevelResult(arm.id(), r, level, masks.weightsRemaining(), masks.density(),
                outcome.earlyStopIteration(), outcome.earlyStopTestAccuracy(), outcome.finalTestAccuracy(),
                outcome.valLoss(), wall, masks.remainingPerLayer());
        store.writeLevel(arm, r, level, masks, net.state(), net.shapes(), net.metadata(), outcome, result);
        store.writeSummary();
        listener.levelFinished(result, false);
    }

    private static Map<String, int[]> prunableShapes(Network net) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String name : net.prunable()) shapes.put(name, net.shapes().get(name));
        return shapes;
    }
}
