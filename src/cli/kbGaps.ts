/**
 * `npm run kb:gaps`: for the clinic's editors, the questions the bot could not answer confidently and
 * the ratings of its answers, read from the bot's own storage (STORAGE, DATA_DIR or REDIS_URL as in
 * .env). `-- --json` prints the same report as JSON. Only what users agreed to have kept is there.
 */
import '../quietDotenv';
import 'dotenv/config';
import { parseConfig } from '../config';
import { CurationStore } from '../curation/curationStore';
import { formatGapsReport, gapsReport } from '../curation/gapsReport';
import { loadKnowledgeBase } from '../knowledge/loadKnowledge';
import { createStorage } from '../storage/createStorage';

async function main(): Promise<void> {
  const config = parseConfig();
  const backend = createStorage(config, (message) => console.error(message));
  try {
    await backend.ready();
    const entries = await new CurationStore(backend.storage, config.DATA_RETENTION_DAYS).list();
    const kb = loadKnowledgeBase();
    const titleOf = (id: string) => kb.topicsById.get(id)?.title;
    const report = gapsReport(entries, titleOf);
    console.log(
      process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatGapsReport(report, config.DATA_RETENTION_DAYS, titleOf),
    );
  } finally {
    await backend.close();
  }
}

main().catch((error: Error) => {
  console.error(`kb:gaps failed: ${error.message}`);
  process.exitCode = 1;
});
