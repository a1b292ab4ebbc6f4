package io.kpbench.proxy.nftables;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PublishingDataPlane;
import java.util.List;

/**
 * kube-proxy's nftables mode for one node and one IP family, the seam only: {@link NftablesCompiler} turns the
 * cluster into {@link NftablesTables}, published through one volatile reference; {@link NftablesClassifier} looks
 * packets up in its verdict maps, {@link NftablesExplainer} traces them and {@link NftablesRenderer} prints the
 * table. Classification is O(1) in the number of services and endpoints: about 15-25 rules and map lookups per
 * packet (see {@code package-info}). Sync must not overlap classify.
 */
public final class NftablesDataPlane extends PublishingDataPlane<NftablesTables, NftablesCompiler> {
    private volatile NftablesTables tables;

    /** An empty data plane of {@code family} on {@code node}. */
    public NftablesDataPlane(NodeConfig node, IpFamily family) {
        this(new NftablesCompiler(node, family));
    }

    private NftablesDataPlane(NftablesCompiler compiler) {
        super(compiler, (t, packet) -> NftablesExplainer.explain(t, compiler.family(), packet),
                NftablesTables::endpointText, t -> compiler.render());
        this.tables = compiler.tables();
    }

    @Override
    protected void publish(NftablesTables published) {
        tables = published;
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        return NftablesClassifier.classify(tables, packet, nowNanos, random);
    }

    /** The lines of the last sync's {@code nft -f} transaction. */
    public List<String> lastTransaction() {
        return compiler.lastTransaction();
    }
}
