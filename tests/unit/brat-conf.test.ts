import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { checkBratAnn } from '../../annotations/formats/brat-check';
import type { BratConf } from '../../annotations/formats/brat-conf';
import { parseBratConf, parseBratVisual } from '../../annotations/formats/brat-conf';
import { serializeBratConf } from '../../annotations/formats/brat-standoff-format';
import { validateTagset } from '../../annotations/tagset';

const CONF = [
  '# a comment',
  '[entities]',
  'Person',
  '!Place',
  '\tGPE',
  '\tLocation',
  'Money',
  '[relations]',
  'Located            Arg1:Person, Arg2:Place',
  'Alias\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive',
  '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
  '[events]',
  '<POG>=Person|GPE',
  '!Life',
  '\tMarry   Person-Arg{2}:Person, Place-Arg?:Place',
  '\tDie\tVictim:Person, Agent-Arg*:<POG>, Cause{1-3}:Money',
  'Merge-org  Org-Arg+:<ENTITY>',
  'Report Event-Arg:<EVENT>, Topic:<ANY>',
  '[attributes]',
  'Negation     Arg:<EVENT>',
  'Confidence   Arg:Marry|Die, Value:High|Neutral|Low',
  'Mention      Arg:Place, Value:Name|Nominal',
].join('\n');

const conf = () => {
  const parsed = parseBratConf(CONF);
  expect(parsed.errors).toEqual([]);
  return parsed.conf!;
};

describe('annotation.conf', () => {
  it('reads the hierarchy, "!" types, macros, <ENTITY>/<EVENT>/<ANY>, cardinalities and equivalences', () => {
    const c = conf();
    expect(c.entities.map((e) => [e.name, e.abstract, e.parent])).toEqual([
      ['Person', false, null],
      ['Place', true, null],
      ['GPE', false, 'Place'],
      ['Location', false, 'Place'],
      ['Money', false, null],
    ]);
    // A parent type stands for its subtypes; "!Place" itself is not usable.
    expect(c.relations.map((r) => [r.name, r.args.map((a) => a.types), r.equivalence])).toEqual([
      ['Located', [['Person'], ['GPE', 'Location']], false],
      ['Alias', [['Person'], ['Person']], true],
    ]);
    const roles = (name: string) => c.events.find((e) => e.name === name)!.roles;
    expect(roles('Marry')).toEqual([
      { role: 'Person-Arg', min: 2, max: 2, types: ['Person'] },
      { role: 'Place-Arg', min: 0, max: 1, types: ['GPE', 'Location'] },
    ]);
    expect(roles('Die')).toEqual([
      { role: 'Victim', min: 1, max: 1, types: ['Person'] },
      { role: 'Agent-Arg', min: 0, max: null, types: ['Person', 'GPE'] },
      { role: 'Cause', min: 1, max: 3, types: ['Money'] },
    ]);
    expect(roles('Merge-org')[0]).toMatchObject({ min: 1, max: null, types: ['Person', 'GPE', 'Location', 'Money'] });
    expect(roles('Report').map((r) => r.types)).toEqual([
      ['Marry', 'Die', 'Merge-org', 'Report'],
      ['Person', 'GPE', 'Location', 'Money', 'Marry', 'Die', 'Merge-org', 'Report'],
    ]);
    expect(c.events.find((e) => e.name === 'Life')).toMatchObject({ abstract: true });
    expect(c.attributes).toEqual([
      { name: 'Negation', line: 20, targets: ['Marry', 'Die', 'Merge-org', 'Report'], values: null },
      { name: 'Confidence', line: 21, targets: ['Marry', 'Die'], values: ['High', 'Neutral', 'Low'] },
      { name: 'Mention', line: 22, targets: ['GPE', 'Location'], values: ['Name', 'Nominal'] },
    ]);
  });

  it('refuses what it cannot read, naming the file and line', () => {
    const bad = [
      '[entity]',
      'Person',
      '[entities]',
      'Person',
      '\t\tDeep',
      'Person',
      '[relations]',
      'Knows\tArg1:Person',
      'Likes\tArg1:Person, Arg2:Robot',
      'Hates\tArg1 Person, Arg2:Person',
      '[events]',
      'Win\tPrize{3-1}:Person',
      '[attributes]',
      'Odd\tValue:a|b',
    ].join('\n');
    expect(parseBratConf(bad, 'corpus/annotation.conf')).toEqual({
      conf: null,
      errors: [
        'corpus/annotation.conf line 1: unknown section [entity]; annotation.conf has [entities] [relations] [events] [attributes]',
        'corpus/annotation.conf line 2: a type outside a section ([entities], [relations]…)',
        'corpus/annotation.conf line 5: indented 2 tabs under a line of 1: no parent type',
        'corpus/annotation.conf line 6: "Person" is defined before, on line 4',
        'corpus/annotation.conf line 8: relation "Knows" needs two arguments (Arg1:TYPE, Arg2:TYPE), not 1',
        'corpus/annotation.conf line 9: "Robot" is not a type of [entities] or [events]',
        'corpus/annotation.conf line 10: "Arg1 Person" is not ROLE:TYPE (or KEY:VALUE for an attribute)',
        'corpus/annotation.conf line 10: relation "Hates" needs two arguments (Arg1:TYPE, Arg2:TYPE), not 1',
        'corpus/annotation.conf line 12: "Prize{3-1}" is not a role (ROLE, ROLE?, ROLE*, ROLE+ or ROLE{n})',
        'corpus/annotation.conf line 14: attribute "Odd" needs Arg: (the types it attaches to)',
      ],
    });
  });

  it('visual.conf gives display labels and #hex background colours', () => {
    const visual = parseBratVisual(
      '[labels]\nGPE | Geo-political entity | GPE\nOrg-Arg | Org\n[drawing]\nSPAN_DEFAULT\tbgColor:lightgreen\nGPE\tbgColor:#FD2, fgColor:black\nPerson\tfgColor:white, bgColor:#FF821C\n',
    );
    expect([...visual.labels]).toEqual([
      ['GPE', 'Geo-political entity'],
      ['Org-Arg', 'Org'],
    ]);
    expect([...visual.colors]).toEqual([
      ['GPE', '#ffdd22'],
      ['Person', '#ff821c'],
    ]);
  });
});

