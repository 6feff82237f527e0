package dev.openaccess.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Parameters;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Hugging Face {@code config.json}: architecture hyperparameters and the parameter count derived analytically
 * from the layer shapes ({@code parameters.exact} is false): exactly, by the family's own formula, for the families
 * in {@link ConfigFamily}; approximately, by a generic decoder or encoder formula with a warning saying so, for any
 * other {@code model_type} that declares at least its hidden size and layer count.
 */
public final class HfConfigReader implements ModelReader {

    /** Real configs are a few kilobytes; anything this large is not one. */
    static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactory().setStreamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build()))
            // Like the reference parsers (serde_json, Python's json): nothing but whitespace after the object.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** {@code torch_dtype} spellings and the dtype names (as in safetensors) they store weights in. */
    private static final Map<String, String> DTYPES = Map.of(
            "float32", "F32", "float", "F32",
            "float16", "F16", "half", "F16",
            "bfloat16", "BF16",
            "float64", "F64");

    @Override
    public ModelFormat format() {
        return ModelFormat.HF_CONFIG;
    }

    /** Parses the config without deriving anything, e.g. to take the architecture for weights beside it. */
    public HfConfig parse(ModelSource source) throws IOException {
        if (source.size() > MAX_CONFIG_BYTES) {
            throw new ModelFormatException(source.path(), "is " + source.size() + " bytes, larger than the "
                    + MAX_CONFIG_BYTES + "-byte limit for a config.json");
        }
        try (InputStream in = source.open()) {
            JsonNode root = JSON.readTree(in.readNBytes(MAX_CONFIG_BYTES));
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(source.path(), "is not a JSON object");
            }
            return new HfConfig(source.path(), root);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source.path(), "is not valid JSON: " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Found by fuzzing: leading zero bytes make the parser guess UTF-32, and then fail to decode.
            throw new ModelFormatException(source.path(), "is not UTF-8 JSON: " + e.getMessage());
        }
    }

    /**
     * The architecture a config declares: by its family's rules when it has a formula here, else under the
     * spellings most families share (for weights whose counts come from their own headers).
     */
    public Architecture architecture(HfConfig config) throws ModelFormatException {
        Optional<ConfigFamily> family = Optional.ofNullable(config.modelType()).flatMap(ConfigFamily::forModelType);
        return family.isPresent() ? derive(family.get(), config).architecture() : config.genericArchitecture();
    }

    /** The parameter count the config implies, when its family has a formula here. */
    public Optional<Long> parameterCount(HfConfig config) throws ModelFormatException {
        Optional<ConfigFamily> family = Optional.ofNullable(config.modelType()).flatMap(ConfigFamily::forModelType);
        return family.isPresent() ? Optional.of(derive(family.get(), config).total()) : Optional.empty();
    }

    @Override
    public ModelFacts read(ModelSource source) throws IOException {
        HfConfig config = parse(source);
        String modelType = config.modelType();
        if (modelType == null) {
            throw new ModelFormatException(source.path(), "has no model_type: not a Hugging Face model config");
        }
        Optional<ConfigFamily> family = ConfigFamily.forModelType(modelType);
        ConfigFamily.Derived derived = family.isPresent() ? derive(family.get(), config) : estimate(config);
        List<String> warnings = new ArrayList<>(derived.notes());
        String dtype = dtypeName(config, warnings);
        long weightsBytes = Checked.product(source.path(), "the weight bytes the hyperparameters imply",
                derived.total(), bytesPer(dtype));
        return new ModelFacts(ModelFormat.HF_CONFIG,
                new Parameters(derived.total(), derived.active(), Map.of(dtype, derived.total()), false),
                weightsBytes, null, derived.architecture(), Map.of(), warnings);
    }

    private static ConfigFamily.Derived derive(ConfigFamily family, HfConfig config) throws ModelFormatException {
        try {
            return family.derive(config);
        } catch (ArithmeticException e) {
            throw overflow(config);
        }
    }

    private static ConfigFamily.Derived estimate(HfConfig config) throws ModelFormatException {
        try {
            return GenericConfigEstimate.estimate(config);
        } catch (ArithmeticException e) {
            throw overflow(config);
        }
    }

    /** Sizes past 64 bits (or past the int fields of the descriptor) are no real model's. */
    private static ModelFormatException overflow(HfConfig config) {
        return new ModelFormatException(config.path(), "hyperparameters overflow a 64-bit parameter count");
    }

    private static String dtypeName(HfConfig config, List<String> warnings) {
        String declared = config.declaredDtype();
        String dtype = declared == null ? null : DTYPES.get(declared.toLowerCase(Locale.ROOT));
        if (dtype == null) {
            warnings.add(config.path() + ": " + (declared == null ? "no torch_dtype declared"
                    : "torch_dtype '" + declared + "' not recognised") + "; weights assumed F32, as transformers loads them");
            return "F32";
        }
        return dtype;
    }

    private static long bytesPer(String dtype) {
        return SafetensorsDtype.byName(dtype).orElseThrow().bits() / 8;
    }
}
