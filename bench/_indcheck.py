import json, glob, sys
sys.path.insert(0, '.')
import peacecorpus as pc
from peacecorpus.quotes import extract_quotes
gold = json.load(open('tests/gold/seeds_quotes.json'))
tp=fp=fn=0
for f in sorted(glob.glob('data/seeds/*.txt')):
    did = f.split('/')[-1][:-4]
    d = pc.parse(open(f).read(), did)
    qs = [q for q in extract_quotes(d) if q.kind=='indirect']
    g = [x for x in gold[did] if x['kind'] == 'indirect']
    gm = {x['quote']: x for x in g}
    for q in qs:
        x = gm.get(q.quote)
        if x: tp+=1
        else: fp+=1
        if not x or x['speaker']!=q.speaker:
            print(did[:3], 'SYS', q.speaker, '|', q.speaker_mention, '|', q.cue, '|', q.quote[:60], '|| GOLD', x and (x['speaker'], x['cue']))
    sq = {q.quote for q in qs}
    for x in g:
        if x['quote'] not in sq: fn+=1; print(did[:3], 'MISSING', x['speaker_mention'],'|',x['cue'],'|', x['quote'][:60])
print(tp,fp,fn)
