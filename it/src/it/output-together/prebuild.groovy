// The tiny Llama in the resources, and a folder where the second build's ML-BOM would go.
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(new File(basedir, 'src/main/resources/model'))
new File(basedir, 'target/blocked').mkdirs()
new File(basedir, 'target/blocked/keep').text = 'a folder, not a file'
return true
