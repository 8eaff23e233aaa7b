/**
 * The bot as Microsoft Teams sees it, through the app's own adapter and bot as verified turns (without
 * an app id /api/messages refuses channel "msteams"): activities on channel "msteams" get Adaptive
 * Cards that carry the words with the choices (stacked boxes), the emergency call and the booking
 * summary; card submits and @mentions in group chats are read as what the user typed.
 */
import { typedTextOf } from '../../src/conversation/incomingText';
import type { ReplyActivity } from '../../src/cli/directPost';
import { RUNNER } from '../helpers/bookingConversation';
import { messagesOf, startBot, VerifiedUser, type RunningBot } from '../helpers/runningBot';

interface CardAction {
  type: string;
  title: string;
  url?: string;
  style?: string;
  data?: { choice: string; questionId?: string; answer?: string; msteams: { type: string; value: unknown; displayText?: string } };
}
interface CardElement {
  type: string;
  text?: string;
  style?: string;
  facts?: Array<{ title: string; value: string }>;
  items?: CardElement[];
  actions?: CardAction[];
  selectAction?: CardAction;
}
interface CardJson {
  version: string;
  body: CardElement[];
  actions?: CardAction[];
}

const elementsOf = (elements: CardElement[]): CardElement[] => elements.flatMap((e) => [e, ...elementsOf(e.items ?? [])]);
/** Everything a card's body holds, nested containers included. */
const allElementsOf = (card: CardJson) => elementsOf(card.body);
/** What the user reads: the message text, or the words in its card. */
const wordsOf = (replies: ReplyActivity[]): string =>
  messagesOf(replies)
    .map(
      (r) =>
        r.text ||
        cardsOf([r])
          .flatMap(allElementsOf)
          .filter((e) => e.type === 'TextBlock')
          .map((e) => e.text)
          .join('\n'),
    )
    .join('\n');
const actionsOf = (card: CardJson): CardAction[] => [
  ...(card.actions ?? []),
  ...allElementsOf(card).flatMap((e) => [...(e.actions ?? []), ...(e.selectAction ? [e.selectAction] : [])]),
];

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const cardsOf = (replies: ReplyActivity[]): CardJson[] =>
  messagesOf(replies)
    .flatMap((r) => (r.attachments ?? []) as Array<{ contentType: string; content: CardJson }>)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);

