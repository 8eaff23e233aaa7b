/** `npm run kb:check`: validates knowledge/ and prints each problem; exits non-zero when there is one. */
import '../quietDotenv';
import { checkKnowledge } from '../knowledge/checkKnowledge';

// The source articles are not part of the repository; SEEDS_DIR (a folder holding them) also checks that
// every file sources.yaml names is there.
const { problems, counts } = checkKnowledge(undefined, process.env.SEEDS_DIR);
if (problems.length > 0) {
  console.error(`knowledge check failed with ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `knowledge OK: ${counts.topics} topics, ${counts.intents} intents, ${counts.examples} training examples, ${counts.heldOut} held-out utterances`,
);
