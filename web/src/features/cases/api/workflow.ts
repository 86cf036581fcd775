/**
 * The case vocabulary the web app shares with the server, in one place.
 *
 * The state machine's statuses and command labels live in the server's cases.workflow.ts, a pure
 * module with no imports, so the web app takes them from there rather than keeping a copy that
 * could drift. Request bodies are typed from the server's zod schemas (type-only imports: nothing
 * of the server reaches the bundle). If those tables move to common/src, only this file changes.
 */
import type { z } from 'zod';
import type {
  ACTION_BODIES,
  assignmentBodies,
  COMMAND_BODIES,
  intakeBody,
  unmaskBody,
} from '../../../../../server/src/modules/cases/cases.schemas.js';
import {
  COMMANDS,
  type CommandName,
  OPEN_STATUSES,
  STATUS_LABELS,
  STATUSES,
  type Status,
} from '../../../../../server/src/modules/cases/cases.workflow.js';

export type { CommandName, Status };
export { COMMANDS, OPEN_STATUSES, STATUS_LABELS, STATUSES };

/** Commands that keep the status (延期, 吹哨, 包案 …): the `actions` of a case's abilities. */
export type ActionName = keyof typeof ACTION_BODIES;
export const ACTION_NAMES = [
  'extend',
  'whistle',
  'attachLeader',
  'reportProgress',
  'confirmReceipt',
  'supervise',
] as const satisfies readonly ActionName[];

/** The JSON body a command accepts (defaults may be left out). */
export type CommandBody<C extends CommandName> = z.input<(typeof COMMAND_BODIES)[C]>;
export type ActionBody<A extends ActionName> = z.input<(typeof ACTION_BODIES)[A]>;
export type AssignmentTask = keyof typeof assignmentBodies;
export type AssignmentBody<T extends AssignmentTask> = z.input<(typeof assignmentBodies)[T]>;
export type IntakeBody = z.input<typeof intakeBody>;
export type PartyBody = NonNullable<IntakeBody['petitioners']>[number];
export type UnmaskBody = z.input<typeof unmaskBody>;

/** URL segment of a command or action: `issueOpinion` → `issue-opinion` (as the server routes it). */
export function commandPath(name: string): string {
  return name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}

/** URL segment of a task route of a whistle assignment. */
export const ASSIGNMENT_PATHS: Record<AssignmentTask, string> = {
  reportIn: 'report-in',
  feedback: 'feedback',
  object: 'object',
  decideObjection: 'decide-objection',
};
