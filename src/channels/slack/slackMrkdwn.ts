/**
 * Between Bot Framework markdown and Slack's own mrkdwn. Slack reads `*bold*`, `_italic_` and
 * `<url|label>`, and needs &, < and > escaped; its messages arrive with mentions and links in the same
 * angle-bracket form. Plain functions.
 */

export const escapeSlack = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markdown as written in knowledge/ and wording, as Slack mrkdwn. */
export function markdownToMrkdwn(markdown: string): string {
  const links: string[] = [];
  // Links first, kept aside so escaping and emphasis rules leave their URLs alone.
  let text = markdown.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_whole, label: string, url: string) => {
    links.push(`<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeSlack(label).replace(/\|/g, '¦')}>`);
    return `\u0000${links.length - 1}\u0000`;
  });
  text = escapeSlack(text)
    .replace(/^#{1,6}\s+(.+)$/gm, '**$1**')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ')
    // Single-star italics before double-star bold, so the bold's new single stars are not re-read.
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?!\*)/g, '$1_$2_')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '*$2*');
  // eslint-disable-next-line no-control-regex -- NUL brackets the link placeholders put in above.
  return text.replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => links[Number(index)]);
}

export interface SlackTextOptions {
  /** User ids whose mentions are dropped (the bot's own): "<@U0BOT> hi" reads as "hi". */
  dropMentionsOf?: string[];
}

/** A Slack message's text as the user meant it: mentions, channel links and URLs in readable form. */
export function slackTextToPlain(text: string, options: SlackTextOptions = {}): string {
  const dropped = new Set(options.dropMentionsOf ?? []);
  return (
    text
      .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_whole, id: string, name?: string) => (dropped.has(id) ? '' : `@${name || id}`))
      .replace(/<#[A-Z0-9]+\|([^>]*)>/gi, '#$1')
      .replace(/<![a-z]+(?:\^[^|>]*)?(?:\|([^>]*))?>/gi, (whole, label?: string) => label ?? `@${whole.slice(2, -1).split('^')[0]}`)
      // Links, e-mail addresses and phone numbers: "<mailto:sam@example.com|sam@example.com>" -> the label.
      .replace(/<([^<>|]+)\|([^<>]*)>/g, '$2')
      .replace(/<([^<>]+)>/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/[ \t]{2,}/g, ' ')
      .trim()
  );
}
