package io.kpbench.reports.compare;

/** The colour of each verdict, the same in the plots and the HTML table. */
final class CompareColors {
    private CompareColors() {
    }

    /** {@code #rrggbb} of a verdict. */
    static String of(Comparison.Flag f) {
        return switch (f) {
            case IMPROVED -> "#1b7a1b";
            case REGRESSED -> "#b00020";
            case INCONCLUSIVE -> "#c98a00";
            default -> "#7f7f7f";
        };
    }
}
