package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads Kubernetes manifests (Service, EndpointSlice, Node; YAML or JSON; multi-document or {@code kind: List})
 * with the fabric8 model, validates them as the API server would, and converts them to the immutable model.
 *
 * <p>Documents stream one at a time and each object becomes compact records at once, so memory is what the model
 * holds. Multi-document YAML is cut into chunks parsed on one thread per core, because SnakeYAML's 25-30 MB/s on one
 * core is the cost that dominates: 100,000 services with 10 endpoints each (221 MB of kubectl-style YAML) cost about
 * 17 s of CPU in a fresh JVM and 11.5 s in a warm one, peak at about 840 MiB of heap and leave about 200 MiB of
 * model (measured once by hand with a timing probe that the tests no longer keep, and before endpoints kept their
 * {@code targetRef}, which adds an estimated 80 bytes an endpoint, a small record and the pod's name, not yet
 * re-measured). The first error, in input order, is thrown as a one-line {@link UserError} naming the file, the
 * object and the field; an input with no objects at all is such an error too.
 */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /**
     * Loads and validates files; {@code -} reads {@code stdin}.
     *
     * @throws UserError naming the file, object and field of the first error
     */
    public static LoadResult load(List<String> files, InputStream stdin, LoadOptions options) {
        return load(files, stdin, new ManifestParsers(options));
    }

    /** Loads with parsers already built (their deserializers warm): for tests that load thousands of inputs. */
    static LoadResult load(List<String> files, InputStream stdin, ManifestParsers parsers) {
        StringPool pool = new StringPool();
        SnapshotAssembler out = new SnapshotAssembler();
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        LazyWorkers workers = new LazyWorkers(threads);
        try {
            for (String file : files) {
                try (ManifestSource source = ManifestSource.open(file, stdin)) {
                    long objectsBefore = out.objectsRead();
                    long listsBefore = out.listsRead();
                    ObjectConverter converter = new ObjectConverter(parsers, pool, file);
                    if (source.format() == ManifestSource.Format.JSON) {
                        JsonSizeGuard guard = new JsonSizeGuard(source.stream(), parsers.options().maxDocumentBytes());
                        DocumentBatch batch = new DocumentReader(converter, parsers.json(guard), guard).readAll();
                        out.add(file, batch, 0);
                        if (batch.failure() instanceof DocumentFailure f) {
                            throw f.render(file, 0, 0);
                        } else if (batch.failure() != null) {
                            throw batch.failure();
                        }
                    } else {
                        new ParallelYamlReader(file, parsers, converter, out, workers, threads).read(source.stream());
                    }
                    if (out.objectsRead() == objectsBefore) {
                        throw noObjects(source, out.listsRead() > listsBefore);
                    }
                } catch (IOException e) {
                    throw ManifestSource.cannotRead(file, e);
                }
            }
            return out.finish();
        } finally {
            workers.shutdown();
        }
    }

    /**
     * The error for an input that held no object at all, modelled or not: an empty file, an empty stdin (what a
     * pipe from a {@code kubectl} that could not reach the cluster gives), a {@code kind: List} with no items (what
     * {@code kubectl get} prints when nothing matches), or only comments and empty documents. Each input is held
     * to this on its own, so that an empty stdin is caught even beside a file that has objects.
     */
    private static UserError noObjects(ManifestSource source, boolean sawList) {
        String where = source.stdin() ? "on stdin" : "in the file";
        String why;
        if (source.blank()) {
            why = source.stdin() ? "it is empty; did the command before the pipe fail?" : "it is empty";
        } else if (sawList) {
            why = "a List with no items, as kubectl prints when nothing matches";
        } else {
            why = "only comments and empty documents";
        }
        return UserError.at(source.name(), null, null, "no Kubernetes objects " + where + " (" + why + ")");
    }

    /** The parser threads, started when a file first needs more than one chunk. */
    private static final class LazyWorkers implements Supplier<ExecutorService> {
        private final int threads;
        private ExecutorService pool;

        LazyWorkers(int threads) {
            this.threads = threads;
        }

        @Override
        public ExecutorService get() {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "kpbench-manifest-parser");
                    t.setDaemon(true);
                    return t;
                });
            }
            return pool;
        }

        void shutdown() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
