import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.InferenceRuntime;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.estimate.ModelShape;
import dev.openaccess.core.estimate.RequirementsEstimator;
import dev.openaccess.core.format.GgufReader;
import dev.openaccess.core.format.ModelFacts;
import dev.openaccess.core.format.ModelSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;

/**
 * openaccess's estimate for each calibration cell: reads "MODEL CONTEXT SEQUENCES REPACK" lines on stdin, prints the
 * requirements.inference figures of `describe` for the model at that context, batch and repacking, one JSON line each.
 */
public class Estimate {
    public static void main(String[] args) throws Exception {
        RequirementsEstimator estimator = new RequirementsEstimator(HardwareCatalog.defaults());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.trim().split("\\s+");
            Path file = Path.of(f[0]);
            ModelFacts facts = new GgufReader().read(ModelSource.ofFile(file, file.getFileName().toString()));
            ModelShape shape = new ModelShape(file.getFileName().toString(), "gguf", facts.parameters().total(),
                    facts.parameters().active(), facts.weightsBytes(), facts.dominantDtype(), facts.architecture(),
                    facts.tensorLayout());
            EstimateSettings settings = EstimateSettings.defaults()
                    .withInference(Integer.parseInt(f[1]), Integer.parseInt(f[2]), KvCacheDtype.F16)
                    .withRuntime(InferenceRuntime.parse("llama.cpp"), f[3].equals("1"));
            Inference i = estimator.estimate(List.of(shape), settings).inference();
            System.out.printf("{\"cell\":\"%s\",\"total\":%d,\"weights\":%d,\"kv\":%d,\"activations\":%d,\"copies\":%d,"
                    + "\"vocabulary\":%d,\"output\":%d,\"baseline\":%d,\"transient\":%d,\"reserved\":%d,\"header\":%d,\"vocab\":%d,\"merges\":%d}%n",
                    line.trim(), i.totalBytes(), i.weightsBytes(), i.kvCacheBytes(), i.activationsBytes(),
                    i.weightCopiesBytes(), i.vocabularyBytes(), i.outputBufferBytes(), i.baselineBytes(),
                    i.loadTransientBytes(), i.reservedBytes(), facts.tensorLayout().headerBytes(),
                    facts.architecture().vocabSize(), facts.tensorLayout().merges());
        }
    }
}
