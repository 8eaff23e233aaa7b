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
const yesNo: ReplyChoice[] = [{ label: 'Yes, go ahead', value: 'yes' }, { label: 'No thanks', value: 'no' }];
const many = (n: number): ReplyChoice[] => Array.from({ length: n }, (_, i) => ({ label: `Option ${i + 1}`, value: `option ${i + 1}` }));
const emergency: BotReply = { text: 'Call 999 now, or go to A&E straight away.', card: { kind: 'triage', level: 'emergency', action: { label: 'Call 999', url: 'tel:999' } } };
const summaryLines = 'Name: Sam Taylor\nContact: sam@example.com';
const bookingSummary: BotReply = {
  text: `Here's your request:\n\n${summaryLines}\n\nShall I send it to the clinic?`,
  choices: [{ label: 'Send it', value: 'send' }],
  card: { kind: 'bookingSummary', fields: [{ label: 'Name', value: 'Sam Taylor' }, { label: 'Contact', value: 'sam@example.com' }], linesInText: summaryLines },
};

/**
 * The Adaptive Card 1.5 schema, for the elements and actions these cards use: every object is a known
 * type with its required properties and no property the schema does not define.
 */
const CARD_SHAPES: Record<string, { required: string[]; optional: string[] }> = {
  AdaptiveCard: { required: ['type', 'version', 'body'], optional: ['$schema', 'actions', 'fallbackText'] },
  TextBlock: { required: ['type', 'text'], optional: ['wrap', 'weight', 'isSubtle', 'size'] },
  FactSet: { required: ['type', 'facts'], optional: [] },
  ActionSet: { required: ['type', 'actions'], optional: [] },
  'Action.Submit': { required: ['type', 'title'], optional: ['data'] },
  'Action.OpenUrl': { required: ['type', 'title', 'url'], optional: ['style'] },
};

function expectValidCard(card: unknown): void {
  const check = (node: Record<string, unknown>, where: string, allowed: string[]): void => {
    const shape = CARD_SHAPES[String(node.type)];
    expect({ where, type: node.type, known: Boolean(shape) && allowed.includes(String(node.type)) }).toEqual({ where, type: node.type, known: true });
    for (const key of shape.required) expect({ where, key, present: node[key] !== undefined }).toEqual({ where, key, present: true });
    for (const key of Object.keys(node)) expect({ where, key, defined: [...shape.required, ...shape.optional].includes(key) }).toEqual({ where, key, defined: true });
    if (node.type === 'Action.OpenUrl') expect(String(node.url)).toMatch(/^(https?|tel|mailto):/);
    if (node.style !== undefined) expect(['default', 'positive', 'destructive']).toContain(node.style);
    if (typeof node.title === 'string') expect(node.title.length).toBeGreaterThan(0);
    if (node.type === 'FactSet') for (const fact of node.facts as Array<Record<string, unknown>>) expect(Object.keys(fact).sort()).toEqual(['title', 'value']);
    const actions = ['Action.Submit', 'Action.OpenUrl'];
    for (const [i, child] of ((node.body as Array<Record<string, unknown>>) ?? []).entries()) check(child, `${where}.body[${i}]`, ['TextBlock', 'FactSet', 'ActionSet']);
    for (const [i, child] of ((node.actions as Array<Record<string, unknown>>) ?? []).entries()) check(child, `${where}.actions[${i}]`, actions);
  };
  const root = card as Record<string, unknown>;
  check(root, 'card', ['AdaptiveCard']);
  expect(root.version).toBe('1.5');
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
}

const blocksOfType = <T extends SlackBlock['type']>(blocks: SlackBlock[], type: T) => blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type);

describe('Web Chat renderer', () => {
  it('shows sources under the text, and links then choices as suggested actions', () => {
    const activity = renderReply({ text: 'Answer.', sources: ['A', 'B'], links: [{ label: 'Site', url: 'https://x.example' }], choices: yesNo }, options);
    expect(activity.text).toBe('Answer.\n\nSources: A; B');
    expect(activity.suggestedActions!.actions.map((a) => [a.type, a.value])).toEqual([['openUrl', 'https://x.example'], ['imBack', 'yes'], ['imBack', 'no']]);
  });

  it('puts the triage call first', () => {
    expect(renderReply(emergency, options).suggestedActions!.actions[0]).toMatchObject({ type: 'openUrl', title: 'Call 999', value: 'tel:999' });
  });
});

describe('Teams renderer (Adaptive Card 1.5)', () => {
  it('keeps the text in the message and adds a valid card with submit buttons', () => {
    const activity = renderTeamsReply({ text: 'May I keep them?', choices: yesNo }, options);
    expect(activity.text).toBe('May I keep them?');
    const card = activity.attachments![0].content;
    expectValidCard(card);
    expect(card.actions.map((a: { data: unknown }) => a.data)).toEqual([
      { choice: 'yes', msteams: { type: 'imBack', value: 'yes' } },
      { choice: 'no', msteams: { type: 'imBack', value: 'no' } },
    ]);
    expect(card.fallbackText).toBe('Reply with: yes / no');
  });

  it('moves more than six buttons into action sets of five', () => {
    const card = teamsCard({ text: 'Pick one', choices: many(12) }, options)!;
    expectValidCard(card);
    expect(card.actions).toBeUndefined();
    expect(card.body.map((element) => (element.type === 'ActionSet' ? element.actions.length : 0))).toEqual([5, 5, 2]);
  });

  it('shows the booking summary as facts and drops those lines from the text', () => {
    const activity = renderTeamsReply(bookingSummary, options);
    expect(activity.text).toBe("Here's your request:\n\nShall I send it to the clinic?");
    const card = activity.attachments![0].content;
    expectValidCard(card);
    expect(card.body[0]).toEqual({ type: 'FactSet', facts: [{ title: 'Name', value: 'Sam Taylor' }, { title: 'Contact', value: 'sam@example.com' }] });
  });

  it('gives the emergency call a red button, and plain answers no card at all', () => {
    const card = teamsCard(emergency, options)!;
    expectValidCard(card);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Call 999', url: 'tel:999', style: 'destructive' }]);
    expect(renderTeamsReply({ text: 'Just text.', sources: ['A'] }, options)).toEqual({ type: 'message', text: 'Just text.\n\nSources: A', textFormat: 'markdown' });
  });
});

