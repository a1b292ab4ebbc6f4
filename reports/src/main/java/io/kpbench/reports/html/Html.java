package io.kpbench.reports.html;

import io.kpbench.reports.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** HTML helpers: escaping, tables, and classpath text (the ECharts bundle, the page's script and style). */
public final class Html {
    private Html() {
    }

    /** Escapes text for element content and attribute values. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Makes text safe inside a {@code <script>} element ({@code </script>} cannot end it early). */
    public static String scriptSafe(String s) {
        return s.replaceAll("(?i)</(script)", "<\\\\/$1").replace("<!--", "<\\u0021--");
    }

    /** A table as HTML. */
    public static String table(Table t) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (java.util.List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean num = i < t.numeric().size() && t.numeric().get(i);
                sb.append(num ? "<td class=\"num\">" : "<td>").append(esc(row.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** A classpath resource as UTF-8 text. */
    public static String resource(String path) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes a written report file readable by everyone ({@code rw-r--r--}): files written through a temporary file
     * are created owner-only, and a report is meant to be shared. A no-op where permissions are not POSIX.
     */
    public static Path shareable(Path file) {
        try {
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
                    .fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or not ours to change: the file is still there
        }
        return file;
    }

    /** The ECharts bundle from the webjar on the classpath (its version read from the webjar's pom.properties). */
    public static String echarts() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Html.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar (org.webjars.npm:echarts) is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist/echarts.min.js");
    }
}
