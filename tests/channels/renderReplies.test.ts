/** One BotReply, one renderer per channel: Web Chat, Teams (Adaptive Card 1.5), Slack (Block Kit), plain text. */
import type { BotReply, ReplyChoice } from '../../src/conversation/botReply';
import { renderForChannel } from '../../src/channels/renderForChannel';
import { markdownToPlain, renderPlainText } from '../../src/channels/plainTextReply';
import { renderReply } from '../../src/channels/renderReply';
import { renderSlackMessage, SLACK_LIMITS, type SlackBlock } from '../../src/channels/slack/slackBlocks';
import { markdownToMrkdwn } from '../../src/channels/slack/slackMrkdwn';
import { slackMessageOf } from '../../src/channels/slack/slackReply';
import { teamsCard, renderTeamsReply } from '../../src/channels/teams/teamsReply';

const options = { sourcesLabel: 'Sources:', replyWithChoices: 'Reply with: {choices}' };
const yesNo: ReplyChoice[] = [
  { label: 'Yes, go ahead', value: 'yes' },
  { label: 'No thanks', value: 'no' },
];
const many = (n: number): ReplyChoice[] => Array.from({ length: n }, (_, i) => ({ label: `Option ${i + 1}`, value: `option ${i + 1}` }));
const emergency: BotReply = {
  text: "Call 999 now, or go to A&E straight away. Don't drive yourself.",
  card: { kind: 'triage', level: 'emergency', calls: [{ label: 'Call 999', url: 'tel:999' }] },
};
const crisis: BotReply = {
  text: "Please call 999 now if you don't feel safe. You can also talk to someone right now: Samaritans on 116 123.",
  card: {
    kind: 'triage',
    level: 'emergency',
    crisis: true,
    calls: [
      { label: 'Call 116 123', url: 'tel:116123' },
      { label: 'Call 999', url: 'tel:999' },
    ],
  },
};
const selfCare: BotReply = {
  text: 'Look after it yourself for now.',
  card: { kind: 'triage', level: 'self-care', calls: [], nextSteps: [{ label: 'Book a physio', value: 'book a physio' }] },
};
const summaryLines = 'Name: Sam Taylor\nContact: sam@example.com';
const bookingSummary: BotReply = {
  text: `Here's your request:\n\n${summaryLines}\n\nShall I send it to the clinic?`,
  choices: [{ label: 'Send it', value: 'send' }],
  card: {
    kind: 'bookingSummary',
    fields: [
      { label: 'Name', value: 'Sam Taylor' },
      { label: 'Contact', value: 'sam@example.com' },
    ],
    linesInText: summaryLines,
  },
};

/**
 * The Adaptive Card 1.5 schema, for the elements and actions these cards use: every object is a known
 * type with its required properties and no property the schema does not define.
 */
const CARD_SHAPES: Record<string, { required: string[]; optional: string[] }> = {
  AdaptiveCard: { required: ['type', 'version', 'body'], optional: ['$schema', 'actions', 'fallbackText', 'speak'] },
  TextBlock: { required: ['type', 'text'], optional: ['wrap', 'weight', 'isSubtle', 'size', 'color', 'style', 'spacing'] },
  Container: { required: ['type', 'items'], optional: ['style', 'selectAction', 'spacing', 'bleed'] },
  FactSet: { required: ['type', 'facts'], optional: [] },
  ActionSet: { required: ['type', 'actions'], optional: [] },
  'Action.Submit': { required: ['type', 'title'], optional: ['data'] },
  'Action.OpenUrl': { required: ['type', 'title', 'url'], optional: ['style'] },
};

