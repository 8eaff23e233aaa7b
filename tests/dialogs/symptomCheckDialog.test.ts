/** The symptom check on its own, through botbuilder-testing's DialogTestClient. */
import { AutoSaveStateMiddleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { SymptomCheckDialog } from '../../dialogs/symptomCheckDialog';
import { testServices } from '../helpers/testServices';

function startCheck(description = 'check my symptoms') {
  const services = testServices();
  const client = new DialogTestClient(
    'test',
    new SymptomCheckDialog(services),
    { description },
    [new AutoSaveStateMiddleware(services.userState, services.conversationState)],
    services.conversationState,
  );
  return { services, client };
}

/** Sends a message and returns the text of every reply in the turn. */
async function say(client: DialogTestClient, text: string): Promise<string[]> {
  const first = await client.sendActivity(text);
  const texts = first ? [String(first.text)] : [];
  for (let next = client.getNextReply(); next; next = client.getNextReply()) texts.push(String(next.text));
  return texts;
}

describe('SymptomCheckDialog', () => {
  it('asks for consent first, then one question at a time, re-asking an unclear answer with an example', async () => {
    const { client } = startCheck();
    const opening = await say(client, 'check my symptoms');
    expect(opening.join('\n')).toMatch(/not a diagnosis/i);
    expect(opening.at(-1)).toMatch(/may I keep your answers/i);

    expect((await say(client, 'yes')).join()).toMatch(/Where is the pain/);
    const reask = await say(client, 'dunno really');
    expect(reask).toHaveLength(1);
    expect(reask[0]).toMatch(/For example/);
    expect((await say(client, 'left side')).join()).toMatch(/How long/);
  });

  it('skips what the user already said in their first message', async () => {
    const { client } = startCheck('my lower back has hurt on the left for about 3 weeks, 6/10');
    await say(client, 'my lower back has hurt on the left for about 3 weeks, 6/10');
    const next = await say(client, 'yes');
    // location, duration and severity are known: the next question is about timing.
    expect(next.join()).toMatch(/When does it hurt/);
  });

  it("a benign runner's ache ends in self-care with fitting advice, sources and when to get help", async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    const answers = ['yes', 'in the middle', 'a few days', 'only while running', '3', 'no', 'no', 'no', 'new shoes', 'no'];
    let last: string[] = [];
    for (const answer of answers) last = await say(client, answer);
    const result = last.join('\n');
    expect(result).toMatch(/not a diagnosis/i);
    expect(result).toMatch(/Here is what you told me/);
    expect(result).toMatch(/shoe/i);
    expect(result).toMatch(/Sources:/);
    expect(client.dialogTurnResult.result).toEqual({ triage: 'self-care' });
  });

  it('a mileage jump with pain on bending backwards ends routine, with the physio offer', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    const answers = [
      'yes',
      'in the middle',
      'about 10 days',
      'during and after runs',
      '5',
      'nope',
      'no',
      'no',
      'doubled my mileage',
      'yes',
      'no',
    ];
    let last: string[] = [];
    for (const answer of answers) last = await say(client, answer);
    expect(client.dialogTurnResult.result).toEqual({ triage: 'routine' });
    expect(last.join('\n')).toMatch(/book a physio/i);
    expect(last.join('\n')).toMatch(/training|mileage/i);
  });

  it('a yes to the cauda equina screen ends the check at once with the emergency message', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    let question: string[] = [];
    for (const answer of ['yes', 'in the middle', 'a week', 'after runs', '7', 'no']) question = await say(client, answer);
    // Every cauda equina sign of the spec is in the question, sexual function included.
    expect(question.join('\n')).toMatch(/bladder[\s\S]*genitals, bottom or inner thighs[\s\S]*erections, ejaculation/);
    const reply = (await say(client, 'yes')).join('\n');
    expect(reply).toMatch(/999/);
    expect(reply).toMatch(/now/i);
    expect(reply).not.toMatch(/exercise|stretch|book/i);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('pain down both legs below the knees, given as where the pain is, ends the check at once with 999', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    await say(client, 'yes');
    const reply = (await say(client, 'lower back and down the back of both legs below the knees')).join('\n');
    expect(reply).toMatch(/999/);
    expect(reply).toMatch(/now/i);
    expect(reply).toMatch(/both legs/i);
    expect(reply).not.toMatch(/How long|exercise|stretch|book/i);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('pain into both thighs, given as where the pain is, is the same emergency', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    await say(client, 'no');
    const reply = (await say(client, 'both thighs')).join('\n');
    expect(reply).toMatch(/999/);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('pain across both sides of the lower back is not both legs: the check goes on', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    await say(client, 'yes');
    const reply = (await say(client, 'across both sides of my lower back')).join('\n');
    expect(reply).not.toMatch(/999/);
    expect(reply).toMatch(/How long/);
    expect(client.dialogTurnResult.status).toBe('waiting');
  });

  it('a first message that already says pain spreads below both knees escalates before any question', async () => {
    const description = 'my lower back hurts on both sides, spreading below my knees';
    const { client } = startCheck(description);
    const reply = (await say(client, description)).join('\n');
    expect(reply).toMatch(/999/);
    expect(reply).not.toMatch(/may I keep your answers|Where is the pain/i);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('pain at night says the urgent route at once, then asks on up to both safety screens before the result', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    for (const answer of ['yes', 'in the middle', 'a week']) await say(client, answer);
    const reply = (await say(client, 'at night')).join('\n');
    expect(reply).toMatch(/urgent GP appointment or call NHS 111 today/);
    expect(reply).toMatch(/worse at night/);
    expect(reply).toMatch(/How bad is it/);
    expect(reply).not.toMatch(/exercise|stretch/i);
    expect(client.dialogTurnResult.status).toBe('waiting');
    await say(client, '5');
    expect((await say(client, 'no')).join('\n')).toMatch(/bladder or bowels/);
    expect((await say(client, 'no')).join('\n')).toMatch(/fever or feel very unwell/);
    const result = (await say(client, 'no')).join('\n');
    expect(result).toMatch(/NHS 111 today/);
    expect(result).not.toMatch(/exercise|stretch|changed in your running/i);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('after an urgent answer, the leg question can still make it an emergency', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    for (const answer of ['yes', 'in the middle', 'a week', 'at night', '5']) await say(client, answer);
    const reply = (await say(client, 'both legs are numb')).join('\n');
    expect(reply).toMatch(/999/);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('an urgent answer followed by yes at the cauda equina screen is an emergency', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    for (const answer of ['yes', 'in the middle', 'a week', 'at night', '5', 'no']) await say(client, answer);
    const reply = (await say(client, 'yes')).join('\n');
    expect(reply).toMatch(/999/);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('without consent the check still runs and says the answers are not kept', async () => {
    const { client } = startCheck();
    await say(client, 'check my symptoms');
    const answers = ['no', 'in the middle', 'a few days', 'only while running', '2', 'no', 'no', 'no', 'no changes', 'no'];
    let last: string[] = [];
    for (const answer of answers) last = await say(client, answer);
    expect(last.join('\n')).toMatch(/not kept|deleted|have not kept/i);
  });
});
