#!/usr/bin/env python3
"""Fits LlamaCppRuntime's four constants (native baseline, host bytes per header byte and per token, compute factor)
on the 'fit' cells, by least squares on the running peak, and prints them. Needs work/estimates.jsonl (Estimate.java's
output for every measured cell) and work/measurements.jsonl."""
import json, os, statistics
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
COMPUTE_FACTOR_USED = float(os.environ.get('COMPUTE_FACTOR_USED', '1.11'))  # LlamaCppRuntime.COMPUTE_FACTOR


def pad(v, to=256):
    return (v + to - 1) // to * to


def cells():
    runs = {}
    for line in open(os.path.join(WORK, 'measurements.jsonl')):
        r = json.loads(line)
        runs.setdefault(r['cell'], []).append(r)
    est = {}
    for line in open(os.path.join(WORK, 'estimates.jsonl')):
        e = json.loads(line)
        m, ctx, seq, rep = e['cell'].split()
        est[(os.path.basename(m), int(ctx), int(seq), int(rep))] = e
    out = []
    for key, rs in runs.items():
        r0 = rs[0]
        e = est.get((r0['model'], r0['context'], r0['sequences'], r0['repack']))
        if e is None:
            continue
        cps = pad(pad(r0['context'] * r0['sequences']) // r0['sequences'])
        tokens = min(512, cps)
        mask = cps * tokens * 2 + (pad(min(cps, 512 + 512)) * tokens * 2 if 'gemma' in r0['family'] else 0)
        live = (e['activations'] - mask) / COMPUTE_FACTOR_USED
        peaks = [x['peakKiB'] * 1024 for x in rs]
        out.append(dict(r0=r0, e=e, peak=statistics.median(peaks), spread=max(peaks) - min(peaks), runs=len(rs),
                        mask=mask, live=live, all=rs))
    return out


def main():
    cs = cells()
    fit = [c for c in cs if c['r0']['set'] == 'fit']
    # 1. host memory: the resident set after loading (the header unmapped) less the tensors, on the cells without
    #    repacked copies (with them, loading leaves ~4-5% of the copies' size less resident than the sum: see RESULTS.md)
    A1, y1 = [], []
    for c in fit:
        e, r = c['e'], c['r0']
        if e['copies'] > 0:
            continue
        A1.append([1.0, e['vocab'], e['merges']])
        y1.append(statistics.median([x['loadedRssKiB'] * 1024 for x in c['all']]) - e['weights'])
    (base, per_token, per_merge), *_ = np.linalg.lstsq(np.array(A1), np.array(y1), rcond=None)
    # 2. compute: what running adds over the loaded state, less the KV cache, output buffer and masks
    num = den = 0.0
    for c in fit:
        e = c['e']
        grow = c['peak'] - statistics.median([x['loadedRssKiB'] * 1024 for x in c['all']])
        y = grow - e['kv'] - e['output'] - c['mask']
        num += y * c['live']
        den += c['live'] * c['live']
    factor = num / den
    # 3. never under on the fit cells: raise the baseline by the largest shortfall left
    short = 0.0
    for c in fit:
        e = c['e']
        est = (e['weights'] + e['copies'] + base + per_token * e['vocab'] + per_merge * e['merges'] + e['kv']
               + e['output'] + c['mask'] + factor * c['live'])
        short = max(short, c['peak'] - est)
    print('fit on %d cells: baseline %.1f MiB (+%.1f MiB to leave no fit cell under), %.1f bytes per token,'
          ' %.1f per merge, compute factor %.3f' % (len(fit), base / 2**20, short / 2**20, per_token, per_merge, factor))
    print()
    print('%-8s %-21s %-5s %6s %4s %6s %4s %9s %7s %9s %8s %8s %8s' % ('set', 'family', 'quant', 'ctx', 'seq', 'repack',
          'runs', 'peak MiB', 'spread', 'estimate', 'error', 'to band', 'KV ok') + '  compute reserved MiB: ours / llama.cpp log')
    met = goal = 0
    errors = {'fit': [], 'held-out': []}
    order = {'fit': 0, 'held-out': 1}
    for c in sorted(cs, key=lambda c: (order[c['r0']['set']], c['r0']['family'], c['r0']['context'], c['r0']['quant'])):
        e, r = c['e'], c['r0']
        err = (e['total'] - c['peak']) / c['peak'] * 100
        band = 0.0 if -1 <= err <= 4 else (err - 4 if err > 4 else err + 1)
        met += band == 0
        goal += 0 <= err <= 3
        errors[r['set']].append((err, '%s %s %d x%d repack %s' % (r['family'], r['quant'], r['context'],
                                                                   r['sequences'], 'on' if r['repack'] else 'off')))
        kv_ok = abs(e['kv'] / 2**20 - r['kvMiB']) < 0.01
        print(('%-8s %-21s %-5s %6d %4d %6s %4d %9.1f %7.1f %9.1f %+7.2f%% %+7.2f%% %8s' % (
            r['set'], r['family'], r['quant'], r['context'], r['sequences'], 'on' if r['repack'] else 'off', c['runs'],
            c['peak'] / 2**20, c['spread'] / 2**20 if c['runs'] > 1 else float('nan'), e['total'] / 2**20, err, band,
            'yes' if kv_ok else 'NO')
            + '  %7.1f / %7.1f' % ((e['reserved'] - e['total'] + e['activations']) / 2**20, r['computeMiB']))
            .replace('     nan ', '       - '))  # one run: no spread
    print()
    print('%d of %d cells within -1%%...+4%%, %d within the goal of 0...+3%%' % (met, len(cs), goal))
    for which, errs in errors.items():
        if errs:
            lo, hi = min(errs), max(errs)
            print('%s (%d cells): %+.2f%% (%s) ... %+.2f%% (%s)' % (which, len(errs), lo[0], lo[1], hi[0], hi[1]))


if __name__ == '__main__':
    main()
