import type { CoverageModel } from '../engine/coverageModel';
import { releasesOf } from '../engine/release';
import type { Workspace } from '../engine/workspace';

/** Exit code of a usage error, as for a path that does not exist. */
const USAGE = 2;

/**
 * The model `gate` and `coverage` judge: the whole workspace's, or with `--release R` the slice of release R. A
 * release no backlog item names is a usage error (reported here) that lists the releases there are.
 */
export function judgedModel(workspace: Workspace, release: string | undefined): CoverageModel | number {
  const model = workspace.coverage();
  if (release === undefined) return model;
  const known = releasesOf(model);
  if (!known.includes(release)) {
    process.stderr.write(
      `abuse-cases: no backlog item names release '${release}'. ${
        known.length
          ? `The releases are: ${known.join(', ')}.`
          : 'No backlog item names a release yet (release: on a backlog item).'
      }\n`,
    );
    return USAGE;
  }
  return workspace.coverageOfRelease(release);
}
