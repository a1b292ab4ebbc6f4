package io.kpbench.reports.compare;

import io.kpbench.reports.html.Html;
import java.util.Locale;

/** A {@link Canvas} that writes standalone SVG 1.1 text. */
final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(int width, int height) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(n(width)).append(dashed ? "\" stroke-dasharray=\"5,4\"/>\n" : "\"/>\n");
    }

    @Override
    public void dot(double cx, double cy, double r, String color) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(color).append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, String color) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(color).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, String color) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(color).append("\" text-anchor=\"")
                .append(anchor == Anchor.MIDDLE ? "middle" : anchor == Anchor.END ? "end" : "start");
        if (vertical) {
            sb.append("\" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(')');
        }
        sb.append("\">").append(Html.esc(s)).append("</text>\n");
    }

    /** The finished document. */
    String finish() {
        return sb + "</svg>\n";
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }
}
