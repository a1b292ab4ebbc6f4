package io.kpbench.cluster.manifest;

import java.io.IOException;

/**
 * A document broke one of the loader's limits (size, YAML aliases). An {@link IOException} that is not a Jackson
 * exception, so that Jackson's deserializers pass it through unwrapped.
 */
final class InputLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** A limit error at a 1-based line and column, or 0 and 0 when the position is unknown. */
    InputLimitException(String reason, int line, int column) {
        super(reason);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
