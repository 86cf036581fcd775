import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMANDS,
  canMove,
  commandsFrom,
  isOpen,
  STATUSES,
  type Status,
  TRANSITIONS,
} from './cases.workflow.js';

describe('case state machine', () => {
  it('every edge of the graph is made by some command, and every command can move from each of its statuses', () => {
    const made = new Set<string>();
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      for (const from of spec.from) {
        const reachable = spec.to.filter((to) => canMove(from, to));
        expect({ name, from, reachable: reachable.length > 0 }).toEqual({ name, from, reachable: true });
        for (const to of reachable) made.add(`${from}>${to}`);
      }
    }
    for (const from of STATUSES) {
      for (const to of TRANSITIONS[from] as readonly Status[]) {
        expect({ edge: `${from}>${to}`, made: made.has(`${from}>${to}`) }).toEqual({
          edge: `${from}>${to}`,
          made: true,
        });
      }
    }
  });

  it('allows the main path from intake to archive', () => {
    const path: Status[] = [
      'registered',
      'accepted',
      'in_progress',
      'opinion_issued',
      'delivered',
      'closed',
      'followed_up',
      'archived',
    ];
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('allows 复查 → 复核 → 终结 with a pausing hearing, and nothing after archive', () => {
    const path: Status[] = [
      'delivered',
      'review_requested',
      'reviewing',
      'review_decided',
      'review_delivered',
      'recheck_requested',
      'rechecking',
      'hearing',
      'rechecking',
      'recheck_decided',
      'terminated',
      'followed_up',
      'archived',
    ];
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!)).toBe(true);
    expect(TRANSITIONS.archived).toEqual([]);
  });

  it('forbids the shortcuts the law does not allow', () => {
    expect(canMove('registered', 'opinion_issued')).toBe(false); // no reply before acceptance
    expect(canMove('delivered', 'recheck_requested')).toBe(false); // 复核 only after 复查
    expect(canMove('terminated', 'in_progress')).toBe(false); // a terminated matter is not reopened
    expect(canMove('not_accepted', 'accepted')).toBe(false);
    expect(canMove('review_delivered', 'review_requested')).toBe(false);
    expect(canMove('opinion_issued', 'closed')).toBe(false); // must be delivered first
  });

  it('lists the commands available from a status', () => {
    expect(commandsFrom('delivered').sort()).toEqual(['close', 'requestExpertReview', 'requestReview']);
    expect(commandsFrom('archived')).toEqual([]);
    expect(commandsFrom('objected').sort()).toEqual(['assign', 'decideObjection', 'transfer']);
  });

  it('knows which statuses are open', () => {
    expect(isOpen('in_progress')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('archived')).toBe(false);
  });
});
