/** Answer buttons on every channel carry the question id and canonical answer, and show the label. */
import type { BotReply } from '../../src/conversation/botReply';
import { renderForChannel } from '../../src/channels/renderForChannel';
import { readSlackButtonValue, renderSlackMessage } from '../../src/channels/slack/slackBlocks';
import { teamsCard } from '../../src/channels/teams/teamsReply';
import { tapOf } from '../../src/questions/tap';

const options = { sourcesLabel: 'Sources:', replyWithChoices: 'Reply with: {choices}' };
const reply: BotReply = {
  text: 'When did it start?',
  choices: [
    { label: '1 to 6 weeks', value: '7-41 days', questionId: 'symptoms.duration' },
    { label: 'Over 3 months', value: '84+ days', questionId: 'symptoms.duration' },
  ],
};

describe('answer buttons', () => {
  it('Web Chat: a messageBack showing the label, with the question and answer as its value', () => {
    const [first] = renderForChannel('webchat', reply, options).suggestedActions!.actions;
    expect(first).toEqual({
      type: 'messageBack',
      title: '1 to 6 weeks',
      text: '1 to 6 weeks',
      displayText: '1 to 6 weeks',
      value: { questionId: 'symptoms.duration', answer: '7-41 days' },
    });
    expect(tapOf({ value: first.value })).toEqual({ questionId: 'symptoms.duration', value: '7-41 days' });
  });

  it('Teams: Action.Submit data with the tap, and a fallback that lists what to type', () => {
    const card = teamsCard(reply, options)!;
    // Each choice is a full-width box in the card's body (labels wrap on a phone); the box is the button.
    const [first] = card.body.flatMap((element) => (element.type === 'Container' && element.selectAction ? [element.selectAction] : []));
    expect(first).toMatchObject({
      type: 'Action.Submit',
      data: { choice: '1 to 6 weeks', questionId: 'symptoms.duration', answer: '7-41 days' },
    });
    expect(card.fallbackText).toContain('Reply with: 1 to 6 weeks / Over 3 months');
  });

  it('Slack: the button value round-trips to the label as text and the tap as value', () => {
    const actions = renderSlackMessage(reply, options).blocks.find((b) => b.type === 'actions');
    const button = (actions as { elements: Array<{ value?: string; text: { text: string } }> }).elements[1];
    expect(button.text.text).toBe('Over 3 months');
    expect(readSlackButtonValue(button.value!, button.text.text)).toEqual({
      text: 'Over 3 months',
      tap: { questionId: 'symptoms.duration', answer: '84+ days' },
    });
    // A value that is not ours stays plain text.
    expect(readSlackButtonValue('book a physio', 'Book a physio')).toEqual({ text: 'book a physio' });
  });

  it('SMS: the labels are what to type (typing a label gives the same answer as tapping it)', () => {
    expect(renderForChannel('sms', reply, options).text).toContain('Reply with: 1 to 6 weeks / Over 3 months');
  });
});
