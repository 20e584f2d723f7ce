package lottery.nn;

import lottery.engine.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network part: its own parameters and child modules (registration order is the stable
 * parameter order), a forward pass on tensors, train/eval mode.
 * A forward result lives in the module's workspace: it stays valid until the next forward
 * with the same batch size.
 */
public abstract class Module {
    private final List<Parameter> own = new ArrayList<>();
    private final List<Module> children = new ArrayList<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor x);

    protected final Parameter addParameter(Parameter p) { own.add(p); return p; }

    protected final <M extends Module> M addModule(M m) { children.add(m); return m; }

    public List<Module> children() { return Collections.unmodifiableList(children); }

    /** All parameters, own first then children's, in registration order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(own);
        for (Module c : children) out.addAll(c.parameters());
        return out;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters()) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named '" + name + "'");
    }

    public boolean isTraining() { return training; }

    public Module train() { setTraining(true); return this; }

    public Module eval() { setTraining(false); return this; }

    private void setTraining(boolean t) {
        training = t;
        for (Module c : children) c.setTraining(t);
    }

    public void zeroGrad() { for (Parameter p : parameters()) p.zeroGrad(); }

    /** Deep copies of every parameter's values, by name, in parameter order. */
    public Map<String, float[]> stateCopy() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters()) out.put(p.name(), p.data().clone());
        return out;
    }

    /**
     * Copies values in for every parameter (each must be present with the right size); masks are
     * untouched and re-applied, so pruned weights stay 0.
     */
    public void loadState(Map<String, float[]> state) {
        for (Parameter p : parameters()) {
            float[] v = state.get(p.name());
            if (v == null) throw new IllegalArgumentException("loadState: no values for parameter '" + p.name() + "'");
            if (v.length != p.size())
                throw new IllegalArgumentException("loadState: '" + p.name() + "' has " + v.length + " values, parameter needs " + p.size());
        }
        for (Parameter p : parameters()) {
            System.arraycopy(state.get(p.name()), 0, p.data(), 0, p.size());
            p.weightsChanged();
        }
    }

    /** Number of parameters and of kept (unpruned) weights. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }
}
