package io.kpbench.cluster.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads one YAML stream as {@link YamlChunker} chunks parsed on worker threads, and hands the batches to the
 * assembler strictly in input order, so that the result and the first error reported are those of reading the
 * stream in one piece. At most two chunks per worker are in flight (about 2.5 MiB each), so memory stays flat.
 *
 * <p>A stream of a single chunk (any file under about a megabyte) is parsed on the calling thread.
 */
final class ParallelYamlReader {
    private final String file;
    private final ManifestParsers parsers;
    private final ObjectConverter converter;
    private final SnapshotAssembler out;
    private final Supplier<ExecutorService> workers;
    private final int maxInFlight;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private int documentsBefore;
    private int linesBefore;

    /** A chunk being parsed, and how many lines it holds. */
    private record Pending(Future<DocumentBatch> batch, int lines) {
    }

    ParallelYamlReader(String file, ManifestParsers parsers, ObjectConverter converter, SnapshotAssembler out,
            Supplier<ExecutorService> workers, int threads) {
        this.file = file;
        this.parsers = parsers;
        this.converter = converter;
        this.out = out;
        this.workers = workers;
        this.maxInFlight = 2 * threads;
    }

    /** Reads {@code in} to the end into the assembler. */
    void read(InputStream in) throws IOException {
        YamlChunker chunker = new YamlChunker(in);
        try {
            YamlChunker.Chunk first = next(chunker);
            if (first == null || first.rest() != null) {
                if (first != null) {
                    merge(new DocumentReader(converter, parsers.yaml(first.rest())).readAll(), 0);
                }
                return;
            }
            YamlChunker.Chunk c = next(chunker);
            if (c == null) {
                merge(parse(first), first.lines());
                return;
            }
            submit(first);
            for (; c != null; c = next(chunker)) {
                if (c.rest() != null) {
                    drain(0);
                    merge(new DocumentReader(converter, parsers.yaml(c.rest())).readAll(), 0);
                    return;
                }
                submit(c);
                drain(maxInFlight);
            }
            drain(0);
        } finally {
            inFlight.forEach(p -> p.batch.cancel(true));
        }
    }

    /**
     * The next chunk; when the bytes read ahead for it are not UTF-8 text, the chunks before it are merged first
     * (their errors come first in input order) and then the file is refused.
     */
    private YamlChunker.Chunk next(YamlChunker chunker) throws IOException {
        try {
            return chunker.next();
        } catch (Utf8TextGuard.NotUtf8TextException e) {
            drain(0);
            throw ManifestSource.cannotRead(file, e);
        }
    }

    private void submit(YamlChunker.Chunk c) {
        inFlight.add(new Pending(workers.get().submit(() -> parse(c)), c.lines()));
    }

    private DocumentBatch parse(YamlChunker.Chunk c) throws IOException {
        return new DocumentReader(converter, parsers.yaml(c.data(), c.length())).readAll();
    }

    /** Merges finished chunks, oldest first, until at most {@code keep} are in flight. */
    private void drain(int keep) {
        while (inFlight.size() > keep) {
            Pending p = inFlight.peek();
            DocumentBatch batch;
            try {
                batch = p.batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading " + file, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
            inFlight.poll();
            merge(batch, p.lines);
        }
    }

    private void merge(DocumentBatch batch, int lines) {
        out.add(file, batch, documentsBefore);
        RuntimeException failure = batch.failure();
        if (failure instanceof DocumentFailure f) {
            throw f.render(file, documentsBefore, linesBefore);
        }
        if (failure != null) {
            throw failure;
        }
        documentsBefore += batch.documentCount();
        linesBefore += lines;
    }
}
