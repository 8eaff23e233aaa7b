/**
 * From a red-flag screen to what the bot says: the triage level a conversation keeps, the region's
 * numbers, and the escalation text. Plain functions; the caller reads the environment and the files.
 */
import {
  TRIAGE_LEVELS,
  type EscalationMessages,
  type RedFlagRule,
  type RedFlagScreen,
  type RegionOverrides,
  type RegionSettings,
  type RegionsConfig,
  type TriageLevel,
} from './types';

const rank = (level: TriageLevel): number => TRIAGE_LEVELS.length - TRIAGE_LEVELS.indexOf(level);

/** The more urgent of two levels (null means "nothing said yet"). */
export function higherTriage(a: TriageLevel | null | undefined, b: TriageLevel | null | undefined): TriageLevel | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return rank(a) >= rank(b) ? a : b;
}

/**
 * A conversation's triage after this turn. It never goes down by itself: once emergency or urgent has
 * been said it stays until the user starts over (the caller then passes previous = null).
 */
export function stickyTriage(previous: TriageLevel | null | undefined, current: TriageLevel | null | undefined): TriageLevel | null {
  return higherTriage(previous, current);
}

/** Does this level keep a reminder visible on later turns? */
export function isEscalation(level: TriageLevel | null | undefined): boolean {
  return level === 'emergency' || level === 'urgent';
}

/**
 * Built-in copy of knowledge/safety/regions.yaml (a test keeps the two equal), so a caller without the
 * loaded rules still gets safe numbers.
 */
export const DEFAULT_REGIONS: RegionsConfig = {
  defaultRegion: 'eu',
  regions: {
    uk: {
      code: 'uk',
      name: 'United Kingdom',
      aliases: ['gb', 'gbr', 'united kingdom', 'england', 'scotland', 'wales', 'northern ireland'],
      emergencyNumber: '999',
      emergencyDepartment: 'A&E',
      urgentRoute: 'get an urgent GP appointment or call NHS 111',
      crisisLine: 'Samaritans on 116 123 (free, day or night)',
      locale: 'en-GB',
    },
    us: {
      code: 'us',
      name: 'United States',
      aliases: ['usa', 'united states', 'america'],
      emergencyNumber: '911',
      emergencyDepartment: 'the emergency room',
      urgentRoute: 'go to urgent care or see your doctor',
      crisisLine: 'the 988 Suicide & Crisis Lifeline (call or text 988, any time)',
      locale: 'en-US',
    },
    eu: {
      code: 'eu',
      name: 'European Union and other countries',
      aliases: [
        'other',
        'europe',
        'at',
        'be',
        'bg',
        'hr',
        'cy',
        'cz',
        'dk',
        'ee',
        'fi',
        'fr',
        'de',
        'gr',
        'hu',
        'ie',
        'it',
        'lv',
        'lt',
        'lu',
        'mt',
        'nl',
        'pl',
        'pt',
        'ro',
        'sk',
        'si',
        'es',
        'se',
      ],
      emergencyNumber: '112',
      emergencyDepartment: 'the nearest emergency department',
      urgentRoute: 'see an out-of-hours doctor or your GP',
      crisisLine: 'the emergency number 112, or your local crisis line',
      locale: 'en-IE',
    },
  },
};

type RegionSource = RegionsConfig | { regions: RegionsConfig };

const regionsOf = (source: RegionSource): RegionsConfig => ('defaultRegion' in source ? source : source.regions);

/** The region's settings with the caller's overrides; unknown or missing codes get the default (EU/other). */
export function resolveRegion(regionCode?: string | null, overrides?: RegionOverrides, regions?: RegionSource): RegionSettings;
export function resolveRegion(rules: RegionSource, regionCode?: string | null, overrides?: RegionOverrides): RegionSettings;
export function resolveRegion(
  first?: RegionSource | string | null,
  second?: string | null | RegionOverrides,
  third?: RegionOverrides | RegionSource,
): RegionSettings {
  let config: RegionsConfig;
  let code: string | null | undefined;
  let overrides: RegionOverrides | undefined;
  if (first !== null && typeof first === 'object') {
    config = regionsOf(first);
    code = second as string | null | undefined;
    overrides = third as RegionOverrides | undefined;
  } else {
    code = first;
    overrides = second as RegionOverrides | undefined;
    config = third ? regionsOf(third as RegionSource) : DEFAULT_REGIONS;
  }

  const base = findRegion(config, code) ?? config.regions[config.defaultRegion];
  if (!base) throw new Error(`regions: the default region "${config.defaultRegion}" is missing`);
  const pick = (value: string | undefined, fallback: string): string => (value && value.trim() !== '' ? value.trim() : fallback);
  return {
    code: base.code,
    name: base.name,
    emergencyDepartment: base.emergencyDepartment,
    locale: base.locale,
    emergencyNumber: pick(overrides?.emergencyNumber, base.emergencyNumber),
    crisisLine: pick(overrides?.crisisLine, base.crisisLine),
    urgentRoute: pick(overrides?.urgentRoute, base.urgentRoute),
  };
}

