// Generates a tiny Llama model in the project's resources: BF16 weights, F32 norms, and its config.json.
def st = evaluate(new File(itLib, 'safetensors.groovy'))
def vocab = 256, hidden = 64, layers = 2, heads = 4, kvHeads = 2, intermediate = 128
def headDim = hidden / heads
def tensors = [['model.embed_tokens.weight', 'BF16', [vocab, hidden]]]
(0..<layers).each { l ->
    def p = "model.layers.${l}."
    tensors << [p + 'input_layernorm.weight', 'F32', [hidden]]
    tensors << [p + 'self_attn.q_proj.weight', 'BF16', [heads * headDim, hidden]]
    tensors << [p + 'self_attn.k_proj.weight', 'BF16', [kvHeads * headDim, hidden]]
    tensors << [p + 'self_attn.v_proj.weight', 'BF16', [kvHeads * headDim, hidden]]
    tensors << [p + 'self_attn.o_proj.weight', 'BF16', [hidden, heads * headDim]]
    tensors << [p + 'post_attention_layernorm.weight', 'F32', [hidden]]
    tensors << [p + 'mlp.gate_proj.weight', 'BF16', [intermediate, hidden]]
    tensors << [p + 'mlp.up_proj.weight', 'BF16', [intermediate, hidden]]
    tensors << [p + 'mlp.down_proj.weight', 'BF16', [hidden, intermediate]]
}
tensors << ['model.norm.weight', 'F32', [hidden]]
tensors << ['lm_head.weight', 'BF16', [vocab, hidden]]
def folder = new File(basedir, 'src/main/resources/model')
st.write(new File(folder, 'model.safetensors'), tensors, [format: 'pt'])
new File(folder, 'config.json').text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson([
        architectures: ['LlamaForCausalLM'], model_type: 'llama', vocab_size: vocab, hidden_size: hidden,
        intermediate_size: intermediate, num_hidden_layers: layers, num_attention_heads: heads,
        num_key_value_heads: kvHeads, max_position_embeddings: 512, torch_dtype: 'bfloat16']))
return true
