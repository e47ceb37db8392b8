import { capacityOf, formatShare } from '../capacity';
import { excerpt } from '../quote';
import { Rule } from '../rule';

export const securityCapacity: Rule = {
  code: 'security-capacity',
  scope: 'workspace',
  severity: 'warning',
  description: 'A sprint whose share of points spent on security work is below the target (20 % unless configured).',
  docs: {
    rationale:
      "Security work loses to features one decision at a time unless each sprint sets a share aside for it. Security work is a backlog item with `security: true`, or one that a mitigation names. The share is counted in `points` over the items of the sprint, in every file of the workspace; a sprint without points is not checked. The finding sits on the `sprint:` of the sprint's first item and gives the figures.",
    bad: 'backlog:\n  - id: RM-1\n    title: Share a roadmap\n    sprint: "12"\n    points: 8\n  - id: RM-2\n    title: Export to PDF\n    sprint: "12"\n    points: 5\n  - id: RM-3\n    title: Rate-limit sign-in\n    sprint: "12"\n    points: 1\n    security: true\n',
    good: 'backlog:\n  - id: RM-1\n    title: Share a roadmap\n    sprint: "12"\n    points: 8\n  - id: RM-2\n    title: Export to PDF\n    sprint: "12"\n    points: 5\n  - id: RM-3\n    title: Rate-limit sign-in\n    sprint: "12"\n    points: 4\n    security: true\n',
  },
  check(context) {
    for (const item of context.model.backlog) {
      if (item.sprint === undefined || !item.sprintRange) continue;
      const planned = context.workspace.sprintItems(item.sprint);
      // One finding per sprint, on its first item (in file order, then position).
      if (planned[0]?.uri !== context.uri || planned[0].item.range.start !== item.range.start) continue;
      const { totalPoints, securityPoints, share } = capacityOf(
        item.sprint,
        planned.map((entry) => entry.item),
        (backlogId) => context.workspace.buildsAMitigation(backlogId),
      );
      if (share === undefined || share >= context.securityCapacityTarget) continue;
      context.report({
        range: item.sprintRange,
        // The sprint's name as written, with control and bidirectional characters shown escaped.
        message: `Sprint ${excerpt(item.sprint)} spends ${securityPoints} of ${totalPoints} points (${formatShare(share)}) on security work, below the ${formatShare(context.securityCapacityTarget)} target.`,
        data: { sprint: item.sprint, securityPoints, totalPoints, target: context.securityCapacityTarget },
      });
    }
  },
};
