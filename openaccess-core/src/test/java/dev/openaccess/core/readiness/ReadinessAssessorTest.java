package dev.openaccess.core.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Access;
import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.ChannelType;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningMethod;
import dev.openaccess.core.descriptor.Inference;
import dev.openaccess.core.descriptor.LicenseClass;
import dev.openaccess.core.descriptor.Openness;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Readiness.Personas;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Tier;
import dev.openaccess.core.descriptor.Training;
import dev.openaccess.core.descriptor.Variant;
import dev.openaccess.core.estimate.EstimateSettings;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.ModelShape;
import dev.openaccess.core.estimate.RequirementsEstimator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verdict, end to end through the estimators: shape → {@link RequirementsEstimator} → {@link ReadinessAssessor}.
 * Figures are worked by hand in the comments, by the rules of the estimators' documentation (inference: weights +
 * KV + activations + runtime, transformers' 320 MiB = 335,544,320 for safetensors and configs; full fine-tuning
 * 16 bytes per parameter + activations + 832 MiB (one GPU's framework); training 6 × parameters × tokens at 40% of
 * the BF16 peak). A profile fits at 90% of its memory: laptop 15,461,882,265,
 * RTX 4090 23,192,823,398, H100 77,309,411,328, H200 136,257,837,465, 8× H100 618,475,290,624 bytes; fine-tuning
 * and training need a GPU. GiB figures are bytes / 1,073,741,824 to one decimal.
 */
class ReadinessAssessorTest {

