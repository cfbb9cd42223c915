import { describe, expect, it } from 'vitest';
import type { AgreementDashboard } from '../../../annotations/contract';
import type { Team } from '../../../annotations/project';
import {
  NO_SELECTION,
  clickRow,
  selectedInOrder,
  shownState,
  toggleShown,
} from '../../../renderer/src/ArticleList/selection';
import type { ListSelection } from '../../../renderer/src/ArticleList/selection';
import {
  NO_TEAM,
  assignNotice,
  assignedProgress,
  assignedProgressText,
  assignedTo,
  assigneesByArticle,
  canAssign,
  canManageTeam,
} from '../../../renderer/src/Team/team-view';
import { assignmentText } from '../../../renderer/src/Dashboard/assignment-progress';
import { progressCsv } from '../../../renderer/src/Dashboard/dashboard-csv';
import { progressChart } from '../../../renderer/src/Dashboard/chart-options';

const ORDER = ['a', 'b', 'c', 'd', 'e', 'f'];
const ticked = (s: ListSelection) => [...s.selected].sort();

describe('ticking articles in the list', () => {
  it('a click flips one row and makes it the anchor', () => {
    const one = clickRow(ORDER, NO_SELECTION, 'c', false);
    expect(ticked(one)).toEqual(['c']);
    expect(one.anchor).toBe('c');
    const none = clickRow(ORDER, one, 'c', false);
    expect(ticked(none)).toEqual([]);
  });

  it('a shift-click ticks every row from the anchor to it, either way, and keeps the anchor', () => {
    const anchored = clickRow(ORDER, NO_SELECTION, 'b', false);
    const down = clickRow(ORDER, anchored, 'e', true);
    expect(ticked(down)).toEqual(['b', 'c', 'd', 'e']);
    expect(down.anchor).toBe('b');
    const up = clickRow(ORDER, clickRow(ORDER, NO_SELECTION, 'e', false), 'a', true);
    expect(ticked(up)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a shift-click on a ticked row unticks the range, leaving rows outside it', () => {
    let s = clickRow(ORDER, NO_SELECTION, 'a', false);
    s = clickRow(ORDER, s, 'f', true); // all six
    s = clickRow(ORDER, { ...s, anchor: 'b' }, 'd', true); // d is ticked: b..d are unticked
    expect(ticked(s)).toEqual(['a', 'e', 'f']);
  });

  it('a shift-click without an anchor shown (filtered out) flips that row only', () => {
    const hidden = { selected: new Set(['x']), anchor: 'x' };
    const s = clickRow(ORDER, hidden, 'c', true);
    expect(ticked(s)).toEqual(['c', 'x']);
    expect(s.anchor).toBe('c');
  });

  it('"all shown" ticks the rows shown, or unticks them when all were, and never touches rows not shown', () => {
    const outside = { selected: new Set(['z']), anchor: null };
    const all = toggleShown(['a', 'b'], outside);
    expect(ticked(all)).toEqual(['a', 'b', 'z']);
    expect(shownState(['a', 'b'], all.selected)).toBe('all');
    expect(ticked(toggleShown(['a', 'b'], all))).toEqual(['z']);
    expect(shownState(['a', 'b'], new Set(['b']))).toBe('some');
    expect(shownState(['a', 'b'], new Set())).toBe('none');
    // Some ticked: the box ticks the rest.
    expect(ticked(toggleShown(['a', 'b'], { selected: new Set(['a']), anchor: null }))).toEqual(['a', 'b']);
  });

  it('sends the ticked articles in the list order, leaving out those no longer in the store', () => {
    expect(selectedInOrder(ORDER, new Set(['e', 'gone', 'b']))).toEqual(['b', 'e']);
  });
});

const TEAM: Team = {
  members: [
    { name: 'alice', role: 'lead' },
    { name: 'bob', role: 'annotator' },
    { name: 'carol', role: 'annotator' },
  ],
  assignments: [
    { annotator: 'bob', articleId: 'a' },
    { annotator: 'bob', articleId: 'b' },
    { annotator: 'bob', articleId: 'gone' },
    { annotator: 'carol', articleId: 'b' },
  ],
};

describe('the team as the article list shows it', () => {
  it('the lead assigns; an annotator does not; a team without a lead may be managed by anyone, assigned by none', () => {
    expect(canAssign(TEAM, 'alice')).toBe(true);
    expect(canAssign(TEAM, 'bob')).toBe(false);
    expect(canAssign(TEAM, 'dave')).toBe(false);
    expect(canManageTeam(TEAM, 'bob')).toBe(false);
    expect(canManageTeam(NO_TEAM, 'dave')).toBe(true);
    expect(canAssign(NO_TEAM, 'dave')).toBe(false);
  });

  it('lists each annotator’s articles and each article’s annotators', () => {
    expect([...assignedTo(TEAM, 'bob')]).toEqual(['a', 'b', 'gone']);
    expect([...assignedTo(TEAM, 'alice')]).toEqual([]);
    expect(assigneesByArticle(TEAM).get('b')).toEqual(['bob', 'carol']);
    expect(assigneesByArticle(TEAM).get('c')).toBeUndefined();
  });

  it('counts what is done of the assignment among the articles the store holds', () => {
    const progress = assignedProgress(assignedTo(TEAM, 'bob'), ORDER, (id) => id === 'b' || id === 'c');
    expect(progress).toEqual({ assigned: 2, done: 1 });
    expect(assignedProgressText(progress)).toBe('1 of 2 assigned done');
    expect(assignedProgress(new Set(), ORDER, () => true)).toEqual({ assigned: 0, done: 0 });
  });

  it('says what an assignment changed, counting articles that were so already', () => {
    const before: Team = { members: TEAM.members, assignments: [] };
    const after: Team = { members: TEAM.members, assignments: TEAM.assignments.slice(0, 2) };
    expect(assignNotice(before, after, 'bob', 2, true)).toBe('Assigned 2 articles to bob');
    expect(assignNotice(before, after, 'bob', 4, true)).toBe('Assigned 2 articles to bob (2 were assigned already)');
    expect(assignNotice(after, after, 'bob', 3, true)).toBe('All 3 articles were assigned to bob already');
    expect(assignNotice(after, before, 'bob', 2, false)).toBe('Took back 2 articles from bob');
    expect(assignNotice(after, before, 'bob', 3, false)).toBe(
      'Took back 2 articles from bob (1 was not assigned to them)',
    );
    expect(assignNotice(before, before, 'bob', 1, false)).toBe('The article was not assigned to bob');
    const joined: Team = {
      members: [...TEAM.members, { name: 'dave', role: 'annotator' }],
      assignments: [{ annotator: 'dave', articleId: 'a' }],
    };
    expect(assignNotice(TEAM, joined, 'dave', 1, true)).toBe(
      'Assigned 1 article to dave, who joins the team as an annotator',
    );
  });
});

describe('progress against assignments on the dashboard', () => {
  const data = {
    articleCount: 5,
    progress: [
      { annotator: 'alice', done: 2, annotated: 3, total: 5, spans: 12, fromSuggestions: 4 },
      { annotator: 'bob', done: 1, annotated: 1, total: 5, spans: 2, fromSuggestions: 0, assigned: 3, assignedDone: 1 },
      {
        annotator: 'carol',
        done: 0,
        annotated: 0,
        total: 5,
        spans: 0,
        fromSuggestions: 0,
        assigned: 2,
        assignedDone: 0,
      },
    ],
  } as unknown as AgreementDashboard;

  it('says "n of m assigned done", and nothing for an annotator with no assignment', () => {
    expect(data.progress.map(assignmentText)).toEqual([null, '1 of 3 assigned done', '0 of 2 assigned done']);
  });

  it('exports the assignment in the CSV, empty (not zero) where nothing is assigned, and no such columns without assignments', () => {
    expect(progressCsv(data).split('\r\n')).toEqual([
      'annotator,done,annotated,articles,spans,from suggestions,assigned,assigned done',
      'alice,2,3,5,12,4,,',
      'bob,1,1,5,2,0,3,1',
      'carol,0,0,5,0,0,2,0',
      '',
    ]);
    const none = {
      ...data,
      progress: [{ annotator: 'alice', done: 2, annotated: 3, total: 5, spans: 12, fromSuggestions: 4 }],
    };
    expect(progressCsv(none as AgreementDashboard)).toBe(
      'annotator,done,annotated,articles,spans,from suggestions\r\nalice,2,3,5,12,4\r\n',
    );
  });

  it('draws the assignment as bars only where articles are assigned', () => {
    const series = (progressChart(data) as { series: { name: string; data: (number | null)[] }[] }).series;
    expect(series.map((s) => s.name)).toEqual(['done', 'annotated', 'assigned done', 'assigned']);
    expect(series[3]!.data).toEqual([null, 3, 2]);
    expect(series[2]!.data).toEqual([null, 1, 0]);
    const none = {
      ...data,
      progress: [{ annotator: 'alice', done: 2, annotated: 3, total: 5, spans: 12, fromSuggestions: 4 }],
    };
    const plain = (progressChart(none as AgreementDashboard) as { series: { name: string }[] }).series;
    expect(plain.map((s) => s.name)).toEqual(['done', 'annotated']);
  });
});
