/**
 * The load `npm run bench` sends: whole conversations as runners have them, played back turn by turn
 * (each connection runs one conversation at a time, in order, with a fresh conversation id each time).
 * `expect` is checked once per conversation before the load (see checkConversations), so the timed turns
 * are known to do the real work, not to fall into a fallback reply.
 */
export interface BenchTurn {
  /** `join` is the conversationUpdate a channel sends when the user opens the chat. */
  kind: 'join' | 'message';
  text?: string;
  expect?: RegExp;
}

const say = (text: string, expect?: RegExp): BenchTurn => ({ kind: 'message', text, expect });

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
  // The whole symptom check, ending routine with a summary of every answer.
  [
    { kind: 'join' },
    say('check my symptoms', /may I keep your answers/i),
    say('yes', /Where is the pain/),
    say('in the middle', /How long/),
    say('about 2 weeks', /When does it hurt/),
    say('during and after runs', /How bad/),
    say('5', /legs/),
    say('nope', /bladder/),
    say('no', /fever/),
    say('no', /changed in your running/),
    say('doubled my mileage', /bend backwards/),
    say('yes', /injury before/),
    say('no', /told me: pain in the middle/),
  ],
  // Short and messy.
  [
    say('lowr bak pain wen runing why', /Sources:/),
    say('should i stop running?'),
    say('is it worth getting a back brace for running?', /Sources:/),
    say('bye'),
  ],
];