    private static final long GIB = 1024L * 1024 * 1024;
    /** OPT-175B (Zhang et al. 2022, Table 1): 174,604,468,224 parameters, fp16 = 349,208,936,448 bytes. */
    private static final long OPT_PARAMETERS = 174_604_468_224L;
    /** 96 layers, hidden 12,288 in 96 heads of 128 (no grouped-query attention), MLP 49,152, context 2,048. */
    private static final Architecture OPT_175B = new Architecture("opt", 96, 12288, 96, 96, 128, 50272, 2048, null,
            null, null, Architecture.DECODER, 49152, false);
    private static final Architecture LLAMA_2_7B = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null,
            null, null, Architecture.DECODER, 11008, true);

    private final HardwareCatalog catalog = HardwareCatalog.defaults();

    private Requirements requirements(ModelShape model, Long trainingTokens) {
        return requirements(catalog, model, trainingTokens);
    }

    private static Requirements requirements(HardwareCatalog catalog, ModelShape model, Long trainingTokens) {
        EstimateSettings settings = EstimateSettings.defaults().withTraining(trainingTokens,
                EstimateSettings.DEFAULT_TRAINING_UTILIZATION, EstimateSettings.DEFAULT_MAX_TRAINING_DAYS);
        return new RequirementsEstimator(catalog).estimate(List.of(model), settings);
    }

    private Readiness assess(Requirements requirements) {
        return new ReadinessAssessor(catalog).assess(requirements);
    }

    private static ModelShape shape(String path, long parameters, long weights, String dtype, Architecture arch) {
        return new ModelShape(path, "safetensors", parameters, parameters, weights, dtype, arch);
    }

    private static Persona persona(String runs, String method, String tunes, boolean retrains) {
        return new Persona(runs != null, runs, method != null, method == null ? null : FineTuningMethod.fromId(method),
                tunes, retrains);
    }

    @Test
    void opt175bInFp16NeedsANodeInInt4OneGpuAndToFineTuneOrTrainACluster() {
        Requirements requirements = requirements(shape("opt-175b/config.json", OPT_PARAMETERS, 2 * OPT_PARAMETERS,
                "F16", OPT_175B), 300_000_000_000L);

        // inference: KV 2 × 96 × 96 × 128 × 2 = 4,718,592 per token × 2,048 = 9,663,676,416 (9.0 GiB);
        // activations 512 tokens × (3 × 12,288 + 4 × 12,288 + 49,152 = 135,168) × 2 = 138,412,032 + logits
        // 4 × 50,272 = 201,088 → 138,613,120; + 335,544,320 runtime: total 349,208,936,448 + 9,663,676,416 +
        // 474,157,440 = 359,346,770,304 (334.7 GiB): > H200's 136,257,837,465, ≤ the 8× H100 node's
        Inference inference = requirements.inference();
        assertEquals(9_663_676_416L, inference.kvCacheBytes());
        assertEquals(138_613_120L, inference.activationsBytes());
        assertEquals(359_346_770_304L, inference.totalBytes());
        // int8: 5,456,389,632 blocks × 34 = 185,517,247,488 → 195,655,081,344, still the node;
        // int4: × 18 = 98,215,013,376 (91.5 GiB) → 108,352,847,232 (100.9 GiB): > H100, ≤ H200 → one H200
        assertEquals(List.of(
                new Variant("fp16", true, 349_208_936_448L, 359_346_770_304L, "8x-h100-80gb"),
                new Variant("int8", false, 185_517_247_488L, 195_655_081_344L, "8x-h100-80gb"),
                new Variant("int4", false, 98_215_013_376L, 108_352_847_232L, "h200-141gb")), inference.variants());

        // full fine-tuning: 16 × 174,604,468,224 = 2,793,671,491,584 + activations (2,048 tokens, checkpointed:
        // 96 × 2 × 12,288 + one layer of 11 × 12,288 + 3 × 12,288 + 4 × 49,152 + 4 × 12,288 = 2,359,296 +
        // 417,792 = 2,777,088, + logits 6 × 50,272 = 301,632 → 3,078,720 per token) 6,305,218,560 + 832 MiB
        // = 2,801,050,451,968 (2.5 TiB) → beyond every profile: a cluster
        FineTuning tuning = requirements.fineTuning();
        assertEquals(6_305_218_560L, tuning.full().activationsBytes());
        assertEquals(2_800_849_125_376L, tuning.full().totalBytes());
        assertNull(tuning.full().minimumProfile());
        // LoRA on q and v, rank 8: 96 layers × 8 × (24,576 + 24,576) = 37,748,736 adapter parameters × 16 bytes
        // = 603,979,776; + the fp16 base 349,208,936,448 + activations + 832 MiB = 356,990,550,016 → the node
        assertEquals(37_748_736L, tuning.lora().trainableParameters());
        assertEquals(356_990_550_016L, tuning.lora().totalBytes());
        assertEquals("8x-h100-80gb", tuning.lora().minimumProfile());
        // QLoRA: the two 50,272 × 12,288 = 617,742,336 tables in 16-bit (2,470,969,344 bytes), the other
        // 172,985,725,888 weights in NF4: 86,492,862,944 + 2,702,901,967 block scales + 4 × 10,558,211 =
        // 89,235,708,556 → base 91,906,677,900; + 603,979,776 + 6,305,218,560 + 832 MiB = 99,889,618,060 → one H200
        assertEquals(99_688_291_468L, tuning.qlora().totalBytes());
        assertEquals("h200-141gb", tuning.qlora().minimumProfile());

        // training on 300B tokens: 6 × 174,604,468,224 × 300,000,000,000 = 3.1428804e23 FLOPs; one H100 at 40% of
        // 989 TFLOP/s: 3.1428804e23 / 3.956e14 / 3,600 = 220,683 → 220,700 GPU-hours (four figures)
        Training training = requirements.training();
        assertEquals(new BigInteger("314288042803200000000000"), training.flops());
        assertEquals(1_047_626_809_344L, training.flopsPerToken());
        assertEquals(220_700.0, training.gpuHours().get("h100-80gb"));
        assertEquals(220_700.0, training.gpuHours().get("8x-h100-80gb"), "GPU-hours do not depend on the grouping");
        assertEquals(1_321_000.0, training.gpuHours().get("rtx-4090-24gb")); // 165.2 TFLOP/s: 1,321,162
        assertFalse(training.gpuHours().containsKey("laptop-16gb"), "no BF16 figure, no GPU");
        assertNull(training.wallClockDays(), "a replica fits no profile");
        assertNull(training.minimumProfile());

        Map<String, ProfileFit> fits = requirements.profiles().stream()
                .collect(java.util.stream.Collectors.toMap(ProfileFit::id, fit -> fit));
        assertEquals(List.of(FineTuningMethod.QLORA), fits.get("h200-141gb").fineTuningMethods());
        assertEquals(List.of(FineTuningMethod.LORA, FineTuningMethod.QLORA), fits.get("8x-h100-80gb").fineTuningMethods());
        assertFalse(fits.get("h100-80gb").fitsFineTuning());
        assertFalse(fits.get("8x-h100-80gb").fitsTraining());

        Readiness readiness = assess(requirements);
        assertEquals(Tier.MULTI_GPU_NODE, readiness.tier());
        assertEquals(new Personas(persona(null, null, null, false), persona(null, "qlora", "h200-141gb", false),
                persona("8x-h100-80gb", "lora", "8x-h100-80gb", false)), readiness.personas());
        assertEquals(List.of(
                "fp16 inference needs 334.7 GiB (325.2 GiB weights, 9.0 GiB KV cache, 452.2 MiB activations and"
                        + " runtime); the largest consumer hardware in the catalog, rtx-4090-24gb, offers 21.6 GiB usable",
                "fp16 weights alone need 325.2 GiB; the largest single GPU in the catalog (h200-141gb) has 141.0 GiB",
                "inference needs a multi-GPU node (8x-h100-80gb): beyond an individual or a lab with one GPU",
                "quantized to int4, the weights (91.5 GiB; 100.9 GiB in all) would fit one h200-141gb",
                "full fine-tuning needs 2.5 TiB (2.5 TiB for weights, gradients and Adam state at 16 bytes per"
                        + " parameter, 5.9 GiB activations): more than any profile in the catalog offers (the largest,"
                        + " 8x-h100-80gb, has 576.0 GiB usable): a cluster",
                "with LoRA, fine-tuning needs 332.5 GiB and would fit one 8x-h100-80gb",
                "with QLoRA, fine-tuning needs 92.8 GiB and would fit one h200-141gb",
                "training from scratch on 300,000,000,000 tokens takes 3.14e+23 FLOPs, 220,700 GPU-hours on"
                        + " h200-141gb at 40% utilisation; one replica (2.5 TiB) does not fit one node: a cluster"),
                readiness.blockers());
    }

    @Test
    void llama2RunsOnAConsumerGpuFineTunesWithLoraThereAndRetrainsOnANode() {
        Requirements requirements = requirements(shape("llama-2-7b", 6_738_415_616L, 13_476_831_232L, "F16",
                LLAMA_2_7B), null);
        // 13,476,831,232 + 2,147,483,648 KV + 63,304,704 activations + 335,544,320 = 16,023,163,904: over the
        // laptop's 15,461,882,265, under the 4090's 23,192,823,398
        assertEquals(16_023_163_904L, requirements.inference().totalBytes());
        // full 109,895,024,640 (102.3 GiB) → one H200; LoRA 15,624,314,880 (14.6 GiB; 15,087,443,968 with the CPU's
        // 320 MiB framework, which fits the laptop's memory, but the reference run, 6N + 6 × adapters FLOPs per token
        // for 10^6 tokens at 337.9 GFLOP/s, takes about 33 hours, over 24) → the 4090; QLoRA 6,012,680,324 → the
        // laptop by memory, the 4090 by time
        assertEquals("h200-141gb", requirements.fineTuning().full().minimumProfile());
        assertEquals(15_624_314_880L, requirements.fineTuning().lora().totalBytes());
        assertEquals("rtx-4090-24gb", requirements.fineTuning().lora().minimumProfile());
        assertEquals("rtx-4090-24gb", requirements.fineTuning().qlora().minimumProfile());
        // retraining with no declared tokens: 20 per parameter, 134,768,312,320 tokens × 40,430,493,696 FLOPs
        // = 5.449e21: 159.4 days on one H200, 19.9 days on the 8× H100 node (within 30)
        Readiness readiness = assess(requirements);
        assertEquals(Tier.SINGLE_CONSUMER_GPU, readiness.tier());
        assertEquals(new Personas(persona("rtx-4090-24gb", "lora", "rtx-4090-24gb", false),
                persona("rtx-4090-24gb", "full", "h200-141gb", false),
                persona("rtx-4090-24gb", "full", "h200-141gb", true)), readiness.personas());
        assertEquals(List.of(
                "full fine-tuning needs 102.3 GiB (100.4 GiB for weights, gradients and Adam state at 16 bytes per"
                        + " parameter, 1.1 GiB activations): one h200-141gb",
                "with LoRA, fine-tuning needs 14.6 GiB and would fit one rtx-4090-24gb"), readiness.blockers());
        assertNull(requirements.training().flops(), "no tokens declared, no training compute");
        assertNull(requirements.training().gpuHours());
    }

    @Test
    void aTinyModelIsWithinEveryonesReach() {
        // GPT-2 small: 124,439,808 parameters in F32 = 497,759,232 bytes; 12 layers × 12 heads of 64, MLP 3,072,
        // context 1,024. Inference: KV 37,748,736 + activations 17,502,532 + 335,544,320 (320 MiB) = 888,554,820.
        Architecture gpt2 = new Architecture("gpt2", 12, 768, 12, 12, 64, 50257, 1024, null, null, null,
                Architecture.DECODER, 3072, false);
        Requirements requirements = requirements(shape("gpt2", 124_439_808L, 497_759_232L, "F32", gpt2), null);
        assertEquals(888_554_820L, requirements.inference().totalBytes());
        // full fine-tuning 3,217,844,224 (3,083,626,496 with the CPU's 320 MiB framework) fits the laptop, and its
        // reference run, 8 × 124,439,808 FLOPs × 10^6 tokens / (844.8e9 × 0.4), takes 0.82 h; retraining on 2,488,796,160 tokens: 1.858e18 FLOPs, 0.33 days
        assertEquals(3_217_844_224L, requirements.fineTuning().full().totalBytes());
        Readiness readiness = assess(requirements);
        assertEquals(Tier.LAPTOP, readiness.tier());
        Persona everyone = persona("laptop-16gb", "full", "laptop-16gb", true);
        assertEquals(new Personas(everyone, everyone, everyone), readiness.personas());
        assertEquals(List.of(), readiness.blockers());
    }

    @Test
    void aModelThatNeedsOneDatacenterGpuIsForLabs() {
        // 30,000,000,000 parameters, fp16 = 60,000,000,000 bytes, no shape known (no KV cache, no activations):
        // total 60,000,000,000 + 335,544,320 runtime = 60,335,544,320 (56.2 GiB): over the 4090's 23,192,823,398,
        // under the H100's 77,309,411,328
        Requirements requirements = requirements(shape("w.safetensors", 30_000_000_000L, 60_000_000_000L, "F16",
                null), null);
        assertEquals(60_335_544_320L, requirements.inference().totalBytes());
        // full 480,872,415,232 (447.8 GiB) → the node; LoRA counts no adapters without a shape: 60,872,415,232
        // (56.7 GiB) → H100; QLoRA 15,000,000,000 + 468,750,000 + 4 × 1,831,055 + 832 MiB = 16,348,489,452 → 4090
        assertEquals(16_348_489_452L, requirements.fineTuning().qlora().totalBytes());
        Readiness readiness = assess(requirements);
        assertEquals(Tier.SINGLE_DATACENTER_GPU, readiness.tier());
        assertEquals(new Personas(persona(null, "qlora", "rtx-4090-24gb", false),
                persona("h100-80gb", "lora", "h100-80gb", false),
                persona("h100-80gb", "full", "8x-h100-80gb", false)), readiness.personas());
        // int8 31,875,000,000 (32,210,544,320 in all) → H100, no better rung: not mentioned; int4 16,875,000,000
        // (15.7 GiB; 17,210,544,320 = 16.0 GiB in all) → the 4090
        assertEquals(List.of(
                "fp16 inference needs 56.2 GiB (55.9 GiB weights, 0 B KV cache, 320.0 MiB activations and runtime);"
                        + " the largest consumer hardware in the catalog, rtx-4090-24gb, offers 21.6 GiB usable",
                "quantized to int4, the weights (15.7 GiB; 16.0 GiB in all) would fit one rtx-4090-24gb",
                "full fine-tuning needs 447.8 GiB (447.0 GiB for weights, gradients and Adam state at 16 bytes per"
                        + " parameter, 0 B activations): a multi-GPU node (8x-h100-80gb)",
                "with LoRA, fine-tuning needs 56.7 GiB and would fit one h100-80gb",
                "with QLoRA, fine-tuning needs 15.2 GiB and would fit one rtx-4090-24gb"), readiness.blockers());
    }

    @Test
    void beyond640GibIsAClusterAndNoFineTuningFitsOneGpu() {
        // 400,000,000,000 parameters in bf16 = 800,000,000,000 bytes (745.1 GiB) + 335,544,320 runtime =
        // 800,335,544,320 (745.4 GiB) > the node's 576.0 GiB
        Requirements requirements = requirements(shape("huge", 400_000_000_000L, 800_000_000_000L, "BF16", null),
                null);
        assertNull(requirements.inference().minimumProfile());
        Readiness readiness = assess(requirements);
        assertEquals(Tier.CLUSTER, readiness.tier());
        assertFalse(readiness.personas().enterprise().canRunInference());
        // QLoRA: 200,000,000,000 + 6,250,000,000 + 4 × 24,414,063 + 832 MiB = 207,220,071,484 (193.0 GiB) → the
        // node
        assertEquals(new Personas(persona(null, null, null, false), persona(null, null, null, false),
                persona(null, "qlora", "8x-h100-80gb", false)), readiness.personas());
        List<String> blockers = readiness.blockers();
        assertTrue(blockers.contains("inference needs more than any profile in the catalog offers (the largest,"
                + " 8x-h100-80gb, has 576.0 GiB usable): a cluster"), blockers::toString);
        assertTrue(blockers.contains(
                "bf16 weights alone need 745.1 GiB; the largest single GPU in the catalog (h200-141gb) has 141.0 GiB"),
                blockers::toString);
        // int8: 12,500,000,000 blocks × 34 = 425,000,000,000 (395.8 GiB) + 335,544,320 = 425,335,544,320
        // (396.1 GiB) ≤ the node
        assertTrue(blockers.contains(
                "quantized to int8, the weights (395.8 GiB; 396.1 GiB in all) would fit one 8x-h100-80gb"),
                blockers::toString);
        assertTrue(blockers.contains("no fine-tuning method fits one GPU; the least demanding, QLoRA, needs 193.0 GiB:"
                + " a multi-GPU node (8x-h100-80gb)"), blockers::toString);
    }

    @Test
    void weightsThatFitOneGpuAreNotCalledABlocker() {
        // 120 GiB of fp16 weights (64,424,509,440 parameters) fit one H200 (141 GiB; 126.9 GiB usable); what does
        // not fit is the KV cache of a long context: 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 per
        // token × 65,536 tokens = 21,474,836,480 (20.0 GiB). With 77,722,624 of activations and 335,544,320 of
        // runtime (394.1 MiB together), the total 150,737,122,304 (140.4 GiB) needs the 8× H100 node.
        Architecture longContext = new Architecture("llama", 80, 8192, 64, 8, 128, 32000, 65536, null, null, null,
                Architecture.DECODER);
        Requirements requirements = requirements(shape("long", 64_424_509_440L, 120 * GIB, "F16", longContext), null);
        assertEquals(150_737_122_304L, requirements.inference().totalBytes());
        Readiness readiness = assess(requirements);
        assertEquals(Tier.MULTI_GPU_NODE, readiness.tier());
        assertTrue(readiness.blockers().stream().noneMatch(blocker -> blocker.contains("weights alone")),
                "the weights alone would fit the H200; saying they need more than it has is wrong: "
                        + readiness.blockers());
        assertTrue(readiness.blockers().get(0).startsWith("fp16 inference needs 140.4 GiB (120.0 GiB weights, 20.0 GiB"
                + " KV cache, 394.1 MiB activations and runtime)"), readiness.blockers()::toString);
        // int8: 2,013,265,920 blocks × 34 = 68,451,041,280 (63.8 GiB); total 90,339,144,704 (84.1 GiB) → one H200
        assertTrue(readiness.blockers().contains(
                "quantized to int8, the weights (63.8 GiB; 84.1 GiB in all) would fit one h200-141gb"),
                readiness.blockers()::toString);
    }

    @Test
    void tierAndPersonasFollowTheCatalogGiven() {
        // a catalog without laptops or consumer cards: Llama-2-7B in fp16 (16,023,163,904 bytes) lands on the H100,
        // so on the datacenter rung, and an individual can do nothing
        HardwareCatalog datacenterOnly = new HardwareCatalog("test", catalog.profiles().stream()
                .filter(p -> p.id().equals("h100-80gb") || p.id().equals("8x-h100-80gb")).toList());
        Requirements requirements = requirements(datacenterOnly, shape("llama-2-7b", 6_738_415_616L,
                13_476_831_232L, "F16", LLAMA_2_7B), null);
        assertEquals("h100-80gb", requirements.inference().minimumProfile());
        Readiness readiness = new ReadinessAssessor(datacenterOnly).assess(requirements);
        assertEquals(Tier.SINGLE_DATACENTER_GPU, readiness.tier());
        // full fine-tuning (102.5 GiB) exceeds the H100's 72.0 GiB usable: the lab fine-tunes with LoRA
        assertEquals(new Personas(persona(null, null, null, false), persona("h100-80gb", "lora", "h100-80gb", false),
                persona("h100-80gb", "full", "8x-h100-80gb", true)), readiness.personas());

        // a catalog of CPUs only: inference fits, fine-tuning and training fit nowhere
        HardwareCatalog cpus = new HardwareCatalog("test", catalog.profiles().stream()
                .filter(p -> p.gpus() == 0).toList());
        Requirements onCpus = requirements(cpus, shape("llama-2-7b", 6_738_415_616L, 13_476_831_232L, "F16",
                LLAMA_2_7B), null);
        assertNull(onCpus.fineTuning().qlora().minimumProfile(), "nobody fine-tunes on a CPU profile");
        assertFalse(onCpus.profiles().get(0).fitsFineTuning());
        assertEquals(List.of(), onCpus.profiles().get(0).fineTuningMethods());
    }

    private static Openness openness(Openness.Component... components) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Openness.Component component : components) {
            if (component.license() != null) {
                ids.add(component.license());
            }
        }
        dev.openaccess.core.openness.LicenseClassifier classifier = new dev.openaccess.core.openness.LicenseClassifier();
        return new Openness(List.of(components), ids.stream().map(classifier::classify).toList(), null, Map.of(),
                new Openness.Osaid(false, List.of("…")));
    }

    @Test
    void opennessAndChannelsAddTheirBlockersAfterTheHardwares() {
        Requirements opt = requirements(shape("opt-175b/config.json", OPT_PARAMETERS, 2 * OPT_PARAMETERS, "F16",
                OPT_175B), null);
        ReadinessAssessor assessor = new ReadinessAssessor(catalog);
        Openness restricted = openness(new Openness.Component("Model parameters (Final)", true, "llama2", null,
                LicenseClass.RESTRICTED, null));
        Readiness readiness = assessor.assess(opt, restricted, new Access(List.of()));
        List<String> blockers = readiness.blockers();
        assertEquals(assess(opt).blockers(), blockers.subList(0, assess(opt).blockers().size()),
                "the hardware's first, unchanged");
        assertEquals(List.of(
                "weights released under a restricted licence: Llama 2 Community License Agreement (acceptable use"
                        + " policy; licensees with more than 700 million monthly active users need a separate licence"
                        + " from Meta; outputs may not be used to improve other large language models)",
                "training data not released: the model cannot be reproduced",
                "no hosted API or research program: only owners of a multi-GPU node (8x-h100-80gb) can use it"),
                blockers.subList(assess(opt).blockers().size(), blockers.size()));

        // a research program answers the last one; released data the second
        Openness open = openness(new Openness.Component("Model parameters (Final)", true, "MIT", null, LicenseClass.OPEN, null),
                new Openness.Component("Datasets", true, "CC-BY-4.0", null, LicenseClass.OPEN, null));
        Access program = new Access(List.of(new Access.Channel(ChannelType.RESEARCH_PROGRAM, "https://example.org/apply", null,
                null, null, true, "academic researchers", null)));
        assertEquals(assess(opt).blockers(), assessor.assess(opt, open, program).blockers());

        // weights kept back, reachable through an API only
        Openness withheld = openness(new Openness.Component("Model parameters (Final)", false, null, null, null,
                null), new Openness.Component("Datasets", true, "CC-BY-4.0", null, LicenseClass.OPEN, null));
        Access api = new Access(List.of(new Access.Channel(ChannelType.HOSTED_API, "https://api.example.org", null, null,
                "api-key", false, null, null)));
        assertTrue(assessor.assess(opt, withheld, api).blockers().contains("weights not released: the model can only be"
                + " used through its hosted API or research program"));
        assertTrue(assessor.assess(opt, withheld, new Access(List.of())).blockers().contains("weights not released and"
                + " no hosted API or research program: nobody outside its producer can use the model"));

        // a gated download, an unknown or missing licence
        Access gated = new Access(List.of(new Access.Channel(ChannelType.GATED_DOWNLOAD, "https://example.org/request",
                "accept the licence", null, null, null, "anyone who agrees", null)));
        Openness unlicensed = openness(new Openness.Component("Model parameters (Final)", true, null, null, null, null));
        List<String> gatedBlockers = assessor.assess(requirements(shape("gpt2", 124_439_808L, 497_759_232L, "F32",
                null), null), unlicensed, gated).blockers();
        assertEquals(List.of("weights released without a licence: nobody may legally reuse or redistribute them",
                "training data not released: the model cannot be reproduced",
                "weights downloadable only by approval (anyone who agrees): accept the licence"), gatedBlockers);
        Openness unknown = openness(new Openness.Component("Model parameters (Final)", true, "LicenseRef-Acme", null,
                LicenseClass.UNKNOWN, null));
        assertTrue(assessor.assess(opt, unknown, program).blockers().contains("the weights' licence, LicenseRef-Acme,"
                + " is not known to be open: check its terms before use"));
    }
}
