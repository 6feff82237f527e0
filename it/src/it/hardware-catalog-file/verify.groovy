// <hardwareCatalog> replaces the default ladder: only the lab's profiles are judged, and the tier follows them.
import groovy.json.JsonSlurper

def d = new JsonSlurper().parse(new File(basedir, 'target/openaccess.json'))
def r = d.requirements
assert r.assumptions.hardwareCatalog == 'example-lab-2026'
assert r.profiles*.id == ['workstation-128gb', 'a100-80gb']
// 16,023,163,904 bytes of inference fit the 128 GiB workstation (a laptop-rung CPU profile)
assert r.inference.minimumProfile == 'workstation-128gb'
assert d.readiness.tier == 'laptop'
// full fine-tuning (110,096,351,232 bytes) exceeds the A100's 72 GiB usable; LoRA fits it; the CPU takes none
assert r.fineTuning.full.minimumProfile == null
assert r.fineTuning.lora.minimumProfile == 'a100-80gb'
assert r.profiles[0].fineTuningMethods == []
assert d.readiness.personas.lab.fineTuning == 'lora'
return true
