/**
 * Everything a turn needs, built once at start-up: knowledge, the trained classifier, safety rules,
 * wording and state accessors. Loading and training happen here so a bad knowledge file stops the bot
 * at start, not on a user's turn.
 */
import * as path from 'node:path';
import type { ConversationState, StatePropertyAccessor, Storage, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderForChannel } from './channels/renderForChannel';
import type { BotReply } from './conversation/botReply';
import { createSay, type Say } from './conversation/wording';
import { cacheKey, readKnowledgeCache, writeKnowledgeCache } from './knowledge/knowledgeCache';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeBase, readYamlFile, type KnowledgeBase } from './knowledge/loadKnowledge';
import { trainIntentModel, type IntentModel } from './nlp/intentClassifier';
import { lexiconFileSchema } from './nlp/lexiconSchema';
import { loadSafetyRules } from './safety/loadSafetyRules';
import { trainRedFlagSecondOpinion } from './safety/secondOpinionTraining';
import { resolveRegion } from './safety/triage';
import type { RegionSettings, SafetyRules } from './safety/types';
import { loadSymptomCheckContent, type SymptomCheckContent } from './symptoms/symptomCheckContent';
import type { AppConfig } from './config';
import type { ReplyChoice } from './conversation/botReply';
import { emptyConversationData, type ConversationData } from './conversation/conversationData';
import { SavedOnceConversationState, SavedOnceUserState } from './conversation/savedOnceState';
import type { UserData } from './conversation/userData';
import { loadBookingContent, type BookingContent } from './booking/bookingContent';
import { BookingOutbox } from './booking/bookingOutbox';
import { BOOKINGS_FILE, BookingStore } from './booking/bookingStore';
import type { BookingRequest } from './booking/bookingTypes';
import { RecentTranscripts, sendHandoff } from './booking/handoff';
import { loadPrivacyContent, type PrivacyContent } from './privacy/privacyContent';
import { createMetrics, type BotMetrics } from './observability/metrics';
import { buildQuestionCatalogue, type QuestionCatalogue } from './questions/questionCatalogue';
import { loadQuestionWording, type QuestionWording } from './questions/questionWording';
import { answerReadingOf, type AnswerReading } from './questions/readContext';
import { loadNamedDays } from './language/namedDays';
import { phoneCountryFor } from './booking/contactDetails';
import { CurationStore } from './curation/curationStore';
import { reportsUnreadableRecords } from './storage/unreadableRecords';

export interface BotServices {
  config: AppConfig;
  kb: KnowledgeBase;
  intentModel: IntentModel;
  safety: SafetyRules;
  region: RegionSettings;
  say: Say;
  /** Wording and advice map of the symptom check (knowledge/symptom-check.yaml). */
  symptomCheck: SymptomCheckContent;
  /** Suggestion buttons from knowledge/menu.yaml. */
  menu: {
    starters: ReplyChoice[];
    yesNo: ReplyChoice[];
    intentChoices: Record<string, ReplyChoice>;
    nextSteps: { afterBooking: ReplyChoice[]; afterSelfCare: ReplyChoice[] };
  };
  conversationState: ConversationState;
  userState: UserState;
  conversationData: StatePropertyAccessor<ConversationData>;
  userData: StatePropertyAccessor<UserData>;
  dialogState: StatePropertyAccessor<DialogState>;
  /** Booking requests on disk, and the outbox that delivers them to the clinic. */
  bookings: BookingStore;
  bookingOutbox: BookingOutbox;
  /** Wording of the booking flow (knowledge/booking.yaml). */
  booking: BookingContent;
  /** Prometheus counters and histograms (no personal data in labels). */
  metrics: BotMetrics;
  /** Wording of "what do you know about me" and "forget me" (knowledge/privacy.yaml). */
  privacy: PrivacyContent;
  /** Recent messages per conversation, in memory, for the handoff transcript. */
  transcripts: RecentTranscripts;
  /** Every question the dialogs ask, by id (src/questions), and the wording shared by them. */
  questions: QuestionCatalogue;
  questionWording: QuestionWording;
  /** What the answer readers read with: the language layer, named days, the region's conventions. */
  reading: AnswerReading;
  /** Questions the bot could not answer and ratings of its answers, for `npm run kb:gaps` (with consent only). */
  curation: CurationStore;
  send(context: TurnContext, reply: BotReply): Promise<void>;
  /**
   * Which of this turn's stored records (the conversation's, the user's) were unreadable (set aside,
   * started afresh) and the user has not been told yet: each is true once; call after state was read.
   */
  takeLostState(context: TurnContext): { conversation: boolean; user: boolean };
  /** Sends `handoff.initiate` when HANDOFF_ENABLED, with the transcript only if the user agreed to share. */
  handOff(context: TurnContext, request: BookingRequest, shareTranscript: boolean): Promise<void>;
}

