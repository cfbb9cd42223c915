import { describe, expect, it } from 'vitest';
import { codecFor } from '../../annotations/node/store-layout';
import { stableJson } from '../../annotations/node/store-text-file';
import type { Assignment, TeamMember } from '../../annotations/project';

const members = (full = '/s/members.jsonl') => codecFor('members.jsonl', full);
const assignments = (full = '/s/assignments.jsonl') => codecFor('assignments.jsonl', full);

describe('the team files', () => {
  it('write one record a line with its keys sorted, whatever order the code built them in', () => {
    const list: TeamMember[] = [
      { role: 'lead', name: 'Zoë "Z" Ana' } as TeamMember,
      { name: 'ben', role: 'annotator' },
    ];
    const text = members().encode(list);
    expect(text).toBe('{"name":"Zoë \\"Z\\" Ana","role":"lead"}\n{"name":"ben","role":"annotator"}\n');
    for (const [i, line] of text.trim().split('\n').entries())
      expect(stableJson(JSON.parse(line))).toBe(stableJson(list[i]));
    const given: Assignment[] = [{ articleId: 'a1', annotator: 'ben' } as Assignment];
    expect(assignments().encode(given)).toBe('{"annotator":"ben","articleId":"a1"}\n');
  });

  it('read a file as edited by hand, and a changed file anew', () => {
    const codec = assignments('/t/assignments.jsonl');
    expect(codec.decode('{ "articleId": "a1",  "annotator": "ben" }\n\n')).toEqual([
      { annotator: 'ben', articleId: 'a1' },
    ]);
    expect(codec.decode('{"annotator":"ben","articleId":"a2"}\n')).toEqual([{ annotator: 'ben', articleId: 'a2' }]);
    expect(() => codec.decode('{"annotator":"ben","articleId":"a2"}\n{"annotator":"ben","articleId":"a2"}\n')).toThrow(
      /line 2 repeats the assignment "ben\/a2"/,
    );
    expect(() => codec.decode('{"annotator":"gold","articleId":"a2"}\n')).toThrow(/line 1 .*adjudicated layer/);
    expect(() => members().decode('{"name":"ben","role":"owner"}\n')).toThrow(/line 1 .*role/);
  });
});
