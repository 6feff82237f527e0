package dev.openaccess.core.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openaccess.core.descriptor.Architecture;
import dev.openaccess.core.descriptor.Readiness;
import dev.openaccess.core.descriptor.Readiness.Persona;
import dev.openaccess.core.descriptor.Requirements;
import dev.openaccess.core.estimate.HardwareCatalog;
import dev.openaccess.core.estimate.InferenceEstimator;
import dev.openaccess.core.estimate.InferenceEstimator.ModelShape;
import dev.openaccess.core.estimate.KvCacheDtype;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict, end to end through the estimator, for models whose hardware needs are public knowledge. */
class ReadinessAssessorTest {

    private final HardwareCatalog catalog = HardwareCatalog.defaults();

    private Readiness assess(ModelShape model) {
        Requirements requirements = new InferenceEstimator(catalog).estimate(List.of(model), null, 1, KvCacheDtype.F16);
        return new ReadinessAssessor(catalog).assess(requirements.inference());
    }

    private static ModelShape fp16(String name, long parameters, Architecture architecture) {
        return new ModelShape(name, parameters, parameters, 2 * parameters, "F16", architecture);
    }

    @Test
    void opt175bNeedsAMultiGpuNodeAndSaysWhy() {
        Architecture opt = new Architecture("opt", 96, 12288, 96, 96, 128, 50272, 2048, null, null, null, "decoder");
        Readiness readiness = assess(fp16("opt-175b", 174_604_468_224L, opt));
        // fp16 weights 349.2 GB (325.2 GiB) + KV 4,718,592 B/token × 2048 (9 GiB) + overhead (33.7 GiB) = 367.9 GiB:
        // over one h200-141gb's 126.9 GiB usable, under 8 × 80 GiB × 0.9 = 576 GiB.
        assertEquals("multi-gpu-node", readiness.tier());
        assertEquals(new Persona(false, null), readiness.personas().individual());
        assertEquals(new Persona(false, null), readiness.personas().lab());
        assertEquals(new Persona(true, "8x-h100-80gb"), readiness.personas().enterprise());
        List<String> blockers = readiness.blockers();
        assertTrue(blockers.contains("fp16 weights alone need 325.2 GiB; the largest single GPU in the catalog"
                + " (h200-141gb) has 141.0 GiB"), blockers.toString());
        assertTrue(blockers.contains("inference needs a multi-GPU node (8x-h100-80gb): beyond an individual or a lab"
                + " with one GPU"), blockers.toString());
        // int4 (Q4_0): 174,604,468,224 / 32 × 18 bytes = 98,215,013,376 B = 91.5 GiB, fits one h200-141gb
        assertTrue(blockers.contains("quantized to int4, the weights (91.5 GiB; 110.8 GiB in all) would fit one"
                + " h200-141gb"), blockers.toString());
    }

    @Test
    void llama2OnOneConsumerGpuHasNoBlockers() {
        Architecture llama = new Architecture("llama", 32, 4096, 32, 32, 128, 32000, 4096, null, null, null, "decoder");
        Readiness readiness = assess(fp16("llama-2-7b", 6_738_415_616L, llama));
        assertEquals("single-consumer-gpu", readiness.tier());
        assertEquals(new Persona(true, "rtx-4090-24gb"), readiness.personas().individual());
        assertEquals(new Persona(true, "rtx-4090-24gb"), readiness.personas().lab());
        assertEquals(List.of(), readiness.blockers());
    }

    @Test
    void aSeventyBillionModelNeedsADatacenterGpu() {
        // Llama-2-70B in fp16: 137.95 GB (128.5 GiB) of weights, more than one H200's usable 126.9 GiB
        Architecture llama = new Architecture("llama", 80, 8192, 64, 8, 128, 32000, 4096, null, null, null, "decoder");
        Readiness readiness = assess(fp16("llama-2-70b", 68_976_648_192L, llama));
        assertEquals("multi-gpu-node", readiness.tier());
        // int8 (Q8_0): 68,976,648,192 / 32 × 34 = 73,287,688,704 B (68.25 GiB) + 1.25 GiB cache (2 × 80 × 8 × 128 × 2 B × 4096)
        // + 0.25 + 6.95 GiB overhead = 76.65 GiB: over one H100's 72 GiB usable, within one H200's 126.9 GiB
        assertTrue(readiness.blockers().get(readiness.blockers().size() - 1)
                .startsWith("quantized to int8, the weights (68.3 GiB; 76.7 GiB in all) would fit one h200-141gb"),
                readiness.blockers().toString());
    }

    @Test
    void aTinyModelRunsOnALaptop() {
        Architecture tiny = new Architecture("llama", 2, 64, 4, 2, 16, 256, 2048, null, null, null, "decoder");
        Readiness readiness = assess(fp16("tiny", 123_712L, tiny));
        assertEquals("laptop", readiness.tier());
        assertEquals(new Persona(true, "laptop-16gb"), readiness.personas().individual());
        assertEquals(List.of(), readiness.blockers());
    }

    @Test
    void beyondTheLargestNodeIsACluster() {
        // 400 B parameters in fp16 = 800 GB of weights: more than 8 × 80 GiB
        Readiness readiness = assess(fp16("huge", 400_000_000_000L, null));
        assertEquals("cluster", readiness.tier());
        assertEquals(new Persona(false, null), readiness.personas().enterprise());
        assertTrue(readiness.blockers().stream().anyMatch(b -> b.startsWith("inference needs more than any profile in"
                + " the catalog offers (the largest, 8x-h100-80gb, has 576.0 GiB usable): a cluster")),
                readiness.blockers().toString());
    }
}
