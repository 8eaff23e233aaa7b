/**
 * Markdown helpers shared by the renderers that show markdown (Web Chat, Teams). Our wording writes a
 * line break as one "\n", as people do; markdown would join such lines into one, so they are turned
 * into hard breaks, and a list is kept apart from the lines around it. Text the user typed (a name in
 * the booking summary) is escaped, so it shows as typed: never as a link, an image or HTML.
 */

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s/;

/** Single line breaks stay line breaks; a list starts and ends on a paragraph boundary. */
export function withLineBreaks(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      let out = lines[0];
      for (let i = 1; i < lines.length; i += 1) {
        const [before, line] = [lines[i - 1], lines[i]];
        const listBefore = LIST_ITEM.test(before);
        const listNow = LIST_ITEM.test(line);
        if (listBefore && listNow) out += `\n${line}`;
        else if (listBefore !== listNow) out += `\n\n${line}`;
        else out += `  \n${line}`;
      }
      return out;
    })
    .join('\n\n');
}

/**
 * Backslash-escapes every ASCII punctuation character (CommonMark allows it for all of them), so
 * `[x](https://evil)`, `<img>`, `**` and bare addresses show as the characters typed. Line breaks
 * become spaces: a value is one line of a summary.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * Makes each phone number the reply offers as a call ("Call 999 now") a tel: link in the text, so a
 * phone dials it with one tap wherever the text is shown. Numbers already inside a link are left alone.
 */
export function linkPhoneNumbers(markdown: string, calls: Array<{ url: string }>): string {
  let text = markdown;
  for (const call of calls) {
    const digits = call.url.replace(/^tel:/, '');
    if (!/^\+?\d+$/.test(digits)) continue;
    // The number as written may have spaces ("116 123"): match its digits with optional single spaces.
    const spaced = digits
      .split('')
      .map((d) => (d === '+' ? '\\+' : d))
      .join(' ?');
    const pattern = new RegExp(`(?<![\\d\\[/:])(${spaced})(?![\\d\\]])(?![^\\[]*\\]\\()`, 'g');
    text = text.replace(pattern, (number) => `[${number}](${call.url})`);
  }
  return text;
}
