import type { SprintCapacity } from './coverageModel';
import { BacklogItem } from './model';

export type { SprintCapacity } from './coverageModel';

/**
 * The points of some backlog items, split as far as the items alone say: security work is an item marked
 * `security: true` (counted in `security`), or one that some mitigation in any file names, which only the
 * workspace knows (the other items with an id are kept in `unmarked` to ask it).
 */
export interface SprintPoints {
  total: number;
  security: number;
  unmarked: [backlogId: string, points: number][];
}

export function emptySprintPoints(): SprintPoints {
  return { total: 0, security: 0, unmarked: [] };
}

/** Adds an item's points; an item without points counts for nothing. */
export function addSprintPoints(points: SprintPoints, item: BacklogItem): void {
  if (item.points === undefined) return;
  points.total += item.points;
  if (item.security) points.security += item.points;
  else if (item.id) points.unmarked.push([item.id.value, item.points]);
}

/** The points of security work: those marked, and those of the unmarked items some mitigation names. */
export function securityPointsOf(points: SprintPoints, buildsAMitigation: (backlogId: string) => boolean): number {
  let security = points.security;
  for (const [backlogId, itemPoints] of points.unmarked) if (buildsAMitigation(backlogId)) security += itemPoints;
  return security;
}

export function capacityOf(
  sprint: string,
  items: Iterable<BacklogItem>,
  buildsAMitigation: (backlogId: string) => boolean,
): SprintCapacity {
  const points = emptySprintPoints();
  for (const item of items) addSprintPoints(points, item);
  return sprintCapacity(sprint, points.total, securityPointsOf(points, buildsAMitigation));
}

/** A sprint's share of points spent on security work; none for a sprint without points. */
export function sprintCapacity(sprint: string, totalPoints: number, securityPoints: number): SprintCapacity {
  return { sprint, totalPoints, securityPoints, share: totalPoints > 0 ? securityPoints / totalPoints : undefined };
}

/** Sprints in the order people name them: "2" before "10", "2026-Q1" before "2026-Q2". */
export function compareSprints(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** A sprint as the sidebar and the inlay hints name it: `Sprint 45`, whether written `45` or `Sprint 45`. */
export function sprintLabel(sprint: string): string {
  return `Sprint ${sprint.replace(/^sprint\s*/i, '')}`;
}
