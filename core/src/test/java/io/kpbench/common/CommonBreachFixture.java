package io.kpbench.common;

/** A deliberate breach (common importing a kpbench layer), for {@code ArchitectureTest} to catch; never run. */
final class CommonBreachFixture {
    static final Class<?> NET = io.kpbench.net.IpAddress.class;

    private CommonBreachFixture() {
    }
}
