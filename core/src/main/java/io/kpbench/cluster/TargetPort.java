package io.kpbench.cluster;

/**
 * A Service port's {@code targetPort}: a number, or the name of a container port resolved through the
 * EndpointSlice's port of the same name.
 *
 * @param number the port number, or 0 when named
 * @param name the port name, or null when numeric
 */
public record TargetPort(int number, String name) {
    /** A numeric target port. */
    public static TargetPort of(int number) {
        return new TargetPort(number, null);
    }

    /** A named target port. */
    public static TargetPort named(String name) {
        return new TargetPort(0, name);
    }

    /** True when the target is a port name. */
    public boolean isNamed() {
        return name != null;
    }

    @Override
    public String toString() {
        return isNamed() ? name : String.valueOf(number);
    }
}
