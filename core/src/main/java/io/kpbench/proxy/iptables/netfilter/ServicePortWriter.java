package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.PolicyChains;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.Topology;
import java.util.List;

/**
 * Writes the rules of one service port, the body of kube-proxy's {@code syncProxyRules} loop
 * ({@code pkg/proxy/iptables/proxier.go}): KUBE-SERVICES, KUBE-NODEPORTS and filter rules always, and the
 * SVC/SVL/EXT/FW/SEP chains into the service buffers of {@link RestoreBuffers} (text, or in a sync a
 * {@link RuleSegment} per port), or into discarding buffers when a partial sync skips an unchanged service.
 */
final class ServicePortWriter {
    static final String MARK_MASQ = "KUBE-MARK-MASQ";
    private static final String[] PROBABILITIES = new String[4096];

    private final ProxierSettings cfg;
    private final boolean largeClusterMode;

    ServicePortWriter(ProxierSettings cfg, boolean largeClusterMode) {
        this.cfg = cfg;
        this.largeClusterMode = largeClusterMode;
    }

    void write(ServicePortEndpoints servicePort, RestoreBuffers out, boolean emitChains) {
        ServicePortInfo svc = servicePort.info();
        List<EndpointInfo> endpoints = servicePort.endpoints();
        String proto = svc.protocol().lower();
        String name = svc.name().toString();
        PolicyChains names = PolicyChains.of(svc, ChainNames.portProtoHash(name, proto), ChainNames.SVC,
                ChainNames.SVL, ChainNames.EXT, ChainNames.FW);
        Topology.Categorized cat = servicePort.categorized();
        boolean hasEndpoints = servicePort.hasEndpoints();
        boolean hasInternal = servicePort.hasInternalEndpoints();
        boolean hasExternal = servicePort.hasExternalEndpoints();
        boolean usesFwChain = hasEndpoints && !svc.loadBalancerVIPs().isEmpty()
                && !svc.loadBalancerSourceRanges().isEmpty();
        String lbChain = usesFwChain ? names.firewall() : names.external();
        String internalTarget = !hasEndpoints ? "REJECT" : "DROP";
        String internalComment = name + (!hasEndpoints ? " has no endpoints" : " has no local endpoints");
        String externalTarget = internalTarget;
        String externalComment = internalComment;
        String port = Integer.toString(svc.port());
        String clusterIP = svc.clusterIP().toString();

        if (hasInternal) {
            out.natRules.write(RuleLine.append("KUBE-SERVICES").comment(name + " cluster IP").proto(proto)
                    .a("-d", clusterIP, "--dport", port).jump(names.internal()).toString());
        } else {
            out.filterRules.write(RuleLine.append("KUBE-SERVICES").comment(internalComment).proto(proto)
                    .a("-d", clusterIP, "--dport", port).jump(internalTarget).toString());
        }
        for (IpAddress ip : svc.externalIPs()) {
            if (hasEndpoints) {
                out.natRules.write(RuleLine.append("KUBE-SERVICES").comment(name + " external IP").proto(proto)
                        .a("-d", ip.toString(), "--dport", port).jump(names.external()).toString());
            }
            if (!hasExternal) {
                out.filterRules.write(RuleLine.append("KUBE-EXTERNAL-SERVICES").comment(externalComment)
                        .proto(proto).a("-d", ip.toString(), "--dport", port).jump(externalTarget).toString());
            }
        }
        for (IpAddress ip : svc.loadBalancerVIPs()) {
            if (hasEndpoints) {
                out.natRules.write(RuleLine.append("KUBE-SERVICES").comment(name + " loadbalancer IP")
                        .proto(proto).a("-d", ip.toString(), "--dport", port).jump(lbChain).toString());
            }
            if (usesFwChain) {
                out.filterRules.write(RuleLine.append("KUBE-PROXY-FIREWALL")
                        .comment(name + " traffic not accepted by " + names.firewall()).proto(proto)
                        .a("-d", ip.toString(), "--dport", port).jump("DROP").toString());
            }
        }
        if (!hasExternal) {
            for (IpAddress ip : svc.loadBalancerVIPs()) {
                out.filterRules.write(RuleLine.append("KUBE-EXTERNAL-SERVICES").comment(externalComment)
                        .proto(proto).a("-d", ip.toString(), "--dport", port).jump(externalTarget).toString());
            }
        }
        if (svc.nodePort() != 0) {
            String np = Integer.toString(svc.nodePort());
            if (hasEndpoints) {
                if (cfg.localhostNodePorts) {
                    out.natRules.write(RuleLine.append("KUBE-NODEPORTS").comment(name).proto(proto)
                            .a("-d", "127.0.0.0/8", "--dport", np)
                            .a("-m", "nfacct", "--nfacct-name", "localhost_nps_accepted_pkts").jump(names.external())
                            .toString());
                }
                out.natRules.write(RuleLine.append("KUBE-NODEPORTS").comment(name).proto(proto)
                        .a("--dport", np).jump(names.external()).toString());
            }
            if (!hasExternal) {
                out.filterRules.write(RuleLine.append("KUBE-EXTERNAL-SERVICES").comment(externalComment)
                        .a("-m", "addrtype", "--dst-type", "LOCAL").proto(proto).a("--dport", np)
                        .jump(externalTarget).toString());
            }
        }
        if (svc.healthCheckNodePort() != 0) {
            out.filterRules.write(RuleLine.append("KUBE-NODEPORTS").comment(name + " health check node port")
                    .proto("tcp").a("--dport", Integer.toString(svc.healthCheckNodePort())).jump("ACCEPT")
                    .toString());
        }

        LineBuffer natChains = emitChains ? out.natServiceChains : out.skippedNatChains;
        LineBuffer natRules = emitChains ? out.natServiceRules : out.skippedNatRules;
        RuleSegment segment = null;
        if (emitChains && out.compiles()) {
            segment = new RuleSegment(new ServicePortSource(cfg, largeClusterMode, servicePort));
            natRules.into(segment);
        }
        SepNames seps = new SepNames(name, proto);
        if (hasInternal) {
            RuleLine masq = RuleLine.append(names.internal()).comment(name + " cluster IP").proto(proto)
                    .a("-d", clusterIP, "--dport", port);
            if (cfg.node.masqueradeAll()) {
                natRules.write(masq.jump(MARK_MASQ));
            } else if (cfg.localCidr != null) {
                natRules.write(masq.a(cfg.ifNotLocal()).jump(MARK_MASQ));
            }
        }
        if (servicePort.usesExternalChain()) {
            natChains.writeChain(names.external());
            out.activeNatChains.add(names.external());
            if (!svc.externalPolicyLocal()) {
                natRules.write(RuleLine.append(names.external())
                        .comment("masquerade traffic for " + name + " external destinations").jump(MARK_MASQ)
                        );
            } else {
                if (cfg.localCidr != null) {
                    natRules.write(RuleLine.append(names.external())
                            .comment("pod traffic for " + name + " external destinations").a(cfg.ifLocal())
                            .jump(names.cluster()));
                }
                natRules.write(RuleLine.append(names.external())
                        .comment("masquerade LOCAL traffic for " + name + " external destinations")
                        .a("-m", "addrtype", "--src-type", "LOCAL").jump(MARK_MASQ));
                natRules.write(RuleLine.append(names.external())
                        .comment("route LOCAL traffic for " + name + " external destinations")
                        .a("-m", "addrtype", "--src-type", "LOCAL").jump(names.cluster()));
            }
            if (hasExternal) {
                natRules.write(RuleLine.append(names.external()).jump(names.externalPolicy()));
            }
        }
        if (usesFwChain) {
            natChains.writeChain(names.firewall());
            out.activeNatChains.add(names.firewall());
            boolean allowFromNode = false;
            for (Cidr c : svc.loadBalancerSourceRanges()) {
                natRules.write(RuleLine.append(names.firewall()).comment(name + " loadbalancer IP")
                        .a("-s", c.toString()).jump(names.external()));
                allowFromNode |= cfg.nodeIP != null && c.contains(cfg.nodeIP);
            }
            if (allowFromNode) {
                for (IpAddress ip : svc.loadBalancerVIPs()) {
                    natRules.write(RuleLine.append(names.firewall()).comment(name + " loadbalancer IP")
                            .a("-s", ip.toString()).jump(names.external()));
                }
            }
            natRules.write(RuleLine.append(names.firewall())
                    .comment("other traffic to " + name + " will be dropped by KUBE-PROXY-FIREWALL"));
        }
        if (servicePort.usesClusterPolicyChain()) {
            natChains.writeChain(names.cluster());
            out.activeNatChains.add(names.cluster());
            writeServiceToEndpointRules(natRules, name, seps, svc, names.cluster(), cat.cluster());
        }
        if (servicePort.usesLocalPolicyChain()) {
            natChains.writeChain(names.local());
            out.activeNatChains.add(names.local());
            writeServiceToEndpointRules(natRules, name, seps, svc, names.local(), cat.local());
        }
        for (EndpointInfo ep : cat.allReachable()) {
            String sep = seps.of(ep);
            natChains.writeChain(sep);
            out.activeNatChains.add(sep);
            natRules.write(serviceComment(RuleLine.append(sep), name).a("-s", ep.ip().toString())
                    .jump(MARK_MASQ));
            RuleLine dnat = serviceComment(RuleLine.append(sep), name);
            if (svc.clientIPAffinity()) {
                dnat.a("-m", "recent", "--name", sep, "--set");
            }
            natRules.write(dnat.proto(proto).a("-j", "DNAT", "--to-destination", seps.text(ep)));
        }
        if (segment != null) {
            out.segments.add(segment.finish());
        }
    }

