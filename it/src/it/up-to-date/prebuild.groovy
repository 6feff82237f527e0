// The tiny Llama in the resources.
evaluate(new File(itLib, 'safetensors.groovy')).tinyLlama(new File(basedir, 'src/main/resources/model'))
// -l target/first.log: Maven writes no log into a folder that does not exist yet
new File(basedir, 'target').mkdirs()
return true
