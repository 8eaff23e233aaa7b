/**
 * Words that are also names on every JavaScript object ("constructor", "toString") are ordinary words:
 * the lexicon's lookups once answered them with the object's own functions and the turn failed.
 */
import { InProcessBot } from '../../src/evaluation/inProcessBot';

describe('words that name object properties', () => {
  it.each(['constructor', 'my dad is a constructor and his back hurts', 'toString valueOf hasOwnProperty __proto__'])(
    '"%s" gets a reply, not the apology for a failed turn',
    async (text) => {
      const turn = await new InProcessBot().say(text);
      expect(turn.text.length).toBeGreaterThan(0);
      expect(turn.text).not.toMatch(/something went wrong|sorry, i hit a problem|reference/i);
    },
  );
});
