package io.kpbench.proxy.userspace;

/** A deliberate breach (one mode importing another), for {@code ArchitectureTest} to catch; never run. */
final class ModeBreachFixture {
    static final Class<?> OTHER_MODE = io.kpbench.proxy.ebpf.EbpfDataPlane.class;

    private ModeBreachFixture() {
    }
}