function expectValidCard(card: unknown): void {
  const actions = ['Action.Submit', 'Action.OpenUrl'];
  const check = (node: Record<string, unknown>, where: string, allowed: string[]): void => {
    const shape = CARD_SHAPES[String(node.type)];
    expect({ where, type: node.type, known: Boolean(shape) && allowed.includes(String(node.type)) }).toEqual({
      where,
      type: node.type,
      known: true,
    });
    for (const key of shape.required) expect({ where, key, present: node[key] !== undefined }).toEqual({ where, key, present: true });
    for (const key of Object.keys(node))
      expect({ where, key, defined: [...shape.required, ...shape.optional].includes(key) }).toEqual({ where, key, defined: true });
    if (node.type === 'Action.OpenUrl') expect(String(node.url)).toMatch(/^(https?|tel|mailto):/);
    const styles: Record<string, string[]> = { Container: ['emphasis', 'attention', 'warning'], TextBlock: ['default', 'heading'] };
    if (node.style !== undefined) expect(styles[String(node.type)] ?? ['default', 'positive', 'destructive']).toContain(node.style);
    if (typeof node.title === 'string') expect(node.title.length).toBeGreaterThan(0);
    if (node.type === 'FactSet')
      for (const fact of node.facts as Array<Record<string, unknown>>) expect(Object.keys(fact).sort()).toEqual(['title', 'value']);
    const elements = ['TextBlock', 'FactSet', 'ActionSet', 'Container'];
    for (const [i, child] of ((node.body as Array<Record<string, unknown>>) ?? []).entries()) check(child, `${where}.body[${i}]`, elements);
    for (const [i, child] of ((node.items as Array<Record<string, unknown>>) ?? []).entries())
      check(child, `${where}.items[${i}]`, elements);
    if (node.selectAction) check(node.selectAction as Record<string, unknown>, `${where}.selectAction`, actions);
    for (const [i, child] of ((node.actions as Array<Record<string, unknown>>) ?? []).entries())
      check(child, `${where}.actions[${i}]`, actions);
  };
  const root = card as Record<string, unknown>;
  check(root, 'card', ['AdaptiveCard']);
  expect(root.version).toBe('1.5');
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
}

const blocksOfType = <T extends SlackBlock['type']>(blocks: SlackBlock[], type: T) =>
  blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type);

describe('Web Chat renderer', () => {
  it('shows sources under the text, and links then choices as suggested actions', () => {
    const activity = renderReply(
      { text: 'Answer.', sources: ['A', 'B'], links: [{ label: 'Site', url: 'https://x.example' }], choices: yesNo },
      options,
    );
    expect(activity.text).toBe('Answer.\n\nSources: A; B');
    expect(activity.suggestedActions!.actions.map((a) => [a.type, a.value])).toEqual([
      ['openUrl', 'https://x.example'],
      ['imBack', 'yes'],
      ['imBack', 'no'],
    ]);
  });

  it('shows an escalation as an alert card: the action first, the number a tel: link, a call button that stays', () => {
    const activity = renderReply(emergency, options);
    expect(activity.text).toBe(emergency.text);
    expect(activity.suggestedActions).toBeUndefined();
    const card = activity.attachments![0].content;
    expectValidCard(card);
    const [frame] = card.body;
    expect(frame).toMatchObject({ type: 'Container', style: 'attention' });
    expect(frame.items[0]).toMatchObject({
      type: 'TextBlock',
      style: 'heading',
      text: 'Call [999](tel:999) now, or go to A&E straight away.',
    });
    expect(frame.items[1].text).toBe("Don't drive yourself.");
    expect(frame.items[2]).toEqual({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Call 999', url: 'tel:999', style: 'destructive' }],
    });
    // Said once: the action is not repeated as a heading of its own.
    expect(JSON.stringify(card.body).match(/go to A&E/g)).toHaveLength(1);
  });

  it('gives a crisis the crisis line first, then the emergency number, both as tel: links', () => {
    const card = renderReply(crisis, options).attachments![0].content;
    expect(card.body[0].items.at(-1).actions.map((a: { url: string }) => a.url)).toEqual(['tel:116123', 'tel:999']);
    expect(JSON.stringify(card.body[0].items[1].text)).toContain('[116 123](tel:116123)');
  });

  it('keeps single line breaks and lists as written', () => {
    const text = renderReply({ text: "Call now if back pain comes with:\n- one\n- two\nDon't wait.\nLine two" }, options).text;
    expect(text).toBe("Call now if back pain comes with:\n\n- one\n- two\n\nDon't wait.  \nLine two");
  });

  it('shows the booking summary line by line, its values (what the user typed) as plain text, never links, images or HTML', () => {
    const name = '[Sam](https://evil.example) ![x](https://evil.example/i.png) <b>hi</b>';
    const lines = `Name: ${name}\nContact: sam@example.com`;
    const hostile: BotReply = {
      text: `Here's your request:\n\n${lines}\n\nShall I send it to the clinic?`,
      card: {
        kind: 'bookingSummary',
        linesInText: lines,
        fields: [
          { label: 'Name', value: name },
          { label: 'Contact', value: 'sam@example.com' },
        ],
      },
    };
    const text = renderReply(hostile, options).text!;
    expect(text).toBe(
      "Here's your request:\n\n" +
        'Name: \\[Sam\\]\\(https\\:\\/\\/evil\\.example\\) \\!\\[x\\]\\(https\\:\\/\\/evil\\.example\\/i\\.png\\) \\<b\\>hi\\<\\/b\\>  \n' +
        'Contact: sam\\@example\\.com\n\nShall I send it to the clinic?',
    );
  });

  it('ends a self-care result with its next steps as buttons', () => {
    expect(renderReply(selfCare, options).suggestedActions!.actions.map((a) => a.value)).toEqual(['book a physio']);
  });
});

