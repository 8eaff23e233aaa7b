/** The bot's real services on in-memory storage, for dialog tests (same as the in-process bot uses). */
export { inMemoryServices as testServices } from '../../src/evaluation/inProcessBot';
