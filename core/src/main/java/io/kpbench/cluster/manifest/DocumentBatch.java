package io.kpbench.cluster.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The converted objects of a run of documents (a file, or one chunk of a large file), in document order, with the
 * document each came from and the objects that were skipped, counted by kind.
 *
 * <p>A run that hits an error keeps the objects read before it and the error, so that the assembler checks those
 * objects first, exactly as if the run had been read in one piece.
 *
 * <p>Only compact model records live here; the fabric8 objects they were made from are garbage as soon as each
 * document is converted. Document numbers are local to the run; the assembler adds the run's first document.
 */
final class DocumentBatch {
    private final List<Object> objects = new ArrayList<>();
    private int[] documents = new int[16];
    private final Map<String, Integer> skipped = new HashMap<>(8);
    private int documentCount;
    private int lists;
    private RuntimeException failure;

    /** Records a converted Service, EndpointSlice or Node read from local document {@code document}. */
    void add(Object object, int document) {
        int n = objects.size();
        if (n == documents.length) {
            documents = Arrays.copyOf(documents, n * 2);
        }
        documents[n] = document;
        objects.add(object);
    }

    /** Counts an object of a kind that is not modelled. */
    void skip(String kind) {
        skipped.merge(kind, 1, Integer::sum);
    }

    /** Moves everything from {@code other} into this batch (the items of a list, once it is known to be one). */
    void addAll(DocumentBatch other) {
        for (int i = 0; i < other.objects.size(); i++) {
            add(other.objects.get(i), other.documents[i]);
        }
        other.skipped.forEach((k, v) -> skipped.merge(k, v, Integer::sum));
        lists += other.lists;
    }

    /** Counts a list read ({@code kind: List}, a typed list, or a JSON array of objects), empty or not. */
    void list() {
        lists++;
    }

    /** How many lists the run held. */
    int lists() {
        return lists;
    }

    /** The converted objects, in document order. */
    List<Object> objects() {
        return objects;
    }

    /** The local document number of object {@code i}. */
    int documentOf(int i) {
        return documents[i];
    }

    /** Skipped objects by kind. */
    Map<String, Integer> skipped() {
        return skipped;
    }

    /** How many documents the run held (empty ones included). */
    int documentCount() {
        return documentCount;
    }

    void documentCount(int n) {
        documentCount = n;
    }

    /** The error that ended the run, or null; the objects before it are still in the batch. */
    RuntimeException failure() {
        return failure;
    }

    void failure(RuntimeException e) {
        failure = e;
    }
}
