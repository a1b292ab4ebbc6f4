package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;

/**
 * A load error located by document and line, which becomes a {@link UserError} once the number of the run's first
 * document and line are known: parallel parsing numbers a chunk's documents only after the chunks before it.
 *
 * <p>Errors about a named object are plain {@link UserError}s; this class is for the errors that can only be
 * placed by position: malformed YAML or JSON, a value of the wrong type, a missing kind or name.
 */
final class DocumentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int document;
    private final String kind;
    private final String item;
    private final String field;
    private final String reason;
    private final int line;
    private final int column;
    private final boolean wholeFile;

    /**
     * A failure in local document {@code document}.
     *
     * @param kind the object kind when known, else null
     * @param item the list item ({@code items[3]}) when inside a list, else null
     * @param field the field path when known, else null
     * @param line the 1-based line in the run, or 0 when unknown
     * @param column the 1-based column, or 0
     */
    DocumentFailure(int document, String kind, String item, String field, String reason, int line, int column) {
        this(document, kind, item, field, reason, line, column, false);
    }

    private DocumentFailure(int document, String kind, String item, String field, String reason, int line, int column,
            boolean wholeFile) {
        super(reason, null, false, false);
        this.document = document;
        this.kind = kind;
        this.item = item;
        this.field = field;
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.wholeFile = wholeFile;
    }

    /** A failure of the whole file, not of one document (it is not UTF-8 text); {@code reason} says where. */
    static DocumentFailure ofFile(String reason) {
        return new DocumentFailure(0, null, null, null, reason, 0, 0, true);
    }

    /** The one-line error, numbered after the documents and lines that came before the run. */
    UserError render(String file, int documentsBefore, int linesBefore) {
        if (wholeFile) {
            return UserError.at(file, null, null, reason);
        }
        StringBuilder object = new StringBuilder();
        if (kind != null) {
            object.append(kind).append(" in ");
        }
        object.append("document ").append(documentsBefore + document);
        if (item != null) {
            object.append(", ").append(item);
        }
        String where = line > 0 ? "line " + (linesBefore + line) + ", column " + column : null;
        String text;
        if (field == null) {
            text = where == null ? reason : where + ": " + reason;
        } else {
            text = where == null ? reason : reason + " (" + where + ")";
        }
        return UserError.at(file, object.toString(), field, text);
    }
}
