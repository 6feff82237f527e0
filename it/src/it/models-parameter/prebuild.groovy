// Two models outside the resources: a bare weights file, and a folder with a BERT config.json.
def st = evaluate(new File(itLib, 'safetensors.groovy'))
st.write(new File(basedir, 'models/a.safetensors'), [['w1', 'F32', [10, 10]], ['w2', 'I8', [3]]])
return true
