package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.PolicyChains;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.proxy.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything kube-proxy's nftables mode writes for one service port: the affinity sets, the
 * {@code service-}/{@code local-}/{@code external-}/{@code firewall-}/{@code endpoint-} chains and the set and
 * map elements, as the per-service body of {@code syncProxyRules} in {@code pkg/proxy/nftables/proxier.go}
 * computes them.
 *
 * @param name the service port
 * @param affinitySets affinity set name to timeout in seconds, in endpoint order
 * @param chains the chains, each with its rules
 * @param elements the set and map elements
 * @param noLocalInternal iTP=Local with endpoints but none local (the no-local-endpoints metric)
 * @param noLocalExternal eTP=Local with endpoints but none local
 */
public record ServicePortRules(ServicePortName name, Map<String, Integer> affinitySets, List<ChainSpec> chains,
        List<Element> elements, boolean noLocalInternal, boolean noLocalExternal) {

    public static final String REJECT_CHAIN = "reject-chain";
    static final String MARK_MASQ = "jump mark-for-masquerade";

    /** Computes the objects of one service port with its endpoints (of the proxier's family). */
    public static ServicePortRules build(ServicePortEndpoints port, NodeContext ctx) {
        ServicePortInfo svc = port.info();
        ServicePortName spn = svc.name();
        String ipX = ctx.ipX();
        String proto = svc.protocol().lower();
        PolicyChains names = PolicyChains.of(svc, ChainNames.serviceBase(spn), ChainNames.SERVICE,
                ChainNames.LOCAL, ChainNames.EXTERNAL, ChainNames.FIREWALL);
        Topology.Categorized cat = port.categorized();
        boolean hasEndpoints = port.hasEndpoints();
        boolean hasInternal = port.hasInternalEndpoints();
        boolean hasExternal = port.hasExternalEndpoints();
        boolean usesFw = !svc.loadBalancerVIPs().isEmpty() && !svc.loadBalancerSourceRanges().isEmpty();
        String internalVerdict = !hasEndpoints ? "goto " + REJECT_CHAIN : "drop";
        String externalVerdict = internalVerdict;

        Map<String, List<Rule>> chains = new LinkedHashMap<>();
        Map<String, String> epChain = new LinkedHashMap<>();
        Map<String, Integer> sets = new LinkedHashMap<>();
        for (EndpointInfo ep : cat.allReachable()) {
            String epBase = ChainNames.endpointBase(spn, ep);
            epChain.put(ep.toString(), ChainNames.ENDPOINT + epBase);
            chains.put(ChainNames.ENDPOINT + epBase, new ArrayList<>());
            if (svc.clientIPAffinity()) {
                sets.put(ChainNames.AFFINITY + epBase, svc.stickyMaxAgeSeconds());
            }
        }
        if (port.usesClusterPolicyChain()) {
            chains.put(names.cluster(), new ArrayList<>());
        }
        if (port.usesLocalPolicyChain()) {
            chains.put(names.local(), new ArrayList<>());
        }
        if (port.usesExternalChain()) {
            chains.put(names.external(), new ArrayList<>());
        }
        if (usesFw) {
            chains.put(names.firewall(), new ArrayList<>());
        }

        List<Element> el = new ArrayList<>();
        String comment = spn.toString();
        int pn = svc.protocol().number();
        IpAddress cip = svc.clusterIP();
        el.add(new Element("cluster-ips", cip.toString(), null, null, cip, 0, 0));
        if (hasInternal) {
            el.add(concat("service-ips", cip, proto, pn, svc.port(), "goto " + names.internal(), null));
        } else {
            el.add(concat("no-endpoint-services", cip, proto, pn, svc.port(), internalVerdict, comment));
        }
        for (IpAddress eip : svc.externalIPs()) {
            if (hasEndpoints) {
                el.add(concat("service-ips", eip, proto, pn, svc.port(), "goto " + names.external(), null));
            }
            if (!hasExternal) {
                el.add(concat("no-endpoint-services", eip, proto, pn, svc.port(), externalVerdict, comment));
            }
        }
        for (IpAddress lb : svc.loadBalancerVIPs()) {
            if (hasEndpoints) {
                el.add(concat("service-ips", lb, proto, pn, svc.port(), "goto " + names.external(), null));
            }
            if (usesFw) {
                el.add(concat("firewall-ips", lb, proto, pn, svc.port(), "goto " + names.firewall(), null));
            }
        }
        if (!hasExternal) {
            for (IpAddress lb : svc.loadBalancerVIPs()) {
                el.add(concat("no-endpoint-services", lb, proto, pn, svc.port(), externalVerdict, comment));
            }
        }
        if (svc.nodePort() != 0) {
            String key = proto + " . " + svc.nodePort();
            if (hasEndpoints) {
                el.add(new Element("service-nodeports", key, "goto " + names.external(), null, null, pn,
                        svc.nodePort()));
            }
            if (!hasExternal) {
                el.add(new Element("no-endpoint-nodeports", key, externalVerdict, comment, null, pn,
                        svc.nodePort()));
            }
        }

        if (hasInternal && chains.containsKey(names.internal())) {
            if (ctx.node().masqueradeAll()) {
                chains.get(names.internal()).add(Rule.of(ipX + " daddr " + cip + " " + MARK_MASQ,
                        RuleOp.DADDR_EQ, RuleOp.MASQ).withAddr(cip));
            } else if (ctx.podCidr() != null) {
                chains.get(names.internal()).add(Rule.of(ipX + " daddr " + cip + " " + ipX + " saddr != "
                        + ctx.podCidr() + " " + MARK_MASQ, RuleOp.DADDR_EQ_SADDR_NOT_IN, RuleOp.MASQ)
                        .withAddr(cip).withCidrs(List.of(ctx.podCidr())));
            }
        }
        if (port.usesExternalChain()) {
            List<Rule> ext = chains.get(names.external());
            if (!svc.externalPolicyLocal()) {
                ext.add(Rule.of(MARK_MASQ, RuleOp.ALWAYS, RuleOp.MASQ));
            } else {
                if (ctx.podCidr() != null) {
                    ext.add(Rule.of(ipX + " saddr " + ctx.podCidr() + " goto " + names.cluster()
                            + " comment \"short-circuit pod traffic\"", RuleOp.SADDR_IN, RuleOp.GOTO)
                            .withCidrs(List.of(ctx.podCidr())).withTarget(names.cluster()));
                }
                ext.add(Rule.of("fib saddr type local " + MARK_MASQ + " comment \"masquerade local traffic\"",
                        RuleOp.SADDR_LOCAL, RuleOp.MASQ));
                ext.add(Rule.of("fib saddr type local goto " + names.cluster()
                        + " comment \"short-circuit local traffic\"", RuleOp.SADDR_LOCAL, RuleOp.GOTO)
                        .withTarget(names.cluster()));
            }
            if (hasExternal) {
                ext.add(Rule.of("goto " + names.externalPolicy(), RuleOp.ALWAYS, RuleOp.GOTO)
                        .withTarget(names.externalPolicy()));
            }
        }
        if (usesFw) {
            chains.get(names.firewall()).add(firewallRule(svc, ctx));
        }
        if (port.usesClusterPolicyChain()) {
            chains.get(names.cluster()).addAll(endpointRules(svc, cat.cluster(), epChain, ipX));
        }
        if (port.usesLocalPolicyChain()) {
            chains.get(names.local()).addAll(endpointRules(svc, cat.local(), epChain, ipX));
        }
        for (EndpointInfo ep : cat.allReachable()) {
            String chain = epChain.get(ep.toString());
            List<Rule> r = chains.get(chain);
            r.add(Rule.of(ipX + " saddr " + ep.ip() + " " + MARK_MASQ, RuleOp.SADDR_EQ, RuleOp.MASQ)
                    .withAddr(ep.ip()));
            if (svc.clientIPAffinity()) {
                r.add(Rule.of("update @" + ChainNames.AFFINITY + chain.substring(ChainNames.ENDPOINT.length())
                        + " { " + ipX + " saddr }", RuleOp.ALWAYS, RuleOp.UPDATE_AFFINITY));
            }
            r.add(new Rule("meta l4proto " + proto + " dnat to " + ep, RuleOp.of(RuleOp.ALWAYS, RuleOp.DNAT), null,
                    List.of(), ep.ip(), List.of(), ep.port()));
        }

        List<ChainSpec> specs = new ArrayList<>(chains.size());
        for (Map.Entry<String, List<Rule>> c : chains.entrySet()) {
            specs.add(new ChainSpec(c.getKey(), c.getValue()));
        }
        boolean withEndpoints = hasEndpoints;
        return new ServicePortRules(spn, sets, specs, el, withEndpoints && !hasInternal,
                withEndpoints && !hasExternal);
    }

    private static Element concat(String map, IpAddress ip, String proto, int pn, int port, String value,
            String comment) {
        return new Element(map, ip + " . " + proto + " . " + port, value, comment, ip, pn, port);
    }

    private static Rule firewallRule(ServicePortInfo svc, NodeContext ctx) {
        List<Cidr> allowed = new ArrayList<>(svc.loadBalancerSourceRanges());
        StringBuilder sources = new StringBuilder();
        boolean allowFromNode = false;
        for (Cidr c : svc.loadBalancerSourceRanges()) {
            sources.append(sources.length() == 0 ? "" : " , ").append(c);
            allowFromNode |= ctx.nodeIP() != null && c.contains(ctx.nodeIP());
        }
        if (allowFromNode) {
            for (IpAddress lb : svc.loadBalancerVIPs()) {
                sources.append(" , ").append(lb);
                allowed.add(Cidr.host(lb));
            }
        }
        return Rule.of(ctx.ipX() + " saddr != { " + sources + " } drop", RuleOp.SADDR_NOT_IN, RuleOp.DROP)
                .withCidrs(allowed);
    }

    private static List<Rule> endpointRules(ServicePortInfo svc, List<EndpointInfo> eps, Map<String, String> epChain,
            String ipX) {
        List<Rule> out = new ArrayList<>();
        if (svc.clientIPAffinity()) {
            for (EndpointInfo ep : eps) {
                String chain = epChain.get(ep.toString());
                String set = ChainNames.AFFINITY + chain.substring(ChainNames.ENDPOINT.length());
                out.add(Rule.of(ipX + " saddr @" + set + " goto " + chain, RuleOp.SADDR_IN_AFFINITY, RuleOp.GOTO)
                        .withTarget(chain));
            }
        }
        StringBuilder vmap = new StringBuilder("numgen random mod ").append(eps.size()).append(" vmap { ");
        List<String> targets = new ArrayList<>(eps.size());
        for (int i = 0; i < eps.size(); i++) {
            String chain = epChain.get(eps.get(i).toString());
            targets.add(chain);
            vmap.append(i == 0 ? "" : " , ").append(i).append(" : goto ").append(chain);
        }
        vmap.append(" }");
        out.add(new Rule(vmap.toString(), RuleOp.of(RuleOp.ALWAYS, RuleOp.NUMGEN), null, targets, null, List.of(), 0));
        return out;
    }
}
