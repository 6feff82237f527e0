package dev.openaccess.core.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.DecodeBound;
import dev.openaccess.core.descriptor.FineTuning;
import dev.openaccess.core.descriptor.FineTuningNeed;
import dev.openaccess.core.descriptor.ProfileFit;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.descriptor.Tier;
import dev.openaccess.core.estimate.FineTuningEstimator.ReferenceRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compute rules, by hand: the CPU profile's fp32 figure, the framework per profile, fine-tuning's reference run
 * (FLOPs per token, hours, the fit) and decode's lower of the bandwidth and compute bounds.
 */
class ComputeRulesTest {

    private static final long MIB = 1024L * 1024;
    private final HardwareCatalog catalog = HardwareCatalog.defaults();
    /** GPT-2 small: 12 layers of 768, 12 heads of 64, plain MLP of 3,072, 1,024 positions. */
    private static final Architecture GPT2 = new Architecture("gpt2", 12, 768, 12, 12, 64, 50257, 1024, null, null,
            null, Architecture.DECODER, 3072, false);
    /** Llama-3.2-3B: 28 layers of 3,072, 24 heads and 8 KV heads of 128, gated MLP of 8,192. */
    private static final Architecture LLAMA_3B = new Architecture("llama", 28, 3072, 24, 8, 128, 128256, 131072,
            null, null, null, Architecture.DECODER, 8192, true);

    private HardwareProfile profile(String id) {
        return catalog.profile(id).orElseThrow();
    }

    @Test
    void theLaptopComputesAtItsFp32PeakAndGpusAtTheirBf16One() {
        // 8 cores × 2 FMA pipes × 8 fp32 lanes × 2 FLOPs × 3.3 GHz = 844,800,000,000
        assertEquals(844_800_000_000L, profile("laptop-16gb").denseFp32FlopsPerSecond());
        assertEquals(844.8e9, profile("laptop-16gb").computeFlopsPerSecond().getAsDouble());
        assertEquals(989e12, profile("h100-80gb").computeFlopsPerSecond().getAsDouble());
        HardwareProfile bare = new HardwareProfile("bare", Tier.LAPTOP, "", 1L << 34, 1, null, 0, "");
        assertTrue(bare.computeFlopsPerSecond().isEmpty());
    }

