package io.kpbench.lab;

import java.util.List;
import java.util.Locale;

/** Plain-text lines of a {@link CalibrationFile} and its {@link Projection}s, for the CLI and the bench log. */
public final class CalibrationText {
    private CalibrationText() {
    }

    /** One line per back end (the fit) and per held-out position (predicted against measured). */
    public static String heldOut(CalibrationFile cal) {
        StringBuilder sb = new StringBuilder("calibration (" + cal.name() + "):\n");
        for (Calibration c : cal.backends()) {
            sb.append(String.format(Locale.ROOT, "  %s: fixed %.1f us + %s (R2 %s, n %d)%n", c.backend(),
                    c.fixedNs() / 1000, c.perRuleNs() == null ? "flat (the model's count is the same at every N)"
                            : String.format(Locale.ROOT, "%.2f ns/rule", c.perRuleNs()),
                    Double.isNaN(c.r2()) ? "-" : String.format(Locale.ROOT, "%.3f", c.r2()), c.n()));
            for (Calibration.HeldOut h : cal.heldOut().getOrDefault(c.backend(), List.of())) {
                sb.append(String.format(Locale.ROOT, "    held out N=%d %s (fit on %s): predicted %.1f us, "
                        + "measured %.1f us, error %+.1f%%%n", h.heldOutN(), h.position(), h.fittedOn(),
                        h.predictedNs() / 1000, h.measuredNs() / 1000, h.errorPct()));
            }
        }
        return sb.toString();
    }

    /** One line per projection: back end, N, count, projected latency and its interval in microseconds. */
    public static String projections(List<Projection> ps) {
        StringBuilder sb = new StringBuilder();
        for (Projection p : ps) {
            sb.append(String.format(Locale.ROOT, "  %s N=%d: %.0f ops -> %.1f us (95%% interval %.1f to %.1f us)%n",
                    p.backend(), p.services(), p.ops(), p.prediction().ns() / 1000, p.prediction().lowNs() / 1000,
                    p.prediction().highNs() / 1000));
        }
        return sb.toString();
    }
}
