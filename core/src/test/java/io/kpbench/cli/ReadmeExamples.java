package io.kpbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell examples of a README: every line of its {@code ```sh} blocks, with continuation lines joined, split
 * into pipeline stages of words as the shell would (quotes, escapes, comments; no expansion).
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /**
     * One example line.
     *
     * @param line the line as the README shows it (continuations joined)
     * @param stages the pipeline's commands, each as words
     * @param comment the trailing comment, or empty
     */
    record Example(String line, List<List<String>> stages, String comment) {
    }

    /** Every command line in the {@code ```sh} blocks of {@code readme}. */
    static List<Example> read(Path readme) throws IOException {
        List<Example> out = new ArrayList<>();
        boolean inSh = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(readme)) {
            String t = raw.strip();
            if (!inSh) {
                inSh = t.equals("```sh") || t.equals("```bash");
                continue;
            }
            if (t.startsWith("```")) {
                inSh = false;
                continue;
            }
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            String line = pending.toString().strip();
            pending.setLength(0);
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(parse(line));
            }
        }
        return out;
    }

    /** Splits a line into pipeline stages of words; stops at an unquoted {@code #} that starts a word. */
    static Example parse(String line) {
        List<List<String>> stages = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        String comment = "";
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (Character.isWhitespace(c) || c == '|') {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                if (c == '|') {
                    stages.add(words);
                    words = new ArrayList<>();
                }
            } else if (c == '#' && w == null) {
                comment = line.substring(i + 1).strip();
                break;
            } else {
                if (w == null) {
                    w = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        stages.add(words);
        return new Example(line, stages, comment);
    }
}
