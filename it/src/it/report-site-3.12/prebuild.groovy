// Generates a tiny Llama model in the project's resources: BF16 weights, F32 norms, and its config.json.
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(new File(basedir, 'src/main/resources/model'))
return true
