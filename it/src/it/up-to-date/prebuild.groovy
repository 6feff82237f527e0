// The tiny Llama in the resources.
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(new File(basedir, 'src/main/resources/model'))
return true
