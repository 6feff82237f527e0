package dev.openaccess.maven;

import dev.openaccess.core.digest.DigestCache;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.InferenceRuntime;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.KvCacheDtype;
import dev.openaccess.core.estimate.LoraTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal that estimates requirements shares: the assumptions about how the models are run, the hardware
 * catalog, and the digest cache. A producer states its assumptions with {@code describe}; a consumer states its own
 * deployment's with {@code check}, and its dependencies are judged at them.
 */
abstract class AbstractEstimatingMojo extends AbstractMojo {

    /** Tokens per sequence for the inference estimate; by default each model's own maximum context. */
    @Parameter(property = "openaccess.contextLength")
    private Integer contextLength;

    /** Sequences processed at once for the inference estimate. */
    @Parameter(property = "openaccess.batchSize", defaultValue = "1")
    private int batchSize;

    /** Data type of KV-cache entries: F32, F16, BF16 or F8. */
    @Parameter(property = "openaccess.kvCacheDtype", defaultValue = "F16")
    private String kvCacheDtype;

    /**
     * The inference runtime whose memory the estimate models: {@code llama.cpp}, {@code onnxruntime},
     * {@code transformers} or {@code generic}; by default each model's format's usual one (llama.cpp for GGUF, ONNX
     * Runtime for ONNX, transformers for safetensors, PyTorch checkpoints, TorchScript and configs, the generic rule
     * for the rest).
     */
    @Parameter(property = "openaccess.runtime")
    private String runtime;

    /**
     * Whether llama.cpp repacks matrices for the CPU (its default; {@code --no-repack} turns it off): the repacked
     * matrices are then held twice, once mapped from the file and once in the repacked layout.
     */
    @Parameter(property = "openaccess.cpuWeightRepack", defaultValue = "true")
    private boolean cpuWeightRepack = true;

    /** Tokens per fine-tuning sequence, for the activations of fine-tuning; capped at the models' context. */
    @Parameter(property = "openaccess.fineTuningSequenceLength", defaultValue = "2048")
    private int fineTuningSequenceLength;

    /** Fine-tuning sequences per step on one device (a larger effective batch accumulates gradients). */
    @Parameter(property = "openaccess.fineTuningBatchSize", defaultValue = "1")
    private int fineTuningBatchSize;

    /** Whether fine-tuning recomputes activations in the backward pass instead of keeping them. */
    @Parameter(property = "openaccess.gradientCheckpointing", defaultValue = "true")
    private boolean gradientCheckpointing;

    /** Rank of the LoRA and QLoRA adapters. */
    @Parameter(property = "openaccess.loraRank", defaultValue = "8")
    private int loraRank;

    /**
     * Projections that get LoRA adapters: {@code q}, {@code k}, {@code v}, {@code o}, {@code gate}, {@code up},
     * {@code down}, their Hugging Face names ({@code q_proj}, ...) or {@code all-linear}. Default: {@code q, v}.
     */
    @Parameter(property = "openaccess.loraTargetModules")
    private List<String> loraTargetModules;

    /** Share of the GPUs' dense BF16 peak a training run sustains (model FLOPs utilisation). */
    @Parameter(property = "openaccess.trainingUtilization", defaultValue = "0.4")
    private double trainingUtilization;

    /** The longest training run a persona is assumed to afford, in days, when judging whether it can retrain. */
    @Parameter(property = "openaccess.maxTrainingDays", defaultValue = "30")
    private int maxTrainingDays;

    /**
     * Tokens of the reference fine-tuning run (one epoch of your data): a method fits a profile when its memory fits
     * and this run ends there within {@code fineTuningMaxHours}.
     */
    @Parameter(property = "openaccess.fineTuningReferenceTokens", defaultValue = "1000000")
    private long fineTuningReferenceTokens = EstimateSettings.DEFAULT_FINE_TUNING_REFERENCE_TOKENS;

