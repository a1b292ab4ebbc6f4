package io.kpbench.proxy;

/** A deliberate layer breach (proxy reaching up into plan), for {@code ArchitectureTest} to catch; never run. */
final class PlanBreachFixture {
    static final Class<?> UP = io.kpbench.plan.Metric.class;

    private PlanBreachFixture() {
    }
}
