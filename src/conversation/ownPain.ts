/**
 * True when a message describes the user's own current pain ("my lower back hurts after long runs"),
 * rather than asking about back pain in general: then the answer also offers the symptom check.
 */
const FIRST_PERSON = /\b(my|i|i'?m|i'?ve|me)\b/i;
const PAIN = /\b(hurts?|hurting|pain(ful)?|aches?|aching|sore|stiff|twinges?|killing me|agony)\b/i;

export const describesOwnPain = (text: string): boolean => FIRST_PERSON.test(text) && PAIN.test(text);
