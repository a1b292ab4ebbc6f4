package io.kpbench.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kpbench.common.AtomicFile;
import io.kpbench.common.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code calibration.json}: one {@link Calibration} per kernel back end the lab ran, each with its held-out
 * check, under the name of the machine that measured it (CPU, cores, kernel) and the tool versions, so that a
 * calibration taken on one machine (a real node) can be reused to project on another ({@code --calibration}).
 *
 * @param name the calibration's name: the machine and kernel it was measured on
 * @param machine cpu, cores, kernel and the tool versions
 * @param ipvs why IPVS has no calibration, or null when it has one
 * @param backends the calibrations, in lab order
 * @param heldOut each back end's held-out checks, by back end
 */
public record CalibrationFile(String name, Map<String, String> machine, String ipvs, List<Calibration> backends,
        Map<String, List<Calibration.HeldOut>> heldOut) {
    /** The file name inside a results folder. */
    public static final String FILE = "calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the collections. */
    public CalibrationFile {
        machine = Map.copyOf(machine);
        backends = List.copyOf(backends);
        heldOut = Map.copyOf(heldOut);
    }

    /** Fits every back end of {@code rows} on this machine. */
    public static CalibrationFile of(List<LabRow> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("kernel", Shell.run(null, "uname", "-r").out().strip());
        for (KernelBackend b : KernelBackend.values()) {
            Shell.Result r = Shell.run(null, b.probeCommand());
            m.put(b.cliName(), r.ok() ? r.out().strip() : "not installed");
        }
        List<Calibration> cals = new ArrayList<>();
        Map<String, List<Calibration.HeldOut>> held = new LinkedHashMap<>();
        rows.stream().map(LabRow::backend).distinct().forEach(b -> {
            cals.add(Calibration.fit(b, rows));
            held.put(b, Calibration.heldOut(b, rows));
        });
        String name = m.get("cpu") + ", " + m.get("cores") + " cores, kernel " + m.get("kernel");
        String ipvs = Preflight.ipvsAvailable() ? "not measured: the lab has no IPVS back end yet"
                : "unavailable: no ip_vs module on this machine";
        return new CalibrationFile(name, m, ipvs, cals, held);
    }

    /** The calibration of {@code backend}, or null. */
    public Calibration backend(String backend) {
        return backends.stream().filter(c -> c.backend().equals(backend)).findFirst().orElse(null);
    }

    /** Writes {@value #FILE} into {@code dir} (temp file and rename) and returns its path. */
    public Path write(Path dir) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", name);
        top.put("machine", new LinkedHashMap<>(machine));
        top.put("measure", "y = lab TCP connect p50 through the node namespace (ns, first packet of a new "
                + "connection): the targets of one N probed by one process, interleaved connect by connect, the "
                + "lowest of " + LabOptions.ROUNDS + " rounds' p50s (the quietest window; kernel-lab.csv also has "
                + "their median), after " + KernelLab.WARMUP_CONNECTS
                + " warm-up connects, with the probing core's private caches "
                + "evicted before each connect (the rules walked from the shared cache at every N); x = the "
                + "model's counted rules walked for the same packet (Classification.work)");
        top.put("ipvs", ipvs);
        List<Object> bs = new ArrayList<>();
        for (Calibration c : backends) {
            Map<String, Object> m = c.toMap();
            m.put("heldOut", heldOut.getOrDefault(c.backend(), List.of()).stream().map(Calibration.HeldOut::toMap)
                    .toList());
            bs.add(m);
        }
        top.put("backends", bs);
        Path file = dir.resolve(FILE);
        AtomicFile.write(file, w -> w.write(JSON.writeValueAsString(top) + "\n"));
        return file;
    }

    /** Reads a calibration file; a missing or malformed file is a {@link UserError} naming it. */
    public static CalibrationFile read(Path file) {
        JsonNode top;
        try {
            top = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such calibration file");
        } catch (IOException e) {
            throw new UserError(file + ": not a calibration file (" + firstLine(e.getMessage()) + ")");
        }
        if (top == null || !top.path("backends").isArray()) {
            throw new UserError(file + ": not a calibration file (no \"backends\" list)");
        }
        Map<String, String> machine = new LinkedHashMap<>();
        top.path("machine").properties().forEach(e -> machine.put(e.getKey(), e.getValue().asText()));
        List<Calibration> cals = new ArrayList<>();
        Map<String, List<Calibration.HeldOut>> held = new LinkedHashMap<>();
        for (JsonNode b : top.path("backends")) {
            if (!b.path("fixedNs").isNumber() || !b.path("n").isNumber()) {
                throw new UserError(file + ": back end " + b.path("backend").asText("?") + " has no fixedNs or n");
            }
            List<Double> res = new ArrayList<>();
            b.path("residualsNs").forEach(v -> res.add(v.asDouble()));
            List<Integer> svc = new ArrayList<>();
            b.path("services").forEach(v -> svc.add(v.asInt()));
            String name = b.path("backend").asText();
            cals.add(new Calibration(name, b.path("fixedNs").asDouble(), num(b, "perRuleNs"),
                    num(b, "perLookupNs"), b.path("r2").asDouble(Double.NaN), b.path("n").asInt(),
                    b.path("meanOps").asDouble(), b.path("sxx").asDouble(),
                    b.path("residualSdNs").asDouble(Double.NaN), res, svc));
            List<Calibration.HeldOut> hs = new ArrayList<>();
            for (JsonNode h : b.path("heldOut")) {
                List<Integer> on = new ArrayList<>();
                h.path("fittedOn").forEach(v -> on.add(v.asInt()));
                hs.add(new Calibration.HeldOut(h.path("heldOutN").asInt(), h.path("position").asText(), on,
                        h.path("predictedNs").asDouble(), h.path("measuredNs").asDouble(),
                        h.path("errorPct").asDouble()));
            }
            held.put(name, hs);
        }
        return new CalibrationFile(top.path("name").asText(file.toString()), machine,
                top.path("ipvs").isTextual() ? top.path("ipvs").asText() : null, cals, held);
    }

    private static Double num(JsonNode b, String field) {
        return b.path(field).isNumber() ? b.path(field).asDouble() : null;
    }

    private static String firstLine(String s) {
        String t = s == null ? "unreadable" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux, or not readable: the architecture names the machine instead
        }
        return System.getProperty("os.arch");
    }
}
