package dev.openaccess.benchmarks.calibration;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One measurement, in a fresh JVM: the process's resident memory before ONNX Runtime is touched, and its peak
 * after loading the model and after running a batch. Prints one JSON line.
 *
 * <p>Run with a small, pre-touched heap ({@code -Xms64m -Xmx64m -XX:+AlwaysPreTouch}) so that the Java heap is
 * resident before the baseline and does not grow during the measurement: what grows is ONNX Runtime's native
 * memory. The peak (VmHWM) is reset to the current RSS after the baseline by writing 5 to /proc/self/clear_refs.
 *
 * <p>Arguments: model path, batch size, sequence length, and optionally {@code env-only} (load the native library
 * and create the environment, no session), {@code no-arena} (the CPU arena allocator switched off) or
 * {@code no-pattern} (ONNX Runtime's memory pattern, one block planned for each input shape, switched off); any other
 * mode ({@code default}, {@code off-grid}) only labels the line.
 */
public final class Measure {

    private Measure() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int sequence = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "default";

        warmUpJava(batch, sequence);
        long baseline = status("VmRSS");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        long hwmAfterReset = status("VmHWM");

        long start = System.nanoTime();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        long afterEnvironmentRss = status("VmRSS");
        if (mode.equals("env-only")) {
            print(model, batch, sequence, mode, baseline, hwmAfterReset, afterEnvironmentRss, status("VmHWM"), 0, 0, 0,
                    0, 0, "", 0);
            return;
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (mode.equals("no-arena")) {
                options.setCPUArenaAllocator(false);
            }
            if (mode.equals("no-pattern")) {
                options.setMemoryPatternOptimization(false);
            }
            try (OrtSession session = environment.createSession(model.toString(), options)) {
                long loadMillis = (System.nanoTime() - start) / 1_000_000;
                long afterLoadRss = status("VmRSS");
                long afterLoadHwm = status("VmHWM");
                long inferStart = System.nanoTime();
                String shape = "";
                long firstRunHwm = 0;
                for (int run = 0; run < 2; run++) { // the second run shows the steady state
                    shape = infer(environment, session, batch, sequence);
                    if (run == 0) {
                        firstRunHwm = status("VmHWM");
                    }
                }
                long inferMillis = (System.nanoTime() - inferStart) / 2_000_000;
                print(model, batch, sequence, mode, baseline, hwmAfterReset, afterLoadRss, afterLoadHwm,
                        status("VmRSS"), status("VmHWM"), loadMillis, inferMillis, afterEnvironmentRss, shape,
                        firstRunHwm);
            }
        }
    }

    /** Runs one batch of random tokens through the model; returns the first output's shape. */
    private static String infer(OrtEnvironment environment, OrtSession session, int batch, int sequence)
            throws OrtException {
        long[] shape = {batch, sequence};
        Random random = new Random(42);
        long[] ids = new long[batch * sequence];
        long[] ones = new long[ids.length];
        long[] zeros = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + random.nextInt(29_000);
            ones[i] = 1;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[] values = switch (name) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> ones;
                    case "token_type_ids" -> zeros;
                    default -> throw new IllegalStateException("unexpected model input " + name);
                };
                inputs.put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return java.util.Arrays.toString(((OnnxTensor) result.get(0)).getInfo().getShape());
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Exercises the Java code paths used later, so class loading and JIT do not count as ONNX Runtime's memory. */
    private static void warmUpJava(int batch, int sequence) throws IOException {
        Map<String, long[]> scratch = new HashMap<>();
        scratch.put("warm-up", new long[batch * sequence]);
        String.format(Locale.ROOT, "%d %s", scratch.size(), status("VmRSS"));
        System.gc();
    }

    /** A field of /proc/self/status, in bytes. */
    static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
            }
        }
        throw new IllegalStateException("/proc/self/status has no " + field);
    }

    private static void print(Path model, int batch, int sequence, String mode, long baseline, long hwmAfterReset,
                              long afterLoadRss, long afterLoadHwm, long afterInferenceRss, long afterInferenceHwm,
                              long loadMillis, long inferMillis, long afterEnvironmentRss, String outputShape,
                              long firstRunHwm) throws IOException {
        System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"modelBytes\":%d,\"batch\":%d,\"sequence\":%d,"
                        + "\"mode\":\"%s\",\"ortVersion\":\"%s\",\"baselineRss\":%d,\"hwmAfterReset\":%d,"
                        + "\"afterEnvironmentRss\":%d,\"afterLoadRss\":%d,\"afterLoadHwm\":%d,\"afterInferenceRss\":%d,"
                        + "\"afterInferenceHwm\":%d,\"loadGrowth\":%d,\"peakGrowth\":%d,\"loadMillis\":%d,"
                        + "\"inferMillis\":%d,\"outputShape\":\"%s\",\"firstRunGrowth\":%d}%n",
                model.getFileName(), Files.size(model), batch, sequence, mode, OrtEnvironment.getEnvironment()
                        .getVersion(), baseline, hwmAfterReset, afterEnvironmentRss, afterLoadRss, afterLoadHwm,
                afterInferenceRss, afterInferenceHwm, afterLoadHwm - baseline,
                Math.max(afterLoadHwm, afterInferenceHwm) - baseline, loadMillis, inferMillis, outputShape,
                firstRunHwm == 0 ? 0 : firstRunHwm - baseline);
    }
}
