package io.kpbench.reports;

import java.util.List;

/**
 * A table of a report, rendered as HTML and Markdown alike.
 *
 * @param title the heading
 * @param header the column names
 * @param rows the cells, already formatted
 * @param numeric per column, whether it is right-aligned
 */
public record Table(String title, List<String> header, List<List<String>> rows, List<Boolean> numeric) {
}
