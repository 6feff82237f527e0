// Training tokens, LoRA settings and the pom's own hardware profiles reach the descriptor, and the build log's
// summary prints the descriptor's figures. Expected values are worked in ReadinessAssessorTest and below.
import groovy.json.JsonSlurper

def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
def r = d.requirements
assert d.models[0].parameters.total == 6_738_415_616L
assert r.assumptions.hardwareCatalog.endsWith('+custom')
assert r.assumptions.fineTuning.loraRank == 16
assert r.assumptions.fineTuning.loraTargetModules == ['q', 'k', 'v', 'o']
assert r.assumptions.training.utilization == 0.4

// inference: 13,476,831,232 weights + 2,147,483,648 KV + 63,304,704 activations + 320 MiB = 16,023,163,904, over the
// 16 GiB laptop's 15,461,882,265 usable: the workstation added in the pom (a laptop-rung profile) holds it
assert r.inference.totalBytes == 16_023_163_904L
assert r.inference.minimumProfile == 'workstation-64gb'
assert d.readiness.tier == 'laptop'
assert r.profiles*.id.containsAll(['workstation-64gb', 'a100-40gb'])

// LoRA rank 16 on q, k, v, o: 32 layers × 16 × 4 × (4,096 + 4,096) = 16,777,216 trainable parameters
assert r.fineTuning.lora.trainableParameters == 16_777_216
// total: 13,543,940,096 weights (base + adapters) + 67,108,864 gradients + 134,217,728 optimizer + 1,207,959,552
// activations + 872,415,232 framework (832 MiB on a GPU) = 15,825,641,472
assert r.fineTuning.lora.totalBytes == 15_825_641_472L
// the pom's CPU workstation declares no compute figure (fp32Flops): no reference run can be timed on it
assert r.fineTuning.lora.minimumProfile == 'rtx-4090-24gb'
assert !r.fineTuning.lora.referenceRunHours.containsKey('workstation-64gb')
// the laptop's 844.8 GFLOP/s × 0.4 would take 33.3 h for the 1,000,000-token reference run (4N + 6 × adapters
// + 2N FLOPs per token = 40,531,156,992): over the 24 h allowed
assert r.fineTuning.lora.flopsPerToken == 6L * 6_738_415_616L + 6L * 16_777_216
assert r.fineTuning.lora.referenceRunHours['laptop-16gb'] == 33.32

// training: 6 × 6,738,415,616 × 2,000,000,000,000 = 80,860,987,392,000,000,000,000 FLOPs; on one A100 at 40% of
// 312 TFLOP/s: 179,979 GPU-hours, four figures 180,000; on an H100 56,778 → 56,780
assert r.training.tokens == 2_000_000_000_000L
// beyond a long: checked in the text (Groovy's JsonSlurper wraps integers past 2^63; Jackson reads them whole)
assert new File(basedir, 'target/openaccess.json').text.contains('"flops": 80860987392000000000000,')
assert r.training.gpuHours['a100-40gb'] == 180_000
assert r.training.gpuHours['h100-80gb'] == 56_780
assert !r.training.gpuHours.containsKey('workstation-64gb')

def log = new File(basedir, 'build.log').text
assert log.contains('Inference memory: 14.9 GiB = weights 12.6 GiB + KV cache 2.0 GiB')
assert log.contains('Training: 8.09e+22 FLOPs for 2,000,000,000,000 tokens; GPU-hours at 40% utilisation:')
assert log.contains('a100-40gb 180,000')
assert log.contains('Tier: laptop (minimum profile: workstation-64gb)')
return true
