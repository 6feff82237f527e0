package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningNeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning memory by method, against hand arithmetic (FineTuningEstimator's and ActivationMemory's rules):
 * full = 16 bytes per parameter; LoRA = frozen base + 16 bytes per adapter parameter, r × (in + out) per target
 * projection and layer; QLoRA = NF4 base (4 bits + an 8-bit scale per 64 + an fp32 scale per 256 blocks) with the
 * embedding tables in 16-bit + adapters; each + activations + 832 MiB of framework runtime on one GPU (800 MiB CUDA
 * context + 32 MiB cuBLASLt workspace), 320 MiB on a CPU profile.
 */
class FineTuningEstimatorTest {

    private static final long GIB = 1024L * 1024 * 1024;
    /** The framework on one GPU: 832 MiB. */
    private static final long FRAMEWORK = 832L * 1024 * 1024;
    /** bert-base-uncased: an encoder, 12 layers of 768 in 12 heads, plain MLP of 3,072, 512 positions. */
    private static final Architecture BERT_BASE = new Architecture("bert", 12, 768, 12, 12, 64, 30522, 512, null,
            null, null, Architecture.ENCODER, 3072, false);
    /** Mixtral-8x7B: 32 layers of 4,096, 32 heads and 8 KV heads of 128, 8 experts of 14,336 (2 per token). */
    private static final Architecture MIXTRAL = new Architecture("mixtral", 32, 4096, 32, 8, 128, 32000, 32768, 8, 2,
            null, Architecture.DECODER, 14336, true);

    private final FineTuningEstimator estimator = new FineTuningEstimator(HardwareCatalog.defaults());

    private static ModelShape bert() {
        return new ModelShape("bert", "safetensors", 109_482_240L, 109_482_240L, 437_928_960L, "F32", BERT_BASE);
    }

    private static ModelShape mixtral() {
        return new ModelShape("mixtral", "safetensors", 46_702_792_704L, 12_879_925_248L, 2 * 46_702_792_704L,
                "BF16", MIXTRAL);
    }

    private FineTuning estimate(ModelShape model, EstimateSettings settings) {
        return estimator.estimate(List.of(model), settings, new ArrayList<>());
    }

    @Test
    void trainingActivationsPerLayerFollowKorthikanti() {
        // BERT per token and layer: attention 11 × 768 = 8,448; MLP 3 × 768 + 4 × 3,072 = 14,592; norms 4 × 768
        // = 3,072 → 26,112 bytes
        assertEquals(26_112L, ActivationMemory.perTokenPerLayer(BERT_BASE).orElseThrow());
        // all 12 layers kept for 512 tokens: 12 × 26,112 × 512 = 160,432,128 (an encoder: no logits)
        assertEquals(160_432_128L, ActivationMemory.training(BERT_BASE, 512, 1, false).orElseThrow());
        // checkpointed: each layer's input (2 × 768 bytes) and one layer recomputed: (18,432 + 26,112) × 512
        assertEquals(22_806_528L, ActivationMemory.training(BERT_BASE, 512, 1, true).orElseThrow());
        // twice the batch, twice the activations
        assertEquals(2 * 22_806_528L, ActivationMemory.training(BERT_BASE, 512, 2, true).orElseThrow());
        // Mixtral: attention 2h + 2q + 4 × 1,024 + 2q + h = 32,768; gated MLP (2h + 6I) × 2 experts = 188,416;
        // norms 16,384 → 237,568; checkpointed 32 × 8,192 + 237,568 = 499,712, + logits 6 × 32,000 = 192,000:
        // 691,712 per token × 2,048 tokens = 1,416,626,176
        assertEquals(237_568L, ActivationMemory.perTokenPerLayer(MIXTRAL).orElseThrow());
        assertEquals(1_416_626_176L, ActivationMemory.training(MIXTRAL, 2048, 1, true).orElseThrow());
        assertTrue(ActivationMemory.training(null, 512, 1, true).isEmpty());
    }

    @Test
    void fullFineTuningIsSixteenBytesPerParameterPlusActivations() {
        FineTuningNeed full = estimate(bert(), EstimateSettings.defaults()).full();
        // 109,482,240 × 2 (bf16 weights) = 218,964,480; × 2 (gradients) = 218,964,480; × 12 (fp32 master + Adam
        // moments) = 1,313,786,880; activations at BERT's own 512 tokens, checkpointed: 22,806,528; runtime 832 MiB
        assertEquals(109_482_240L, full.trainableParameters());
        assertEquals(218_964_480L, full.weightsBytes());
        assertEquals(218_964_480L, full.gradientsBytes());
        assertEquals(1_313_786_880L, full.optimizerBytes());
        assertEquals(22_806_528L, full.activationsBytes());
        assertEquals(872_415_232L, full.overheadBytes());
        assertEquals(1_751_715_840L + 22_806_528L + FRAMEWORK, full.totalBytes()); // 16 × 109,482,240 = 1,751,715,840
        // memory on the laptop: 320 MiB of CPU framework in place of the GPU's 832: 1,439,334,656 fits 15.5e9;
        // reference run: 8 × 109,482,240 = 875,857,920 FLOPs per token (6N + 2N recomputed) × 1,000,000 tokens
        // / (844.8e9 × 0.4) = 2,591.9 s = 0.7200 h ≤ 24 h
        assertEquals("laptop-16gb", full.minimumProfile(), "BERT-base fine-tunes on a laptop CPU");
    }

