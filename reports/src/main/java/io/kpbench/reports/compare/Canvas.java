package io.kpbench.reports.compare;

/**
 * The few drawing operations a {@link RatioPlot} needs, in pixels from the top left, so that one layout is drawn as
 * SVG text ({@link SvgCanvas}) and as a PNG ({@link PngCanvas}) alike. Colours are {@code #rrggbb}.
 */
interface Canvas {
    /** Where a text's anchor point sits along it. */
    enum Anchor {
        /** At the text's start. */
        START,
        /** At its middle. */
        MIDDLE,
        /** At its end. */
        END
    }

    /** A straight line. */
    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

    /** A filled circle. */
    void dot(double cx, double cy, double r, String color);

    /** A filled rectangle. */
    void rect(double x, double y, double w, double h, String color);

    /** Text with its baseline through (x, y); {@code vertical} reads bottom to top. */
    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, String color);
}