describe('Teams renderer (Adaptive Card 1.5)', () => {
  it('puts the question in the card body and each choice in a full-width box whose label wraps', () => {
    const activity = renderTeamsReply({ text: 'May I keep them?', choices: yesNo }, options);
    expect(activity.text).toBeUndefined();
    expect(activity.summary).toBe('May I keep them?');
    const card = activity.attachments![0].content;
    expectValidCard(card);
    expect(card.body[0]).toEqual({ type: 'TextBlock', text: 'May I keep them?', wrap: true });
    const boxes = card.body.slice(1);
    expect(boxes.map((b: { selectAction: { data: unknown } }) => b.selectAction.data)).toEqual([
      { choice: 'yes', msteams: { type: 'imBack', value: 'yes' } },
      { choice: 'no', msteams: { type: 'imBack', value: 'no' } },
    ]);
    expect(boxes[0].items[0]).toMatchObject({ text: 'Yes, go ahead', wrap: true });
    expect(card.actions).toBeUndefined();
    expect(card.fallbackText).toBe('May I keep them?\n\nReply with: yes / no');
  });

  it('stacks any number of choices, one per row', () => {
    const card = teamsCard({ text: 'Pick one', choices: many(12) }, options)!;
    expectValidCard(card);
    expect(card.body.filter((element) => element.type === 'Container')).toHaveLength(12);
  });

  it('shows the booking summary as facts between the words before and the question after', () => {
    const card = renderTeamsReply(bookingSummary, options).attachments![0].content;
    expectValidCard(card);
    expect(card.body.slice(0, 3)).toEqual([
      { type: 'TextBlock', text: "Here's your request:", wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Name', value: 'Sam Taylor' },
          { title: 'Contact', value: 'sam@example.com' },
        ],
      },
      { type: 'TextBlock', text: 'Shall I send it to the clinic?', wrap: true },
    ]);
  });

  it('shows an emergency as the alert card with a red call button; plain answers get no card at all', () => {
    const card = teamsCard(emergency, options)!;
    expectValidCard(card);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(JSON.stringify(card)).toContain('"url":"tel:999","style":"destructive"');
    expect(renderTeamsReply({ text: 'Just text.' }, options)).toEqual({ type: 'message', text: 'Just text.', textFormat: 'markdown' });
  });

  it('carries sources under the answer in small print', () => {
    const card = teamsCard({ text: 'Answer.', sources: ['A'] }, options)!;
    expect(card.body.at(-1)).toEqual({ type: 'TextBlock', text: 'Sources: A', wrap: true, isSubtle: true, size: 'Small' });
  });
});

