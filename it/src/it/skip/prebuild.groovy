def st = evaluate(new File(itLib, 'safetensors.groovy'))
st.write(new File(basedir, 'src/main/resources/model.safetensors'), [['weight', 'F32', [16, 16]]])
return true
