package io.kpbench.proxy;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import java.util.function.Function;

/**
 * Everything of a {@code <Mode>DataPlane} but its hot path: a sync runs the mode's {@link ModeCompiler} and then
 * hands its tables to {@link #publish}, which stores them in the subclass's one volatile field; {@link #explain},
 * {@link #endpoint} and {@link #render} read the same tables through this class's own reference and the mode's
 * {@link Explainer}, {@link EndpointNames} and renderer, given once at construction. As kube-proxy's proxiers share
 * {@code syncProxyRules}' outline, the modes share this outline; {@code classify} stays in each subclass, reading
 * its own field of its own table type, so it gains no call and no cast.
 *
 * @param <T> the mode's {@code <Mode>Tables}
 * @param <C> the mode's {@code <Mode>Compiler}
 */
public abstract class PublishingDataPlane<T, C extends ModeCompiler<T>> implements DataPlane {
    /** The mode's compiler, for the subclass's control-path methods. */
    protected final C compiler;
    private final Explainer<T> explainer;
    private final EndpointNames<T> endpoints;
    private final Function<T, String> renderer;
    /** The tables of the last sync, as the subclass's field has them, for the methods off the hot path. */
    private volatile T published;

    /**
     * A data plane whose syncs run {@code compiler}, showing the tables it publishes through {@code explainer},
     * {@code endpoints} and {@code renderer} (the mode's {@code <Mode>Explainer}, endpoint table and
     * {@code <Mode>Renderer}). The subclass's field starts at {@code compiler.tables()}, as this class's does.
     */
    protected PublishingDataPlane(C compiler, Explainer<T> explainer, EndpointNames<T> endpoints,
            Function<T, String> renderer) {
        this.compiler = compiler;
        this.explainer = explainer;
        this.endpoints = endpoints;
        this.renderer = renderer;
        this.published = compiler.tables();
    }

    @Override
    public final SyncStats sync(ClusterSnapshot cluster) {
        SyncStats stats = compiler.sync(cluster);
        publishCompiled();
        return stats;
    }

    @Override
    public final SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        SyncStats stats = compiler.sync(after, changes);
        publishCompiled();
        return stats;
    }

    private void publishCompiled() {
        T tables = compiler.tables();
        publish(tables);
        published = tables;
    }

    /** Stores {@code tables} in the volatile field that classification reads: packets after this see them. */
    protected abstract void publish(T tables);

    @Override
    public final Explanation explain(FiveTuple packet) {
        return explainer.explain(published, packet);
    }

    @Override
    public final String endpoint(int id) {
        return endpoints.text(published, id);
    }

    @Override
    public final String render() {
        return renderer.apply(published);
    }

    /**
     * A mode's tracer: {@link DataPlane#explain} of {@code packet} against {@code tables}.
     *
     * @param <T> the mode's {@code <Mode>Tables}
     */
    @FunctionalInterface
    protected interface Explainer<T> {
        /** Explains a NEW {@code packet} against {@code tables}, following every probabilistic branch. */
        Explanation explain(T tables, FiveTuple packet);
    }

    /**
     * A mode's endpoint names: {@link DataPlane#endpoint} of an id in {@code tables}.
     *
     * @param <T> the mode's {@code <Mode>Tables}
     */
    @FunctionalInterface
    protected interface EndpointNames<T> {
        /** The {@code ip:port} text of endpoint id {@code id} in {@code tables}. */
        String text(T tables, int id);
    }
}
