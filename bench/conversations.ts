/**
 * The load `npm run bench` sends: whole conversations as runners have them, played back turn by turn
 * (each connection runs one conversation at a time, in order, with a fresh conversation id each time),
 * mixed with returning users: single turns on conversations already stored (picked at random among the
 * stored ones, so with 100,000 stored almost every one is read from disk, not from the bot's memory).
 * `expect` is checked once per conversation before the load (see checkConversations), so the timed turns
 * are known to do the real work, not to fall into a fallback reply.
 */
export interface BenchTurn {
  /** `join` is the conversationUpdate a channel sends when the user opens the chat. */
  kind: 'join' | 'message' | 'returning';
  text?: string;
  expect?: RegExp;
}

const say = (text: string, expect?: RegExp): BenchTurn => ({ kind: 'message', text, expect });
const returning = (text: string, expect?: RegExp): BenchTurn => ({ kind: 'returning', text, expect });

/** Eight returning users, each with one question. */
const returningUsers: BenchTurn[][] = [
  'how often should I replace my running shoes?',
  'what stretches help',
  'is it worth getting a back brace for running?',
  'why does my back hurt when i run',
  'how often should I replace my running shoes?',
  'should i stop running?',
  'what stretches help',
  'why does my back hurt when i run',
].map((text) => [returning(text)]);

export const benchConversations: BenchTurn[][] = [
  // Questions and follow-ups, one with typos.
  [
    { kind: 'join', expect: /not a diagnosis/i },
    say('why does my back hurt when i run', /Sources:/),
    say('tell me more', /Sources:/),
    say('what stretches help', /Sources:/),
    say('how often should I replace my running shoes?', /300/),
    say('thanks'),
  ],
  ...returningUsers,
  // Booking a physio, from consent to the reference.
  [
    { kind: 'join' },
    say('book a physio', /Is that OK\?/),
    say('yes', /What name/),
    say('Alex Marathonson', /reach you/),
    say('alex.runner@example.com', /When suits you/),
    say('tuesday evenings after 6', /Anything else/),
    say('no', /Shall I send it/),
    say('send', /BT-[2-9A-Z]{5}/),
  ],
  // A red flag: the emergency answer at once, then the reminder on the next answer.
  [say("I suddenly can't control my bladder", /999/), say('what stretches help', /999/)],
  // The whole symptom check, ending routine with a summary of every answer.
  [
    { kind: 'join' },
    say('check my symptoms', /may I keep your answers/i),
    say('yes', /Where is the pain/),
    say('in the middle', /How long/),
    say('about 10 days', /When does it hurt/),
    say('during and after runs', /How bad/),
    say('5', /legs/),
    say('nope', /bladder/),
    say('no', /fever/),
    say('no', /changed in your running/),
    say('doubled my mileage', /bend backwards/),
    say('yes', /injury before/),
    say('no', /told me: pain in the middle/),
  ],
  ...returningUsers,
  // Short and messy.
  [
    say('lowr bak pain wen runing why', /Sources:/),
    say('should i stop running?'),
    say('is it worth getting a back brace for running?', /Sources:/),
    say('bye'),
  ],
];

/** The conversations that make the stored state (returning users need something stored to return to). */
export const templateConversations = benchConversations.filter((conversation) => conversation[0].kind !== 'returning');
