/**
 * Build step: parses knowledge/, trains the classifier and compiles the safety rules once, and saves the
 * result as the checked cache start-up reads (src/knowledge/knowledgeCache.ts). Settings come from the
 * environment and .env as at start-up, so the cache's key matches the bot's.
 */
import '../quietDotenv';
import 'dotenv/config';
import { loadTrainedKnowledge } from '../services';
import { parseConfig } from '../config';
import { DEFAULT_CACHE_FILE } from '../knowledge/knowledgeCache';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/loadKnowledge';

const started = performance.now();
const config = parseConfig();
let saved = '';
loadTrainedKnowledge(DEFAULT_KNOWLEDGE_DIR, config.CLASSIFIER_THRESHOLD, DEFAULT_CACHE_FILE, (message) => (saved = message));
console.log(`${saved || 'knowledge: the cache is current'} (${DEFAULT_CACHE_FILE}, ${Math.round(performance.now() - started)} ms)`);
if (/no cache saved/.test(saved)) process.exitCode = 1;