    @Test
    void loraTrainsAdaptersBesideTheFrozenBase() {
        // q and v of BERT: r = 8 × ((768 + 768) + (768 + 768)) = 24,576 per layer × 12 = 294,912 adapter parameters
        FineTuningNeed lora = estimate(bert(), EstimateSettings.defaults()).lora();
        assertEquals(294_912L, lora.trainableParameters());
        // frozen fp32 base 437,928,960 + adapters in fp32 4 × 294,912 = 1,179,648
        assertEquals(437_928_960L + 1_179_648L, lora.weightsBytes());
        assertEquals(1_179_648L, lora.gradientsBytes());
        assertEquals(2_359_296L, lora.optimizerBytes());
        assertEquals(437_928_960L + 16 * 294_912L + 22_806_528L + FRAMEWORK, lora.totalBytes());

        // Mixtral with PEFT's default q and v: 32 × 8 × ((4,096 + 4,096) + (4,096 + 1,024)) = 3,407,872
        assertEquals(3_407_872L, estimate(mixtral(), EstimateSettings.defaults()).lora().trainableParameters());
        // every linear layer, each expert's gate, up and down included: per layer 8 × (8,192 + 5,120 + 5,120 +
        // 8,192) = 212,992 + 8 experts × 3 × 8 × (4,096 + 14,336) = 3,538,944 → × 32 layers = 120,061,952
        EstimateSettings allLinear = EstimateSettings.defaults().withFineTuning(2048, 1, true, 8,
                LoraTarget.parse(List.of("all-linear")));
        assertEquals(120_061_952L, estimate(mixtral(), allLinear).lora().trainableParameters());
        // rank 64 is eight times rank 8
        EstimateSettings rank64 = EstimateSettings.defaults().withFineTuning(2048, 1, true, 64, LoraTarget.DEFAULT);
        assertEquals(8 * 3_407_872L, estimate(mixtral(), rank64).lora().trainableParameters());
    }

    @Test
    void aGateProjectionOnlyExistsInGatedMlps() {
        List<String> notes = new ArrayList<>();
        EstimateSettings gate = EstimateSettings.defaults().withFineTuning(2048, 1, true, 8,
                LoraTarget.parse(List.of("gate_proj")));
        assertEquals(0L, estimator.estimate(List.of(bert()), gate, notes).lora().trainableParameters());
        assertEquals(List.of("bert: LoRA target 'gate' does not exist in a bert layer; skipped"), notes);
    }

    @Test
    void qloraQuantizesAllButTheEmbeddingTables() {
        // NF4 with double quantization: 4 bits per weight, a byte per block of 64, 4 bytes per 256 blocks
        assertEquals(37L, FineTuningEstimator.nf4Bytes(64));        // 32 + 1 + 4
        assertEquals(8_452L, FineTuningEstimator.nf4Bytes(16_384));  // 8,192 + 256 + 4
        assertEquals(8_458L, FineTuningEstimator.nf4Bytes(16_385));  // 8,193 + 257 + 8
        // 4.127 bits per weight in the large: 1,000,000,000 weights → 515,869,144 bytes (4.1269… bits)
        assertEquals(515_869_144L, FineTuningEstimator.nf4Bytes(1_000_000_000L));
        // BERT keeps its one token table (30,522 × 768 = 23,440,896) in 16-bit: 46,881,792 bytes; the other
        // 86,041,344 weights in NF4: 43,020,672 + 1,344,396 + 4 × 5,252 = 44,386,076 → base 91,267,868
        assertEquals(91_267_868L, FineTuningEstimator.qloraBaseBytes(bert()));
        FineTuningNeed qlora = estimate(bert(), EstimateSettings.defaults()).qlora();
        assertEquals(91_267_868L + 4 * 294_912L, qlora.weightsBytes());
        assertEquals(91_267_868L + 16 * 294_912L + 22_806_528L + FRAMEWORK, qlora.totalBytes());
        // without a shape nothing is kept in 16-bit: 1,000 weights → 500 + 16 + 4
        assertEquals(520L, FineTuningEstimator.qloraBaseBytes(new ModelShape("w", "safetensors", 1_000, 1_000, 2_000,
                "F16", null)));
    }

    @Test
    void fineTuningSequencesAreCappedAtTheModelsContext() {
        // BERT reads at most 512 tokens: the default 2,048 becomes 512, and says so only when a model is shorter
        // than the others
        assertEquals(512, FineTuningEstimator.sequenceLength(List.of(bert()), EstimateSettings.defaults()));
        assertEquals(2048, FineTuningEstimator.sequenceLength(List.of(mixtral()), EstimateSettings.defaults()));
        List<String> notes = new ArrayList<>();
        estimator.estimate(List.of(bert(), mixtral()), EstimateSettings.defaults(), notes);
        assertEquals(List.of("bert: fine-tuned at its own context of 512 tokens"), notes);
    }

    @Test
    void settingsAreValidated() {
        EstimateSettings defaults = EstimateSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withFineTuning(0, 1, true, 8, LoraTarget.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFineTuning(512, 0, true, 8, LoraTarget.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFineTuning(512, 1, true, 0, LoraTarget.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFineTuning(512, 1, true, 8, List.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LoraTarget.parse(List.of("q_proj", "lm_head")));
        assertTrue(unknown.getMessage().contains("[lm_head]"), unknown.getMessage());
        assertEquals(List.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V), LoraTarget.parse(List.of("c_attn", "query")),
                "GPT-2's fused projection is q, k and v; duplicates collapse");
    }
}