describe('Teams replies', () => {
  it('greets with the words in the card and the starters as stacked boxes that post their value', async () => {
    const replies = await new VerifiedUser(bot.app, 'msteams').join();
    expect(wordsOf(replies)).toMatch(/not a diagnosis/i);
    const [card] = cardsOf(replies);
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock' });
    expect(card.actions).toBeUndefined();
    const submits = actionsOf(card).filter((a) => a.type === 'Action.Submit');
    expect(submits.length).toBeGreaterThanOrEqual(2);
    for (const submit of submits)
      expect(submit.data).toEqual({ choice: submit.data!.msteams.value, msteams: { type: 'imBack', value: submit.data!.choice } });
  });

  it('reads a card submit (value.choice, no text) as the typed choice', async () => {
    const user = new VerifiedUser(bot.app, 'msteams');
    const replies = await user.say('', { value: { choice: 'check my symptoms' } });
    expect(wordsOf(replies)).toMatch(/may I keep your answers/i);
    const [card] = cardsOf(replies);
    expect(allElementsOf(card).some((e) => e.type === 'TextBlock' && /may I keep your answers/i.test(e.text ?? ''))).toBe(true);
    // Answer buttons submit their label as the user's words, with the question id and canonical answer.
    const submits = actionsOf(card);
    expect(submits.map((a) => a.data?.choice)).toEqual(expect.arrayContaining(['Yes, keep them', "No, don't keep them"]));
    const yes = submits.find((a) => a.data?.choice === 'Yes, keep them')!;
    expect(yes.data).toMatchObject({
      questionId: 'symptoms.consent',
      answer: 'yes',
      msteams: { type: 'messageBack', displayText: 'Yes, keep them', value: { questionId: 'symptoms.consent', answer: 'yes' } },
    });
    // Teams posts the messageBack's text and value: the consent is applied to its own question.
    const next = await user.say('Yes, keep them', { value: { questionId: 'symptoms.consent', answer: 'yes' } });
    expect(wordsOf(next)).toMatch(/Where is the pain/);
  });

  it('an old "Yes" of an answered screen, tapped later, is recognised and changes no result', async () => {
    const user = new VerifiedUser(bot.app, 'msteams');
    for (const answer of ['check my symptoms', 'yes', 'one side', 'a few days', 'only while running', '2', 'no leg symptoms'])
      await user.say(answer);
    expect(wordsOf(await user.say('No', { value: { questionId: 'symptoms.caudaEquina', answer: 'no' } }))).toMatch(/fever/);
    const late = wordsOf(await user.say('Yes', { value: { questionId: 'symptoms.caudaEquina', answer: 'yes' } }));
    expect(late).toMatch(/earlier question/);
    expect(late).not.toMatch(/999|111/);
    expect(late).toMatch(/fever/);
  });

  it("runs a conversation in a group chat, where every message starts with the bot's @mention (stripping: see typedTextOf below)", async () => {
    const user = new VerifiedUser(bot.app, 'msteams');
    const mention = { type: 'mention', text: '<at>Back on Track</at>', mentioned: { id: 'back-on-track', name: 'Back on Track' } };
    const groupChat = { entities: [mention], conversation: { id: user.conversationId, isGroup: true, conversationType: 'groupChat' } };
    expect(wordsOf(await user.say('<at>Back on Track</at> check my symptoms', groupChat))).toMatch(/may I keep your answers/i);
    // Every message in a group chat carries the mention; the check still moves on one answer at a time.
    expect(wordsOf(await user.say('<at>Back on Track</at> yes', groupChat))).toMatch(/Where is the pain/);
  });

  it('shows the escalation as an alert card: the action first with a tel: link, and a red call button', async () => {
    const replies = await new VerifiedUser(bot.app, 'msteams').say("I can't feel the toilet paper when I wipe and I've wet myself");
    const [card] = cardsOf(replies);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(card.body[0].items![0].text).toMatch(/^Call \[999\]\(tel:999\) now/);
    const call = actionsOf(card).find((a) => a.type === 'Action.OpenUrl');
    expect(call).toMatchObject({ title: 'Call 999', url: 'tel:999', style: 'destructive' });
  });

  it('ends the booking confirmation with next-step buttons that post their value', async () => {
    const user = new VerifiedUser(bot.app, 'msteams');
    for (const answer of ['book a physio', 'yes', RUNNER.name, RUNNER.email, RUNNER.times, 'no']) await user.say(answer);
    const confirmation = await user.say('send');
    const cards = cardsOf(confirmation);
    expect(wordsOf(confirmation)).toMatch(/BT-[2-9A-Z]{5}/);
    const choices = cards.flatMap(actionsOf).filter((a) => a.data?.choice);
    expect(choices.map((a) => a.title)).toEqual(['Ease it while I wait', 'Exercises that help', 'Check my symptoms']);
    expect(choices[1].data?.choice).toBe('what exercises help lower back pain');
  });

  it('shows the booking summary as facts, not twice, before the question about it', async () => {
    const user = new VerifiedUser(bot.app, 'msteams');
    const answers = ['book a physio', 'yes', RUNNER.name, RUNNER.email, RUNNER.times];
    for (const answer of answers) await user.say(answer);
    const confirm = await user.say('no');
    expect(wordsOf(confirm)).toMatch(/Here's your request:\nShall I send it/);
    expect(wordsOf(confirm)).not.toContain(RUNNER.email);
    // Read top to bottom: the words, the details, then the question about them, then its choices.
    const readingOrder = cardsOf(confirm)[0].body.map((element) =>
      element.type === 'FactSet' ? 'details' : element.type === 'Container' ? 'choice' : (element.text ?? '').slice(0, 20),
    );
    expect(readingOrder).toEqual(["Here's your request:", 'details', 'Shall I send it to t', 'choice', 'choice', 'choice']);
    const facts = cardsOf(confirm).flatMap((card) => allElementsOf(card).flatMap((element) => element.facts ?? []));
    expect(facts).toEqual(
      expect.arrayContaining([
        { title: 'Name', value: RUNNER.name },
        { title: 'Contact', value: RUNNER.email },
      ]),
    );
  });
});

describe('typedTextOf', () => {
  const recipient = { id: '28:bot' };
  const mentionOf = (id: string, text: string) => ({ type: 'mention', text, mentioned: { id } });

  it("drops only the bot's own mention", () => {
    const text = '<at>Back on Track</at> ask <at>Sam</at> about hills';
    const entities = [mentionOf('28:bot', '<at>Back on Track</at>'), mentionOf('29:sam', '<at>Sam</at>')];
    expect(typedTextOf({ text, entities, recipient }).trim()).toBe('ask <at>Sam</at> about hills');
  });

  it('takes value.choice only when there is no text, and ignores other values', () => {
    expect(typedTextOf({ text: '', value: { choice: 'yes' } })).toBe('yes');
    expect(typedTextOf({ text: 'no', value: { choice: 'yes' } })).toBe('no');
    expect(typedTextOf({ value: { choice: 42 } })).toBe('');
    expect(typedTextOf({ value: 'yes' })).toBe('');
    expect(
      typedTextOf({
        text: '<at>Back on Track</at>',
        entities: [mentionOf('28:bot', '<at>Back on Track</at>')],
        recipient,
        value: { choice: 'help' },
      }),
    ).toBe('help');
  });
});
