const { loadVignettes, playVignette } = require('/work/main/dist/src/evaluation/blindBatches');
const { InProcessBot } = require('/work/main/dist/src/evaluation/inProcessBot');
const vs = loadVignettes('/work/main/knowledge/evaluation/blind/vignettes-a.yaml');
const v = vs.find(x => x.name.startsWith(process.argv[2]));
(async () => {
  const orig = InProcessBot.prototype.say;
  InProcessBot.prototype.say = async function (t) { const r = await orig.call(this, t); console.log('USER:', t, '\n  BOT:', r.text.replace(/\n/g,' / ').slice(0, 300), '|', r.summary.intent, r.summary.triage); return r; };
  console.log(await playVignette(v).then(o => ({ triage: o.triage, lost: o.lost })));
})();
