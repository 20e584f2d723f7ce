package lottery.bench;

/** Receives progress of a long benchmark in abstract work units (estimated milliseconds). */
public interface Progress {
    void start(long totalUnits);

    void advance(long units, String what);

    Progress NONE = new Progress() {
        @Override public void start(long totalUnits) {}
        @Override public void advance(long units, String what) {}
    };
}
