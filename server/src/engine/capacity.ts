import type { SprintCapacity } from './coverageModel';
import { BacklogItem } from './model';

export type { SprintCapacity } from './coverageModel';

/** Security work is an item marked `security: true`, or one that some mitigation names. */
export function isSecurityWork(item: BacklogItem, buildsAMitigation: (backlogId: string) => boolean): boolean {
  return item.security || (item.id !== undefined && buildsAMitigation(item.id.value));
}

export function capacityOf(
  sprint: string,
  items: Iterable<BacklogItem>,
  buildsAMitigation: (backlogId: string) => boolean,
): SprintCapacity {
  let totalPoints = 0;
  let securityPoints = 0;
  for (const item of items) {
    if (item.points === undefined) continue;
    totalPoints += item.points;
    if (isSecurityWork(item, buildsAMitigation)) securityPoints += item.points;
  }
  return sprintCapacity(sprint, totalPoints, securityPoints);
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
