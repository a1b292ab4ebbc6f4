package io.kpbench.control;

/**
 * Where a {@link KubeProxyLoop} takes its changes from: an endless sequence in arrival order (a seeded
 * {@link ChangeStream}, or a scripted list in tests).
 */
public interface ChangeSource {
    /** The next change; its time is not before the previous one's. */
    TimedChange next();
}
