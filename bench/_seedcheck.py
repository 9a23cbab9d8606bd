import json, glob, sys
sys.path.insert(0, '.')
import peacecorpus as pc
from peacecorpus.quotes import extract_quotes
gold = json.load(open('tests/gold/seeds_quotes.json'))
for f in sorted(glob.glob('data/seeds/*.txt')):
    did = f.split('/')[-1][:-4]
    d = pc.parse(open(f).read(), did)
    qs = extract_quotes(d, indirect=False)
    g = [x for x in gold[did] if x['kind'] != 'indirect']
    gm = {x['quote']: x for x in g}
    for q in qs:
        x = gm.get(q.quote)
        ok = x and x['speaker'] == q.speaker and x['kind'] == q.kind
        if not ok:
            print(did[:3], 'SYS', q.kind, q.speaker, '|', q.speaker_mention, '|', q.cue, '|', q.quote[:40], '|| GOLD', x and (x['kind'], x['speaker'], x['cue']))
    sq = {q.quote for q in qs}
    for x in g:
        if x['quote'] not in sq: print(did[:3], 'MISSING', x)