describe('Slack renderer (Block Kit)', () => {
  it('renders text as mrkdwn sections, choices as buttons carrying their value, sources as context', () => {
    const message = renderSlackMessage(
      { text: 'Try **hip bridges** and see [this guide](https://x.example/a?b=1&c=2).', choices: yesNo, sources: ['Glutes & running'] },
      options,
    );
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Try *hip bridges* and see <https://x.example/a?b=1&c=2|this guide>.' },
    });
    const [actions] = blocksOfType(message.blocks, 'actions');
    expect(actions.elements.map((button) => [button.text.text, button.value])).toEqual([
      ['Yes, go ahead', 'yes'],
      ['No thanks', 'no'],
    ]);
    expect(new Set(actions.elements.map((button) => button.action_id)).size).toBe(2);
    expect(blocksOfType(message.blocks, 'context')[0].elements[0].text).toBe('Sources: Glutes &amp; running');
  });

  it('keeps within Slack limits: five buttons per actions block, 3000-character sections, 75-character labels, 50 blocks', () => {
    const longLabel = { label: 'L'.repeat(120), value: 'long' };
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(60)}`).join('\n\n');
    const message = renderSlackMessage({ text: paragraphs, choices: [longLabel, ...many(11)] }, options);
    const actionBlocks = blocksOfType(message.blocks, 'actions');
    expect(actionBlocks.map((block) => block.elements.length)).toEqual([5, 5, 2]);
    expect(actionBlocks[0].elements[0].text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    for (const section of blocksOfType(message.blocks, 'section'))
      expect('text' in section && section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(blocksOfType(message.blocks, 'section').length).toBeGreaterThan(3);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);

    const huge = renderSlackMessage({ text: 'x', choices: many(400) }, options);
    expect(huge.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it('marks emergencies with the action first in bold and a tel: link that stays, and shows the booking summary as fields before its question', () => {
    expect(renderSlackMessage(emergency, options).blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: ":rotating_light: *Call <tel:999|999> now, or go to A&amp;E straight away.*\nDon't drive yourself." },
      },
      { type: 'section', text: { type: 'mrkdwn', text: ':telephone_receiver: *<tel:999|Call 999>*' } },
    ]);
    expect(renderSlackMessage(crisis, options).blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':telephone_receiver: *<tel:116123|Call 116 123>*   :telephone_receiver: *<tel:999|Call 999>*' },
    });
    const hostile = renderSlackMessage(
      {
        ...bookingSummary,
        card: {
          kind: 'bookingSummary',
          linesInText: summaryLines,
          fields: [{ label: 'Name', value: '[Sam](https://evil.example) <!channel>' }],
        },
      },
      options,
    );
    expect(hostile.blocks[1]).toEqual({
      type: 'section',
      fields: [{ type: 'mrkdwn', text: '*Name*\n[Sam](https://evil.example) &lt;!channel&gt;' }],
    });
    const withLinks = renderSlackMessage(
      {
        text: 'x',
        links: [
          { label: 'Call', url: 'tel:999' },
          { label: 'Book', url: 'https://clinic.example' },
        ],
      },
      options,
    );
    expect(blocksOfType(withLinks.blocks, 'actions')[0].elements).toEqual([
      { type: 'button', text: { type: 'plain_text', text: 'Book', emoji: true }, action_id: 'link_0', url: 'https://clinic.example' },
    ]);
    // In reading order: the words before the summary, its fields, then the question about them.
    const summary = renderSlackMessage(bookingSummary, options);
    expect(summary.blocks.slice(0, 3)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: "Here's your request:" } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Name*\nSam Taylor' },
          { type: 'mrkdwn', text: '*Contact*\nsam@example.com' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: 'Shall I send it to the clinic?' } },
    ]);
  });

  it('converts markdown to mrkdwn and escapes what Slack would read as markup', () => {
    expect(markdownToMrkdwn('**Bold**, *italic*, __bold__ and <script> & co')).toBe('*Bold*, _italic_, *bold* and &lt;script&gt; &amp; co');
    expect(markdownToMrkdwn('# Heading\n- one\n- two')).toBe('*Heading*\n• one\n• two');
  });

  it('the activity carries the text and the blocks; a text-only activity still becomes a section', () => {
    const activity = renderForChannel('slack', { text: 'Hello **runner**', choices: yesNo }, options);
    expect(activity.text).toBe('Hello **runner**');
    expect(slackMessageOf(activity)!.blocks.length).toBe(2);
    expect(slackMessageOf({ text: 'Reminder: call 999' })).toEqual({
      text: 'Reminder: call 999',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Reminder: call 999' } }],
    });
    expect(slackMessageOf({ text: '  ' })).toBeUndefined();
  });
});

describe('plain-text renderer', () => {
  it('lists the choices as values to type, spells out links and drops markdown', () => {
    const activity = renderPlainText(
      {
        text: 'Your reference is **BT-7K3Q9**.',
        choices: yesNo,
        links: [{ label: 'Booking page', url: 'https://clinic.example' }],
        sources: ['A'],
      },
      options,
    );
    expect(activity.text).toBe('Your reference is BT-7K3Q9.\n\nSources: A\n\nBooking page: https://clinic.example\n\nReply with: yes / no');
  });

  it('does not repeat a link the text already gives, and is chosen for SMS', () => {
    expect(
      renderPlainText({ text: 'Book at https://clinic.example', links: [{ label: 'Book', url: 'https://clinic.example' }] }, options).text,
    ).toBe('Book at https://clinic.example');
    expect(renderForChannel('sms', { text: 'Pick', choices: yesNo }, options)).toEqual({
      type: 'message',
      text: 'Pick\n\nReply with: yes / no',
      textFormat: 'plain',
    });
    expect(markdownToPlain('see [the guide](https://x.example) *now*')).toBe('see the guide (https://x.example) now');
  });
});

describe('renderer choice', () => {
  it("picks by channel id; unknown channels get Web Chat's suggested actions", () => {
    const reply = { text: 'Pick', choices: yesNo };
    expect(renderForChannel('msteams', reply, options).attachments).toHaveLength(1);
    expect(renderForChannel('sms', selfCare, options).text).toBe('Look after it yourself for now.\n\nReply with: book a physio');
    expect(renderForChannel('slack', reply, options).channelData.blocks).toBeDefined();
    for (const channel of ['webchat', 'directline', 'emulator', 'telegram', undefined]) {
      expect(renderForChannel(channel, reply, options).suggestedActions!.actions).toHaveLength(2);
    }
  });
});