describe('annotation.conf written for a tagset', () => {
  const tagset = validateTagset({
    ...DEFAULT_TAGSET,
    relations: [
      ...DEFAULT_TAGSET.relations,
      { type: 'Alias', label: 'alias', from: ['person'], to: ['person'], equivalence: true },
      { type: 'mentions', label: 'mentions', from: ['claim', 'event'], to: ['event'] },
    ],
  });

  it('declares every construct an export writes, and reads back without a problem', () => {
    const style = { valuedBooleans: new Set(['checkWorthy']), tokens: new Map(), relationLines: new Set(['agent']) };
    const text = serializeBratConf(tagset, style);
    expect(text).toMatch(/^Alias\tArg1:person, Arg2:person, <REL-TYPE>:symmetric-transitive$/m);
    expect(text).toMatch(/^checkWorthy\tArg:claim, Value:true\|false$/m);
    expect(text).toMatch(/^verdict\tArg:claim, Value:unverified\|true\|mostly_true\|mixed\|mostly_false\|false\|/m);
    // A role written as an R line somewhere (a link with a note) is declared as a relation too.
    expect(text).toMatch(/^agent\tArg1:event, Arg2:speaker\|person\|organisation$/m);
    expect(text).toMatch(/^event\tagent\*:.*, mentions\*:event$/m);
    // from a claim, "mentions" is an R line.
    expect(text).toMatch(/^mentions\tArg1:claim\|event, Arg2:event$/m);
    expect(parseBratConf(text).errors).toEqual([]);
    // Without a boolean set to no, yes/no attributes stay binary, as brat writes them.
    expect(serializeBratConf(tagset)).toMatch(/^checkWorthy\tArg:claim$/m);
  });
});

describe('the brat checker', () => {
  const TEXT = 'Ann married Bo in Oslo; Ann paid $5.';
  const check = (ann: string, c: BratConf = conf()) => checkBratAnn(c, TEXT, ann);

  it('passes a valid file', () => {
    const ann = [
      'T1\tPerson 0 3\tAnn',
      'T2\tMarry 4 11\tmarried',
      'T3\tPerson 12 14\tBo',
      'T4\tGPE 18 22\tOslo',
      'E1\tMarry:T2 Person-Arg:T1 Person-Arg2:T3 Place-Arg:T4',
      'R1\tLocated Arg1:T1 Arg2:T4\t',
      '*\tAlias T1 T3',
      'A1\tConfidence E1 High',
      'A2\tNegation E1',
      'N1\tReference T4 Wikipedia:22309\tOslo',
      '#1\tAnnotatorNotes R1\twhere they live',
    ].join('\n');
    expect(check(ann)).toEqual([]);
  });

  it('finds what brat would refuse, by line', () => {
    const ann = [
      'T1\tPerson 0 3\tAnn',
      'T2\tMarry 4 11\tmarried',
      'T3\tPlace 12 14\tBo',
      'T4\tGPE 18 22\tOsl',
      'T5\tMoney 33 99\t$5.',
      'E1\tMarry:T2 Person-Arg:T1 Place-Arg:T1 Spouse:T1',
      'R1\tLocated Arg1:T4 Arg2:T4',
      '*\tLocated T1 T1',
      'A1\tConfidence T1 High',
      'A2\tConfidence E1 Sure',
      'A3\tNegation E1 yes',
      '#1\tAnnotatorNotes T9\t?',
    ].join('\n');
    expect(check(ann)).toEqual([
      'line 3: type "Place" is not declared',
      'line 4: the quoted text does not match the text at its offsets',
      'line 5: offsets outside the text (36 code points) or empty',
      'line 6: Place-Arg may not be a Person',
      'line 6: role "Spouse" is not declared for Marry',
      'line 6: Person-Arg appears 1 times; Marry takes 2–2',
      'line 7: T4 (a GPE) may not be an argument',
      'line 8: "Located" is not symmetric-transitive',
      'line 9: a Person takes no Confidence',
      'line 10: "Sure" is not a value of Confidence',
      'line 11: "yes" is not a value of Negation',
      'line 12: note on "T9", which is not an annotation of this file',
    ]);
  });
});
