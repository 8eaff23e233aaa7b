/**
 * Every message key the code asks wording.yaml for. The knowledge check fails when one is missing,
 * so an editor who renames or deletes a message finds out from `npm run kb:check`, not from a user.
 */
export const REQUIRED_WORDING_KEYS = [
  'welcome',
  'disclaimer',
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'identity',
  'start_over',
  'out_of_scope',
  'clarify',
  'clarify_nothing',
  'empty_message',
  'attachment_only',
  'too_long',
  'markup_only',
  'emoji_only',
  'other_language',
  'other_language_emergency',
  'sources_label',
  'tell_me_more_prompt',
  'no_more_detail',
  'suggestions_prompt',
  'turn_error',
  'red_flag_cleared',
  'call_emergency_button',
  'reply_with_choices',
] as const;

export type WordingKey = (typeof REQUIRED_WORDING_KEYS)[number];
