package io.kpbench.reports.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpbench.common.UserError;
import io.kpbench.reports.read.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One shard's results folder, as {@code -Dbench.shard=I/N} wrote it: its {@code run.json} with the {@code shard}
 * block ({@code {"index": I, "count": N}}) and the machine it ran on ({@code host}).
 *
 * @param dir the folder, as the user named it
 * @param run its run.json
 * @param index the shard's 1-based index
 * @param count the number of shards of the run
 */
record ShardFolder(Path dir, ObjectNode run, int index, int count) {
    /** Reads {@code dir}; a {@link UserError} naming the folder when it is not a finished shard. */
    static ShardFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": not a folder (a shard's results folder expected)");
        }
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            throw new UserError(dir + ": not a shard (no run.json)");
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(runJson.toFile());
        } catch (IOException e) {
            throw new UserError(runJson + ": not readable JSON: " + IoReason.of(e), e);
        }
        if (n == null || !n.isObject()) {
            throw new UserError(runJson + ": not a run description (a JSON object expected)");
        }
        JsonNode shard = n.path("shard");
        if (!shard.path("index").canConvertToInt() || !shard.path("count").canConvertToInt()) {
            throw new UserError(dir + ": not a shard (run.json has no shard block: run with -Dbench.shard=I/N)");
        }
        if (n.path("finished").isNull() || n.path("finished").isMissingNode()) {
            throw new UserError(dir + ": finished is null in run.json (the shard did not finish)");
        }
        int index = shard.path("index").asInt();
        int count = shard.path("count").asInt();
        if (count < 1 || index < 1 || index > count) {
            throw new UserError(dir + ": shard is " + index + "/" + count + " (I/N with 1 <= I <= N expected)");
        }
        return new ShardFolder(dir, (ObjectNode) n, index, count);
    }

    /** A top-level field as text ({@code ""} when absent). */
    String text(String field) {
        JsonNode v = run.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /**
     * The machine, one line: the Kubernetes node (or the host name), the CPU and the kernel, e.g.
     * {@code node-a (Intel Xeon Platinum 8375C x2, Linux 6.1.0)}.
     */
    String machine() {
        return machine(run.path("host"));
    }

    /** The machine line of a run.json {@code host} block. */
    static String machine(JsonNode host) {
        String name = host.path("node").asText("");
        if (name.isEmpty() || host.path("node").isNull()) {
            name = host.path("hostname").isNull() ? "" : host.path("hostname").asText("");
        }
        String cpu = host.path("cpuModel").asText("?") + (host.path("cores").isInt() ? " x"
                + host.path("cores").asInt() : "");
        String kernel = host.path("os").asText("") + " " + host.path("kernel").asText("");
        return (name.isEmpty() ? "unnamed host" : name) + " (" + cpu + ", " + kernel.trim() + ")";
    }
}