export interface ServiceOptions {
  config: AppConfig;
  storage: Storage;
  knowledgeDir?: string;
  /** Chooses among wording variants; tests pass () => 0 for stable transcripts. */
  pickVariant?: (n: number) => number;
  /** Where booking requests are kept; defaults to DATA_DIR/bookings.jsonl. */
  bookingsFile?: string;
  log?: (message: string) => void;
  /** What an operator must see (save and delivery failures); defaults to `log`. */
  warn?: (message: string) => void;
  /** Start from the trained-knowledge cache in this file when it is current (knowledgeCache.ts). */
  knowledgeCacheFile?: string;
}

interface TrainedKnowledge {
  kb: KnowledgeBase;
  intentModel: IntentModel;
  safety: SafetyRules;
  symptomCheck: SymptomCheckContent;
  booking: BookingContent;
  privacy: PrivacyContent;
}

/**
 * Knowledge, the trained classifier and the safety rules never change while the process runs, so every
 * set of services in one process (tests and the evaluation build many) shares one copy.
 */
const trainedKnowledge = new Map<string, TrainedKnowledge>();

function buildTrainedKnowledge(knowledgeDir: string, threshold: number | undefined): TrainedKnowledge {
  const kb = loadKnowledgeBase(knowledgeDir);
  const lexicon = readYamlFile(path.join(kb.dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema);
  const intentModel = trainIntentModel([...kb.topics, ...kb.conversationIntents], lexicon, { threshold, unknownIntent: 'out_of_scope' });
  const safety = loadSafetyRules(path.join(kb.dir, 'safety'));
  safety.secondOpinion = trainRedFlagSecondOpinion(kb.dir, safety, ordinaryMessages(kb));
  return {
    kb,
    intentModel,
    safety,
    symptomCheck: loadSymptomCheckContent(kb.dir),
    booking: loadBookingContent(kb.dir),
    privacy: loadPrivacyContent(kb.dir),
  };
}

/**
 * With `cacheFile`, a cache whose key matches this knowledge, code and threshold is used instead of
 * parsing and training (see knowledgeCache.ts); a missing or stale one is rebuilt and, where the folder
 * is writable, saved for the next start.
 */
export function loadTrainedKnowledge(
  knowledgeDir = DEFAULT_KNOWLEDGE_DIR,
  threshold?: number,
  cacheFile?: string,
  log?: (message: string) => void,
): TrainedKnowledge {
  const memoKey = `${knowledgeDir}|${threshold ?? ''}`;
  const memo = trainedKnowledge.get(memoKey);
  if (memo) return memo;
  let loaded: TrainedKnowledge | null;
  const key = cacheFile ? cacheKey(knowledgeDir, { knowledgeDir, threshold: threshold ?? null }) : '';
  loaded = (cacheFile && readKnowledgeCache<TrainedKnowledge>(cacheFile, key)) || null;
  if (!loaded) {
    loaded = buildTrainedKnowledge(knowledgeDir, threshold);
    if (cacheFile) {
      try {
        writeKnowledgeCache(cacheFile, key, loaded);
        log?.(`knowledge: parsed and trained afresh; cache saved for the next start`);
      } catch (error) {
        log?.(`knowledge: parsed and trained afresh; no cache saved (${(error as Error).message})`);
      }
    }
  }
  trainedKnowledge.set(memoKey, loaded);
  return loaded;
}

/** The ordinary messages the second opinion learns from: every training example of the topics and conversation intents. */
export function ordinaryMessages(kb: KnowledgeBase): string[] {
  return [...kb.topics, ...kb.conversationIntents].flatMap((intent) => intent.examples);
}

export function createServices({
  config,
  storage,
  knowledgeDir,
  pickVariant,
  bookingsFile,
  log,
  warn = log,
  knowledgeCacheFile,
}: ServiceOptions): BotServices {
  const { kb, intentModel, safety, symptomCheck, booking, privacy } = loadTrainedKnowledge(
    knowledgeDir,
    config.CLASSIFIER_THRESHOLD,
    knowledgeCacheFile,
    log,
  );
  const region = resolveRegion(safety, config.REGION, {
    emergencyNumber: config.EMERGENCY_NUMBER,
    crisisLine: config.CRISIS_LINE,
    urgentRoute: config.URGENT_ROUTE,
  });
  const say = createSay(kb.wording, { emergencyNumber: region.emergencyNumber }, pickVariant);
  const conversationState = new SavedOnceConversationState(storage);
  const conversationData = conversationState.createProperty<ConversationData>('conversationData');
  const userState = new SavedOnceUserState(storage);
  const renderOptions = { sourcesLabel: say('sources_label'), replyWithChoices: say('reply_with_choices') };
  const bookings = new BookingStore(bookingsFile ?? path.join(config.dataDir, BOOKINGS_FILE), { report: warn });
  const transcripts = new RecentTranscripts();
  const metrics = createMetrics();
  return {
    config,
    kb,
    intentModel,
    safety,
    region,
    say,
    symptomCheck,
    menu: kb.menu,
    conversationState,
    userState,
    conversationData,
    userData: userState.createProperty<UserData>('userData'),
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    bookings,
    bookingOutbox: new BookingOutbox(bookings, {
      webhookUrl: config.BOOKING_WEBHOOK_URL,
      baseDelayMs: config.BOOKING_RETRY_BASE_MS,
      timeoutMs: config.BOOKING_TIMEOUT_MS,
      pollMs: Math.min(1000, config.BOOKING_RETRY_BASE_MS),
      log,
      report: warn,
      onAttempt: (outcome) =>
        metrics.deliveries.inc({ outcome: outcome === 'ok' ? 'delivered' : outcome.startsWith('HTTP') ? 'http_error' : outcome }),
    }),
    metrics,
    booking,
    privacy,
    transcripts,
    questions: buildQuestionCatalogue({ symptomCheck, booking, privacy }),
    questionWording: loadQuestionWording(kb.dir),
    reading: answerReadingOf({
      language: safety.lexicon,
      concepts: safety.concepts,
      redFlags: safety,
      namedDays: loadNamedDays(kb.dir),
      phoneCountry: phoneCountryFor(config.REGION),
    }),
    curation: new CurationStore(storage, config.DATA_RETENTION_DAYS),
    send: async (context, reply) => {
      // Which question the user is now answering, if any: the red-flag screen reads the next message
      // in its light ("in my chest as well" after "where is the pain?").
      // Best effort: with storage down the reply (an escalation, say) must still go out.
      const data = await conversationData.get(context, emptyConversationData()).catch(() => undefined);
      if (data) data.awaitingAnswerTo = reply.choices?.find((c) => c.questionId)?.questionId;
      // The renderer is chosen here, at the edge, by the channel the turn came from.
      await context.sendActivity(renderForChannel(context.activity.channelId, reply, renderOptions));
    },
    takeLostState: (context) => {
      const taken = (key: string | undefined) => key !== undefined && reportsUnreadableRecords(storage) && storage.takeUnreadable(key);
      return { conversation: taken(conversationState.getStorageKey(context)), user: taken(userState.getStorageKey(context)) };
    },
    handOff: async (context, request, shareTranscript) => {
      if (!config.HANDOFF_ENABLED) return;
      await sendHandoff(context, request, shareTranscript ? transcripts.of(context.activity.conversation.id) : undefined);
    },
  };
}

export async function conversationDataOf(services: BotServices, context: TurnContext): Promise<ConversationData> {
  return services.conversationData.get(context, emptyConversationData());
}