describe('Slack renderer (Block Kit)', () => {
  it('renders text as mrkdwn sections, choices as buttons carrying their value, sources as context', () => {
    const message = renderSlackMessage({ text: 'Try **hip bridges** and see [this guide](https://x.example/a?b=1&c=2).', choices: yesNo, sources: ['Glutes & running'] }, options);
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Try *hip bridges* and see <https://x.example/a?b=1&c=2|this guide>.' } });
    const [actions] = blocksOfType(message.blocks, 'actions');
    expect(actions.elements.map((button) => [button.text.text, button.value])).toEqual([['Yes, go ahead', 'yes'], ['No thanks', 'no']]);
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
    for (const section of blocksOfType(message.blocks, 'section')) expect('text' in section && section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(blocksOfType(message.blocks, 'section').length).toBeGreaterThan(3);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);

    const huge = renderSlackMessage({ text: 'x', choices: many(400) }, options);
    expect(huge.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it('marks emergencies, keeps tel: links out of buttons, and shows the booking summary as fields', () => {
    expect(renderSlackMessage(emergency, options).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: ':rotating_light: Call 999 now, or go to A&amp;E straight away.' } }]);
    const withLinks = renderSlackMessage({ text: 'x', links: [{ label: 'Call', url: 'tel:999' }, { label: 'Book', url: 'https://clinic.example' }] }, options);
    expect(blocksOfType(withLinks.blocks, 'actions')[0].elements).toEqual([{ type: 'button', text: { type: 'plain_text', text: 'Book', emoji: true }, action_id: 'link_0', url: 'https://clinic.example' }]);
    const summary = renderSlackMessage(bookingSummary, options);
    expect(summary.blocks[0]).toMatchObject({ text: { text: "Here's your request:\n\nShall I send it to the clinic?" } });
    expect(summary.blocks[1]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Name*\nSam Taylor' }, { type: 'mrkdwn', text: '*Contact*\nsam@example.com' }] });
  });

  it('converts markdown to mrkdwn and escapes what Slack would read as markup', () => {
    expect(markdownToMrkdwn('**Bold**, *italic*, __bold__ and <script> & co')).toBe('*Bold*, _italic_, *bold* and &lt;script&gt; &amp; co');
    expect(markdownToMrkdwn('# Heading\n- one\n- two')).toBe('*Heading*\n• one\n• two');
  });

  it('the activity carries the text and the blocks; a text-only activity still becomes a section', () => {
    const activity = renderForChannel('slack', { text: 'Hello **runner**', choices: yesNo }, options);
    expect(activity.text).toBe('Hello **runner**');
    expect(slackMessageOf(activity)!.blocks.length).toBe(2);
    expect(slackMessageOf({ text: 'Reminder: call 999' })).toEqual({ text: 'Reminder: call 999', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Reminder: call 999' } }] });
    expect(slackMessageOf({ text: '  ' })).toBeUndefined();
  });
});

describe('plain-text renderer', () => {
  it('lists the choices as values to type, spells out links and drops markdown', () => {
    const activity = renderPlainText({ text: 'Your reference is **BT-7K3Q9**.', choices: yesNo, links: [{ label: 'Booking page', url: 'https://clinic.example' }], sources: ['A'] }, options);
    expect(activity.text).toBe('Your reference is BT-7K3Q9.\n\nSources: A\n\nBooking page: https://clinic.example\n\nReply with: yes / no');
  });

  it('does not repeat a link the text already gives, and is chosen for SMS', () => {
    expect(renderPlainText({ text: 'Book at https://clinic.example', links: [{ label: 'Book', url: 'https://clinic.example' }] }, options).text).toBe('Book at https://clinic.example');
    expect(renderForChannel('sms', { text: 'Pick', choices: yesNo }, options)).toEqual({ type: 'message', text: 'Pick\n\nReply with: yes / no', textFormat: 'plain' });
    expect(markdownToPlain('see [the guide](https://x.example) *now*')).toBe('see the guide (https://x.example) now');
  });
});

describe('renderer choice', () => {
  it('picks by channel id; unknown channels get Web Chat\'s suggested actions', () => {
    const reply = { text: 'Pick', choices: yesNo };
    expect(renderForChannel('msteams', reply, options).attachments).toHaveLength(1);
    expect(renderForChannel('slack', reply, options).channelData.blocks).toBeDefined();
    for (const channel of ['webchat', 'directline', 'emulator', 'telegram', undefined]) {
      expect(renderForChannel(channel, reply, options).suggestedActions!.actions).toHaveLength(2);
    }
  });
});
