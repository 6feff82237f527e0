def st = evaluate(new File(itLib, 'safetensors.groovy'))
st.write(new File(basedir, 'src/main/resources/model.safetensors'),
        [['embed.weight', 'F16', [128, 32]], ['proj.weight', 'F32', [32, 32]]], [source: 'reproducible'])
return true
