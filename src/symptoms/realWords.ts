/**
 * Real English words that are one slip away from a word the symptom parsers look for ("waving" /
 * "waking", "stated" / "started", "seventh" / "seventy"). The fuzzy corrector never touches them: a
 * spelling corrector must not turn a real word into another. The list is the words of natural's English
 * lexicon that the corrector would otherwise change; tests/symptoms/spellingCorrector.test.ts checks it
 * against that lexicon, so a new vocabulary word that captures a real word fails the test.
 */
export const REAL_WORDS_NEAR_VOCABULARY: ReadonlySet<string> = new Set(
  (
    'absolutes acting angles ankle arching bottoms bucking buckle burnings burping burying canter carves ' +
    'caves centers centrality certainty chanced chances chanted charges clanged concerted consonant ' +
    'constants coupe coupled coupler couples daring distances double doubles doubted draws dregs drugging ' +
    'drugs eighth extremity footlights foresight forthright glues gluten gluts hammering hampering ' +
    'hamstrung hurling hurtling inclined increase integrals internal kilometers linger logger loner ' +
    'lunger marathons meddle middles moaning moderated moderates month moths mountings needle needled ' +
    'needless nether nonstops notching nothings noting oversight overweight placement placements pricking ' +
    'radiate radiated radiation radiations radiators rammed raped rapped rasped renting romped sanding ' +
    'schooling scooting screaming seventh seventies shooing shootings shorting shouting shredding ' +
    'shrinking sifting siting sittings smarted smoothing sneaker spitting splints splitting spraining ' +
    'spread sprightly springing springs sprinkling sprint sprouting squinting stared starred starter ' +
    'startled starved stated stillness stranding streaking streaming stringing sundry surfaced surfaces ' +
    'swiftness tails tangle threefold thresholds tinges tinkling trail trailers trailing traipsing traits ' +
    'travel treadmills twinkling uncharged uncharted waging wakening waning waving waxing weariness '
  ).split(' '),
);
