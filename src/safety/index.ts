/** The safety layer: red-flag screen, triage levels and escalation wording. */
export * from './types';
export {
  loadSafetyRules,
  loadRedFlagRules,
  loadRegions,
  loadEscalationMessages,
  loadRedFlagPhrases,
  compileRedFlags,
  checkEscalationMessages,
  DEFAULT_SAFETY_DIR,
} from './loadSafetyRules';
export { screenForRedFlags, confirmUnclear, unclearQuestion } from './redFlagDetector';
export {
  higherTriage,
  stickyTriage,
  isEscalation,
  resolveRegion,
  composeEscalation,
  composeTriageMessage,
  composeReminder,
  fillTemplate,
  DEFAULT_REGIONS,
  type MessageSource,
} from './triage';
export { evaluateRedFlags, formatRedFlagReport, type RedFlagEvaluation, type LevelScore } from './evaluation';
export type { RedFlagPhrase } from './schema';
