package lottery.nn;

import lottery.engine.Tensor;

import java.util.List;

/** Modules applied in order. */
public final class Sequential extends Module {
    private final Module[] layers;

    public Sequential(Module... layers) {
        this.layers = layers.clone();
        for (Module m : layers) addModule(m);
    }

    @Override public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    public List<Module> layers() { return List.of(layers); }
}
