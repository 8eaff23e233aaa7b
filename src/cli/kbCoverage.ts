/** `npm run kb:coverage`: examples whose words only "tell me more" answers (see src/knowledge/answerCoverage.ts). */
import '../quietDotenv';
import { answerCoverageWarnings } from '../knowledge/answerCoverage';
import { loadKnowledgeBase } from '../knowledge/loadKnowledge';

const warnings = answerCoverageWarnings(loadKnowledgeBase());
for (const w of warnings)
  console.log(`warning: ${w.topic}: "${w.example}" asks about ${w.missing.join(', ')}, which only its "tell me more" covers`);
console.log(warnings.length === 0 ? "answer coverage OK: every example's subject is in its first answer" : `${warnings.length} warning(s)`);
