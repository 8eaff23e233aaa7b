/** `npm run kb:check`: validates knowledge/ and prints each problem; exits non-zero when there is one. */
import '../quietDotenv';
import * as path from 'node:path';
import { checkKnowledge } from '../knowledge/checkKnowledge';
import { projectRoot } from '../projectRoot';

// The seed articles sit beside the project in ../shared/seeds when it is checked out next to them.
const seedsDir = process.env.SEEDS_DIR ?? path.join(projectRoot(), '..', 'shared', 'seeds');
const { problems, counts } = checkKnowledge(undefined, seedsDir);
if (problems.length > 0) {
  console.error(`knowledge check failed with ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `knowledge OK: ${counts.topics} topics, ${counts.intents} intents, ${counts.examples} training examples, ${counts.heldOut} held-out utterances`,
);