    @Test
    void aCatalogReadsTheFp32Figure() throws IOException {
        String json = "{\"catalogVersion\": \"t\", \"profiles\": [{\"id\": \"desk\", \"tier\": \"laptop\","
                + " \"memoryBytes\": 1024, \"bandwidthBytesPerSecond\": 1, \"denseFp32FlopsPerSecond\": 5}]}";
        HardwareCatalog read = HardwareCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "t.json");
        assertEquals(5L, read.profile("desk").orElseThrow().denseFp32FlopsPerSecond());
    }

    @Test
    void theFrameworkIsTheCpusFigureOrOneCudaContextPerGpu() {
        assertEquals(320 * MIB, RuntimeOverhead.trainingFrameworkBytes(profile("laptop-16gb")));
        assertEquals(832 * MIB, RuntimeOverhead.trainingFrameworkBytes(profile("rtx-4090-24gb")));
        assertEquals(8 * 832 * MIB, RuntimeOverhead.trainingFrameworkBytes(profile("8x-h100-80gb")));
    }

    @Test
    void gpt2SmallFineTunesFullyOnTheLaptopWithinTheReferenceRun() {
        ModelShape gpt2 = new ModelShape("gpt2", "safetensors", 124_439_808L, 124_439_808L, 497_759_232L, "F32",
                GPT2);
        FineTuningNeed full = new FineTuningEstimator(catalog).estimate(List.of(gpt2), EstimateSettings.defaults(),
                new ArrayList<>()).full();
        // 6N + 2N (checkpointing recomputes the forward) = 8 × 124,439,808 = 995,518,464 FLOPs per token
        assertEquals(995_518_464L, full.flopsPerToken());
        // laptop: 995,518,464 × 10^6 / (844.8e9 × 0.4) / 3,600 = 0.81834 h; RTX 4090: / (165.2e12 × 0.4) = 0.0041848 h
        assertEquals(0.8183, full.referenceRunHours().get("laptop-16gb"));
        assertEquals(0.004185, full.referenceRunHours().get("rtx-4090-24gb"));
        // memory on the laptop: the one-GPU total less 832 MiB plus 320 MiB
        assertEquals(full.totalBytes() - 512 * MIB, FineTuningEstimator.bytesOn(full, profile("laptop-16gb")));
        assertEquals("laptop-16gb", full.minimumProfile());
    }

    @Test
    void aThreeBillionModelsLoraFitsTheLaptopInADayButNotInEightHours() {
        ModelShape llama = new ModelShape("llama", "safetensors", 3_212_749_824L, 3_212_749_824L, 6_425_499_648L,
                "BF16", LLAMA_3B);
        // adapters on q and v: 8 × (3,072 + 3,072) + 8 × (3,072 + 1,024) = 81,920 per layer × 28 = 2,293,760;
        // FLOPs per token: 4N + 6 × 2,293,760 + 2N (checkpointing) = 19,276,498,944 + 13,762,560 = 19,290,261,504
        FineTuning day = new FineTuningEstimator(catalog).estimate(List.of(llama), EstimateSettings.defaults(),
                new ArrayList<>());
        assertEquals(2_293_760L, day.lora().trainableParameters());
        assertEquals(19_290_261_504L, day.lora().flopsPerToken());
        // 19,290,261,504 × 10^6 / 337.92e9 / 3,600 = 15.857 h ≤ 24: the laptop (6.4 GB base: the memory fits too)
        assertEquals(15.86, day.lora().referenceRunHours().get("laptop-16gb"));
        assertEquals("laptop-16gb", day.lora().minimumProfile());
        // full fine-tuning: 16 × 3.2e9 = 51 GB, beyond the laptop and the 4090 whatever the time
        assertEquals("h100-80gb", day.full().minimumProfile());

        FineTuning night = new FineTuningEstimator(catalog).estimate(List.of(llama),
                EstimateSettings.defaults().withFineTuningReferenceRun(1_000_000, 8, 0.4), new ArrayList<>());
        // 15.86 h > 8 h: not the laptop; the 4090 takes 19,290,261,504 × 10^6 / 66.08e12 / 3,600 = 0.08109 h
        assertEquals(0.08109, night.lora().referenceRunHours().get("rtx-4090-24gb"));
        assertEquals("rtx-4090-24gb", night.lora().minimumProfile());
        assertFalse(FineTuningEstimator.fits(night.lora(), profile("laptop-16gb"),
                Optional.of(new ReferenceRun(1_000_000, 8, 0.4, 0.4))));
    }

    @Test
    void withoutAReferenceRunOnlyGpusAreJudgedByMemory() {
        // a need from an older descriptor: no FLOPs; 1 GiB fits everything, but a CPU cannot be judged
        FineTuningNeed old = new FineTuningNeed(1L << 30, "rtx-4090-24gb", 0, 0, 0, 0, 0, 1L << 30);
        assertFalse(FineTuningEstimator.fits(old, profile("laptop-16gb"), Optional.empty()));
        assertTrue(FineTuningEstimator.fits(old, profile("rtx-4090-24gb"), Optional.empty()));
        // a CPU profile that states no throughput does not fit even with a run
        FineTuningNeed small = new FineTuningNeed(1L << 30, null, 0, 0, 0, 0, 0, 832 * MIB, 1_000L, null);
        HardwareProfile bare = new HardwareProfile("bare", Tier.LAPTOP, "", 1L << 34, 1, null, 0, "");
        ReferenceRun run = new ReferenceRun(1_000_000, 24, 0.4, 0.4);
        assertFalse(FineTuningEstimator.fits(small, bare, Optional.of(run)));
        assertTrue(FineTuningEstimator.fits(small, profile("laptop-16gb"), Optional.of(run)));
    }

    @Test
    void decodeIsTheLowerOfTheBandwidthAndComputeBounds() {
        ModelShape gpt2 = new ModelShape("gpt2", "safetensors", 124_439_808L, 124_439_808L, 248_879_616L, "F16",
                GPT2);
        RequirementsEstimator estimator = new RequirementsEstimator(catalog);
        // batch 1, context 1,024: bytes read 248,879,616 + 12 × 2 × 768 × 2 × 1,024 = 37,748,736 → 286,628,352;
        // bandwidth 89.6e9 / 286,628,352 = 312.6; compute 844.8e9 / (2 × 124,439,808 + 4 × 12 × 1,024 × 768 =
        // 286,628,352) = 2,947.4: bandwidth
        ProfileFit one = laptop(estimator.estimate(List.of(gpt2), EstimateSettings.defaults()));
        assertEquals(312.6, one.decodeTokensPerSecond());
        assertEquals(DecodeBound.BANDWIDTH, one.decodeBound());
        // batch 16, context 128: bytes 248,879,616 + 36,864 × 128 × 16 = 324,377,088 → 276.2 tokens/s; FLOPs
        // 16 × (248,879,616 + 4 × 12 × 128 × 768 = 253,598,208) = 4,057,571,328 → 844.8e9 / that = 208.2: compute
        ProfileFit batch = laptop(estimator.estimate(List.of(gpt2),
                EstimateSettings.defaults().withInference(128, 16, KvCacheDtype.F16)));
        assertEquals(208.2, batch.decodeTokensPerSecond());
        assertEquals(DecodeBound.COMPUTE, batch.decodeBound());
        // the dispatch bound is above both: 12 layers are 31 × 12 + 6 = 378 nodes, 189 µs a step, 5,291.0 tokens/s
    }

    @Test
    void smallDecodersAreCappedByTheRuntimesWorkPerGraphNode() {
        // 4 llama blocks of 64 (4 heads, 2 KV heads of 16, MLP 128) and 256 tied tokens: 16,384 + 4 × 36,992 + 64
        // = 164,416 BF16 parameters, 328,832 bytes; the KV cache at 2,048 tokens 2 × 4 × 2 × 16 × 2 × 2,048 = 1 MiB
        Architecture tiny = new Architecture("llama", 4, 64, 4, 2, 16, 256, 2048, null, null, null,
                Architecture.DECODER, 128, true);
        ModelShape model = new ModelShape("tiny", "gguf", 164_416L, 164_416L, 328_832L, "BF16", tiny);
        Requirements requirements = new RequirementsEstimator(catalog).estimate(List.of(model),
                EstimateSettings.defaults());
        // bandwidth would allow 26.8e12 / 1,377,408 = 19.5 million tokens/s on 8× H100 and compute far more, but
        // a step's graph has 31 × 4 + 6 = 130 nodes of at least 0.5 µs: 65 µs, 15,384.6 tokens/s on every profile
        for (ProfileFit fit : requirements.profiles()) {
            assertEquals(15_384.6, fit.decodeTokensPerSecond(), fit.id());
            assertEquals(DecodeBound.DISPATCH, fit.decodeBound(), fit.id());
        }
        assertTrue(requirements.assumptions().decode().contains("31 nodes per layer + 6 per step"),
                requirements.assumptions().decode());
    }

    private static ProfileFit laptop(Requirements requirements) {
        return requirements.profiles().stream().filter(p -> p.id().equals("laptop-16gb")).findFirst().orElseThrow();
    }
}