function findRegion(config: RegionsConfig, code: string | null | undefined): (RegionSettings & { aliases: string[] }) | undefined {
  if (!code) return undefined;
  const wanted = code.trim().toLowerCase();
  // "en-GB", "en_US": try the whole code, then the country part.
  const candidates = [wanted, ...wanted.split(/[-_]/).slice(1)];
  for (const candidate of candidates) {
    for (const [key, region] of Object.entries(config.regions)) {
      if (key === candidate || region.aliases.includes(candidate)) return region;
    }
  }
  return undefined;
}

/** Where the wording comes from: the loaded safety rules (with each flag's reason) or the messages alone. */
export type MessageSource = EscalationMessages | { messages: EscalationMessages; flags?: RedFlagRule[] };

function messagesOf(source: MessageSource): { messages: EscalationMessages; flags: RedFlagRule[] } {
  if ('messages' in source) return { messages: source.messages, flags: source.flags ?? [] };
  return { messages: source, flags: [] };
}

/** Fills {placeholders}; unknown ones are left visible so a test catches them. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return (
    template
      .replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
      .replace(/[ \t]+/g, ' ')
      .replace(/ +([.,;:])/g, '$1')
      .trim()
      // A placeholder that starts a sentence ("{urgentRoute} today if ...") starts with a capital.
      .replace(/(^|[.!?]\s+)([a-z])/g, (whole, before: string, letter: string) => before + letter.toUpperCase())
  );
}

function valuesFor(region: RegionSettings, messages: EscalationMessages, reason: string): Record<string, string> {
  return {
    emergencyNumber: region.emergencyNumber,
    emergencyDepartment: region.emergencyDepartment,
    urgentRoute: region.urgentRoute,
    crisisLine: region.crisisLine,
    notDiagnosis: messages.notDiagnosis,
    reason,
  };
}

/**
 * Why it matters, at most two sentences. Flags that suggest the same thing (new bladder trouble and
 * saddle numbness both point at the nerves at the base of the spine) share one reason, said once.
 */
function reasonsFor(hitIds: string[], flags: RedFlagRule[], fallback: Map<string, string>): string {
  const sentences: string[] = [];
  const explained = new Set<string>();
  for (const id of hitIds) {
    const flag = flags.find((f) => f.id === id);
    const suggests = flag?.suggests ?? fallback.get(id);
    if (suggests !== undefined && explained.has(suggests)) continue;
    const sentence = flag ? flag.reason : suggests !== undefined ? `It can be a sign of ${suggests}.` : '';
    if (suggests !== undefined) explained.add(suggests);
    if (sentence && !sentences.includes(sentence)) sentences.push(sentence);
    if (sentences.length === 2) break;
  }
  return sentences.join(' ');
}

/** The message for one triage level, e.g. the result of a symptom check. `reasons` are sentences. */
export function composeTriageMessage(level: TriageLevel, region: RegionSettings, source: MessageSource, reasons: string[] = []): string {
  const { messages } = messagesOf(source);
  return fillTemplate(messages.levels[level], valuesFor(region, messages, reasons.join(' ')));
}

/**
 * The reply to a screen: crisis wording for suicide/self-harm; otherwise the wording of the screen's
 * level, with why it matters. A screen without hits gets the self-care wording.
 */
export function composeEscalation(screen: RedFlagScreen, region: RegionSettings, source: MessageSource): string {
  const { messages } = messagesOf(source);
  const text = escalationFor(screen, region, source);
  return screen.forSomeoneElse ? `${fillTemplate(messages.forSomeoneElse, valuesFor(region, messages, ''))}\n\n${text}` : text;
}

function escalationFor(screen: RedFlagScreen, region: RegionSettings, source: MessageSource): string {
  const { messages, flags } = messagesOf(source);
  const suggests = new Map(screen.hits.map((hit) => [hit.id, hit.suggests]));
  if (screen.crisis) {
    const crisisIds = new Set(flags.filter((f) => f.crisis).map((f) => f.id));
    const physical = screen.hits.filter((hit) => !crisisIds.has(hit.id) && isEscalation(hit.level) && !/suicid|self-harm/.test(hit.id));
    let text = fillTemplate(messages.crisis, valuesFor(region, messages, ''));
    if (physical.length > 0) {
      const reason = reasonsFor(
        physical.map((hit) => hit.id),
        flags,
        suggests,
      );
      text += `\n\n${fillTemplate(messages.crisisAlsoPhysical, valuesFor(region, messages, reason))}`;
    }
    return text;
  }
  const level = screen.level ?? 'self-care';
  const atLevel = screen.hits.filter((hit) => hit.level === level).map((hit) => hit.id);
  const reason = reasonsFor(atLevel, flags, suggests);
  return fillTemplate(messages.levels[level], valuesFor(region, messages, reason));
}

/**
 * The short reminder for later turns after an escalation ("Reminder: because of what you told me
 * earlier, please ..."). An empty string when the level needs none.
 */
export function composeReminder(
  level: TriageLevel | null | undefined,
  region: RegionSettings,
  source: MessageSource,
  options: { crisis?: boolean } = {},
): string {
  const { messages } = messagesOf(source);
  const values = valuesFor(region, messages, '');
  if (options.crisis) return fillTemplate(messages.reminders.crisis, values);
  if (level === 'emergency') return fillTemplate(messages.reminders.emergency, values);
  if (level === 'urgent') return fillTemplate(messages.reminders.urgent, values);
  return '';
}
