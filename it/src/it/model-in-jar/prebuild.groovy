def st = evaluate(new File(itLib, 'safetensors.groovy'))
st.write(new File(basedir, 'packed/models/model.safetensors'), [['w', 'F16', [64, 32]]])
return true
