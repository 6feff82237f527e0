// The producer described Llama-3-8B at its own context (8192) and batch 1. At those assumptions it fits one H100;
// at the consumer's 131,072 tokens × 16 sequences its requirements are estimated anew from the descriptor's facts
// and it does not. By hand (Llama-3-8B: 8,030,261,248 bf16 parameters, 32 layers, 8 KV heads of 128, hidden 4096,
// gated MLP of 14,336, vocabulary 128,256):
//   weights 8,030,261,248 × 2                                            =  16,060,522,496
//   KV cache 2 × 32 × 8 × 128 × 2 = 131,072 bytes/token × 131,072 × 16   = 274,877,906,944
//   activations: 512-token prefill chunk × 16 sequences × (3·4096 + 2·4096 + 2·1024 + 3·14,336 = 65,536) × 2
//                = 1,073,741,824, + logits 16 × 4 × 128,256 = 8,208,384   =   1,081,950,208
//   runtime (PyTorch's resident part, 320 MiB)                          =     335,544,320
//   total                                                               = 292,355,923,968 (272.3 GiB)
// At the defaults: 16,060,522,496 + 1,073,741,824 (8192 tokens) + 67,621,888 + 335,544,320 = 17,537,430,528.
import groovy.json.JsonSlurper

def read = { String name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")).dependencies[0] }

def defaults = read('defaults')
assert defaults.status == 'pass'
assert defaults.source == 'published'
assert defaults.summary.inferenceBytes == 17_537_430_528
assert defaults.assumptions == [contextLength: 8192, batchSize: 1, kvCacheDtype: 'F16', hardwareCatalog: '2026.12-1',
        runtime: 'transformers']
assert defaults.producerAssumptions == null // the producer's own assumptions: nothing re-estimated differently

def longContext = read('long-context')
assert longContext.status == 'violation'
assert longContext.summary.inferenceBytes == 292_355_923_968
assert longContext.assumptions == [contextLength: 131072, batchSize: 16, kvCacheDtype: 'F16', hardwareCatalog: '2026.12-1',
        runtime: 'transformers']
assert longContext.producerAssumptions == [contextLength: 8192, batchSize: 1, kvCacheDtype: 'F16', hardwareCatalog: '2026.12-1',
        runtime: 'transformers']
def message = 'inference needs 272.3 GiB (292355923968 bytes) at context 131072, batch 16, KV F16; h100-80gb offers' +
        ' 72.0 GiB usable'
assert longContext.violations == [[rule: 'requireProfile=h100-80gb', message: message]]
assert new File(basedir, 'target/long-context.log').text.contains(
        'dev.openaccess.it:llama-3-8b:1.0 breaks requireProfile=h100-80gb: ' + message)
return true
