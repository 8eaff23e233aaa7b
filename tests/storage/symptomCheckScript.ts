/**
 * One symptom check as a user types it, with what each reply must show, for the tests where the check is
 * interrupted (a restart) or spread over bot instances. A reply only shows the expected next question
 * when the bot remembered every earlier answer, so these checks catch lost state at the turn it is lost.
 */
export interface ScriptedTurn {
  says: string;
  /** What the reply to this message must contain. */
  expect: RegExp;
}

/** A mileage jump with pain on bending backwards: ends routine, with the physio offer. */
export const routineSymptomCheck: ScriptedTurn[] = [
  { says: 'check my symptoms', expect: /may I keep your answers/i },
  { says: 'yes', expect: /Where is the pain/ },
  { says: 'in the middle', expect: /How long have you had it/ },
  { says: 'about 10 days', expect: /When does it hurt/ },
  { says: 'during and after runs', expect: /How bad is it/ },
  { says: '5', expect: /in your legs/ },
  { says: 'nope', expect: /bladder or bowels/ },
  { says: 'no', expect: /fever or feel very unwell/ },
  { says: 'no', expect: /changed in your running/ },
  { says: 'doubled my mileage', expect: /bend backwards/ },
  { says: 'yes', expect: /injury before/ },
  // The summary repeats answers given on earlier turns: each one must have survived.
  { says: 'no', expect: /told me: pain in the middle .*about a week.*5\/10.*jump in mileage.*bending backwards[\s\S]*book a physio/i },
];
