package io.kpbench.cluster;

/** A deliberate layer breach (cluster reaching up into cli), for {@code ArchitectureTest} to catch; never run. */
final class LayerBreachFixture {
    static final Class<?> UP = io.kpbench.cli.Main.class;

    private LayerBreachFixture() {
    }
}
