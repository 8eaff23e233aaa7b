/** `npm run kb:check` as a test: the shipped knowledge passes, and each kind of editing mistake is caught. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { checkKnowledge } from '../../src/knowledge/checkKnowledge';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/loadKnowledge';
import { makeTempDir } from '../helpers/tempDir';

describe('knowledge check', () => {
  it('passes on the knowledge base as shipped, with every topic sourced', () => {
    const { problems, counts } = checkKnowledge();
    expect(problems).toEqual([]);
    expect(counts.topics).toBeGreaterThanOrEqual(45);
    expect(counts.heldOut).toBeGreaterThanOrEqual(200);
  });

  describe('catches editing mistakes', () => {
    let temp: ReturnType<typeof makeTempDir>;
    let topicsFile: string;
    beforeEach(() => {
      temp = makeTempDir('kb-');
      fs.cpSync(DEFAULT_KNOWLEDGE_DIR, temp.dir, { recursive: true });
      topicsFile = path.join(temp.dir, 'topics', 'causes.yaml');
    });
    afterEach(() => temp.cleanup());

    const editTopics = (edit: (topics: Array<Record<string, unknown>>) => void) => {
      const doc = YAML.parse(fs.readFileSync(topicsFile, 'utf8'));
      edit(doc.topics);
      fs.writeFileSync(topicsFile, YAML.stringify(doc));
    };

    it('an answer without sources', () => {
      editTopics((topics) => {
        topics[0].sources = [];
      });
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/sources/);
    });

    it('a source that is not in sources.yaml', () => {
      editTopics((topics) => {
        topics[0].sources = ['009_0000000000000000.txt'];
      });
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/not listed in sources.yaml/);
    });

    it('a source article missing from the SEEDS_DIR folder', () => {
      const seeds = path.join(temp.dir, 'seeds');
      fs.mkdirSync(seeds);
      const listed = (YAML.parse(fs.readFileSync(path.join(temp.dir, 'sources.yaml'), 'utf8')).sources as Array<{ file: string }>).map((s) => s.file);
      for (const file of listed.slice(1)) fs.writeFileSync(path.join(seeds, file), 'article');
      expect(checkKnowledge(temp.dir, seeds).problems).toEqual([`sources.yaml lists "${listed[0]}", which is not in ${seeds}`]);
    });

    it('a duplicated id', () => {
      editTopics((topics) => {
        topics[1].id = topics[0].id;
      });
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/used more than once/);
    });

    it('too few or repeated examples', () => {
      editTopics((topics) => {
        topics[0].examples = Array(8).fill('why does my back hurt');
      });
      const problems = checkKnowledge(temp.dir).problems.join('\n');
      expect(problems).toMatch(/repeats the example/);
      expect(problems).toMatch(/more varied examples/);
    });

    it('a related topic that does not exist', () => {
      editTopics((topics) => {
        topics[0].related = ['no-such-topic'];
      });
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/unknown topic "no-such-topic"/);
    });

    it('a message the code needs, deleted from wording.yaml', () => {
      const file = path.join(temp.dir, 'wording.yaml');
      const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
      delete doc.messages.clarify;
      fs.writeFileSync(file, YAML.stringify(doc));
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/missing the message "clarify"/);
    });

    it('a held-out utterance that is a near copy of a training example', () => {
      const file = path.join(temp.dir, 'evaluation', 'heldout-intents.yaml');
      const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
      const topic = YAML.parse(fs.readFileSync(topicsFile, 'utf8')).topics[0];
      doc.utterances.push({ text: `${topic.examples[0]} pls`, intent: topic.id });
      fs.writeFileSync(file, YAML.stringify(doc));
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/near copy/);
    });

    const editText = (relative: string, from: string | RegExp, to: string) => {
      const file = path.join(temp.dir, relative);
      const before = fs.readFileSync(file, 'utf8');
      const after = before.replace(from, to);
      expect(after).not.toBe(before);
      fs.writeFileSync(file, after);
    };

    it('a misspelt placeholder in wording.yaml, named with its file, line and entry', () => {
      editText('wording.yaml', /call \{emergencyNumber\} now/, 'call {emergencyNumer} now');
      const problems = checkKnowledge(temp.dir).problems.join('\n');
      expect(problems).toMatch(/wording\.yaml line \d+, messages\.\w+: the placeholder \{emergencyNumer\} is never filled in/);
    });

    it('a misspelt placeholder in safety/escalation-messages.yaml', () => {
      editText('safety/escalation-messages.yaml', 'Please {urgentRoute} today.', 'Please {urgentRout} today.');
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/safety\/escalation-messages\.yaml line \d+, levels\.urgent: the placeholder \{urgentRout\}/);
    });

    it('a renamed key in booking.yaml, which would stop the bot at start-up', () => {
      editText('booking.yaml', /^cancelled:/m, 'canceled:');
      const problems = checkKnowledge(temp.dir).problems.join('\n');
      expect(problems).toMatch(/booking\.yaml/);
      expect(problems).toMatch(/cancelled: is missing/);
      expect(problems).toMatch(/unknown key\(s\) "canceled"/);
    });

    it('a button whose value its question\'s reader does not know', () => {
      editText('symptom-check.yaml', "{ label: '1 to 6 weeks', value: '7-41 days' }", "{ label: '1 to 6 weeks', value: 'about 3 weeks' }");
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(
        /symptom-check\.yaml, question "symptoms\.duration": the button "1 to 6 weeks" has the value "about 3 weeks"/,
      );
    });

    it("a question's yesWhen naming a red flag that does not exist", () => {
      editText('symptom-check.yaml', 'flags: [infection-fever,', 'flags: [infection-fevr,');
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(
        /symptom-check\.yaml, question "symptoms\.seriousSigns": yesWhen names the red flag "infection-fevr"/,
      );
    });

    it('a question without an answer type, and a privacy or lexicon file that does not load', () => {
      editText('privacy.yaml', '  answer: strictYesNo\n', '');
      editText('nlp/lexicon.yaml', '  u: you\n', '  U U: you\n');
      const problems = checkKnowledge(temp.dir).problems.join('\n');
      expect(problems).toMatch(/privacy\.yaml[\s\S]*line \d+, forget\.answer/);
      expect(problems).toMatch(/lexicon\.yaml/);
    });

    it('a file that is not valid YAML, named with the reason', () => {
      fs.writeFileSync(topicsFile, 'topics:\n  - id: [unclosed');
      expect(checkKnowledge(temp.dir).problems.join('\n')).toMatch(/causes\.yaml/);
    });
  });
});