    /** The longest the reference fine-tuning run may take on a profile, in hours. */
    @Parameter(property = "openaccess.fineTuningMaxHours", defaultValue = "24")
    private double fineTuningMaxHours = EstimateSettings.DEFAULT_FINE_TUNING_MAX_HOURS;

    /** Share of a CPU profile's fp32 peak a fine-tuning run sustains (measured: 0.44 best, 0.4 assumed). */
    @Parameter(property = "openaccess.cpuTrainingUtilization", defaultValue = "0.4")
    private double cpuTrainingUtilization = EstimateSettings.DEFAULT_CPU_TRAINING_UTILIZATION;

    /**
     * A hardware catalog in the JSON format of the default one ({@code catalogVersion}, {@code profiles[]}) that
     * replaces it.
     */
    @Parameter(property = "openaccess.hardwareCatalog")
    private File hardwareCatalog;

    /** Profiles added to the hardware catalog; one with the id of a catalog profile replaces it. */
    @Parameter
    private List<HardwareProfileConfig> hardwareProfiles;

    /**
     * Where digests are remembered between builds, keyed on path, size and modification time, so an unchanged file
     * is not read again; {@code none} to hash every time.
     */
    @Parameter(property = "openaccess.digestCache", defaultValue = "${user.home}/.cache/openaccess/digests.json")
    private File digestCache;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** What the estimates assume, from the parameters; a value out of range fails the build naming it. */
    protected EstimateSettings settings(Long trainingTokens) throws MojoExecutionException {
        try {
            return EstimateSettings.defaults()
                    .withInference(contextLength, batchSize, KvCacheDtype.parse(kvCacheDtype))
                    .withFineTuning(fineTuningSequenceLength, fineTuningBatchSize, gradientCheckpointing, loraRank,
                            loraTargetModules == null || loraTargetModules.isEmpty() ? LoraTarget.DEFAULT
                                    : LoraTarget.parse(loraTargetModules))
                    .withTraining(trainingTokens, trainingUtilization, maxTrainingDays)
                    .withRuntime(runtime == null || runtime.isBlank() ? null : InferenceRuntime.parse(runtime),
                            cpuWeightRepack)
                    .withFineTuningReferenceRun(fineTuningReferenceTokens, fineTuningMaxHours,
                            cpuTrainingUtilization);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }

    /** The default hardware catalog, or the one named, with the pom's profiles added. */
    protected HardwareCatalog catalog() throws MojoExecutionException {
        return HardwareConfiguration.catalog(baseDir(), hardwareCatalog, hardwareProfiles);
    }

    /**
     * The hardware configuration as the pom states it, with the catalog file's size and modification time, for telling
     * whether it changed (no catalog is read).
     */
    protected String catalogInputs() throws MojoExecutionException {
        String file = "";
        if (hardwareCatalog != null) {
            File catalogFile = baseDir().resolve(hardwareCatalog.toPath()).toFile();
            file = " " + catalogFile.length() + " " + catalogFile.lastModified();
        }
        try {
            return hardwareCatalog + file + " " + (hardwareProfiles == null ? null : hardwareProfiles.stream()
                    .map(HardwareProfileConfig::toProfile).toList());
        } catch (IllegalArgumentException e) {
            // a profile the pom gets wrong is named as catalog() names it, not as a plugin crash
            throw new MojoExecutionException("openaccess: " + e.getMessage(), e);
        }
    }

    /** The digest cache, loaded; null when it is switched off ({@code none}). */
    protected DigestCache digestCache() {
        return digestCache == null || digestCache.getName().equals("none") ? null
                : DigestCache.load(digestCache.toPath());
    }

    /** Where the digest cache lies, for the log. */
    protected File digestCacheFile() {
        return digestCache;
    }

    /** The project's folder; without a project (describing a remote artifact), the folder Maven runs in. */
    protected Path baseDir() {
        File basedir = project.getBasedir() != null ? project.getBasedir()
                : new File(session.getExecutionRootDirectory());
        return basedir.toPath().toAbsolutePath();
    }
}
