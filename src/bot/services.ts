/**
 * Everything a turn needs, built once at start-up: knowledge, the trained classifier, safety rules,
 * wording and state accessors. Loading and training happen here so a bad knowledge file stops the bot
 * at start, not on a user's turn.
 */
import * as path from 'node:path';
import { ConversationState, UserState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderReply } from '../channels/renderReply';
import type { BotReply } from '../conversation/botReply';
import { createSay, type Say } from '../conversation/wording';
import { loadKnowledgeBase, readYamlFile, type KnowledgeBase } from '../knowledge/loadKnowledge';
import { trainIntentModel, type IntentModel } from '../nlp/intentClassifier';
import { lexiconFileSchema } from '../nlp/lexiconSchema';
import { loadSafetyRules } from '../safety/loadSafetyRules';
import { resolveRegion } from '../safety/triage';
import type { RegionSettings, SafetyRules } from '../safety/types';
import { loadSymptomCheckContent, type SymptomCheckContent } from '../symptoms/symptomCheckContent';
import type { AppConfig } from '../config';
import type { ReplyChoice } from '../conversation/botReply';
import { emptyConversationData, type ConversationData } from './conversationData';
import type { UserData } from './userData';

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
  menu: { starters: ReplyChoice[]; yesNo: ReplyChoice[]; intentChoices: Record<string, ReplyChoice> };
  conversationState: ConversationState;
  userState: UserState;
  conversationData: StatePropertyAccessor<ConversationData>;
  userData: StatePropertyAccessor<UserData>;
  dialogState: StatePropertyAccessor<DialogState>;
  send(context: TurnContext, reply: BotReply): Promise<void>;
}

export interface ServiceOptions {
  config: AppConfig;
  storage: Storage;
  knowledgeDir?: string;
  /** Chooses among wording variants; tests pass () => 0 for stable transcripts. */
  pickVariant?: (n: number) => number;
}

export function createServices({ config, storage, knowledgeDir, pickVariant }: ServiceOptions): BotServices {
  const kb = loadKnowledgeBase(knowledgeDir);
  const lexicon = readYamlFile(path.join(kb.dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema);
  const intentModel = trainIntentModel([...kb.topics, ...kb.conversationIntents], lexicon, {
    threshold: config.CLASSIFIER_THRESHOLD,
    unknownIntent: 'out_of_scope',
  });
  const safety = loadSafetyRules(path.join(kb.dir, 'safety'));
  const region = resolveRegion(safety, config.REGION, {
    emergencyNumber: config.EMERGENCY_NUMBER,
    crisisLine: config.CRISIS_LINE,
    urgentRoute: config.URGENT_ROUTE,
  });
  const say = createSay(kb.wording, { emergencyNumber: region.emergencyNumber }, pickVariant);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const sourcesLabel = say('sources_label');
  return {
    config,
    kb,
    intentModel,
    safety,
    region,
    say,
    symptomCheck: loadSymptomCheckContent(kb.dir),
    menu: kb.menu,
    conversationState,
    userState,
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    userData: userState.createProperty<UserData>('userData'),
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    send: async (context, reply) => {
      await context.sendActivity(renderReply(reply, { sourcesLabel }));
    },
  };
}

export async function conversationDataOf(services: BotServices, context: TurnContext): Promise<ConversationData> {
  return services.conversationData.get(context, emptyConversationData());
}