    private void writeServiceToEndpointRules(LineBuffer natRules, String name, SepNames seps, ServicePortInfo svc,
            String chain, List<EndpointInfo> endpoints) {
        if (svc.clientIPAffinity()) {
            for (EndpointInfo ep : endpoints) {
                String sep = seps.of(ep);
                natRules.write(serviceComment(RuleLine.append(chain), name + " -> " + seps.text(ep))
                        .a("-m", "recent", "--name", sep, "--rcheck", "--seconds",
                                Integer.toString(svc.stickyMaxAgeSeconds()), "--reap")
                        .jump(sep));
            }
        }
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            EndpointInfo ep = endpoints.get(i);
            RuleLine line = serviceComment(RuleLine.append(chain), name + " -> " + seps.text(ep));
            if (i < n - 1) {
                line.a("-m", "statistic", "--mode", "random", "--probability", probability(n - i));
            }
            natRules.write(line.jump(seps.of(ep)));
        }
    }

    private RuleLine serviceComment(RuleLine line, String comment) {
        return largeClusterMode ? line : line.comment(comment);
    }

    /** {@code 1/n} printed as Go's {@code %0.10f} (cached for small n; strings are safe to publish racily). */
    static String probability(int n) {
        if (n < PROBABILITIES.length) {
            String p = PROBABILITIES[n];
            if (p == null) {
                p = formatProbability(n);
                PROBABILITIES[n] = p;
            }
            return p;
        }
        return formatProbability(n);
    }

    private static String formatProbability(int n) {
        return new java.math.BigDecimal(1.0 / n).setScale(10, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
