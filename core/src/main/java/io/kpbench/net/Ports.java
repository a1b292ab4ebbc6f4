package io.kpbench.net;

/**
 * Port-number rules shared by the model and the parsers: a port is an int in 1..65535.
 */
public final class Ports {
    /** The lowest valid port. */
    public static final int MIN = 1;
    /** The highest valid port. */
    public static final int MAX = 65535;

    private Ports() {
    }

    /** True when {@code port} is in 1..65535. */
    public static boolean valid(int port) {
        return port >= MIN && port <= MAX;
    }

    /** A closed range of ports, such as kube-apiserver's {@code --service-node-port-range}. */
    public record Range(int first, int last) {
        /** The API server's default node-port range, 30000-32767. */
        public static final Range DEFAULT_NODE_PORTS = new Range(30000, 32767);

        /** Validates the bounds. */
        public Range {
            if (!valid(first) || !valid(last) || first > last) {
                throw new IllegalArgumentException("port range " + first + "-" + last
                        + " is not within 1-65535 with first <= last");
            }
        }

        /** True when {@code port} lies inside the range. */
        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        /** The number of ports in the range. */
        public int size() {
            return last - first + 1;
        }

        /** Parses {@code A-B}; throws {@link IllegalArgumentException} with a one-line reason. */
        public static Range parse(String s) {
            String t = s == null ? "" : s.trim();
            int dash = t.indexOf('-');
            if (dash <= 0 || dash == t.length() - 1) {
                throw new IllegalArgumentException("port range '" + s + "' is not of the form A-B");
            }
            try {
                return new Range(Integer.parseInt(t.substring(0, dash).trim()),
                        Integer.parseInt(t.substring(dash + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port range '" + s + "' is not of the form A-B");
            }
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }
}
