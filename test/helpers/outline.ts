import { dedent } from './marked';

/** A backlog with an epic, an item under it, and one elsewhere: what outline and symbol tests search. */
export const SHARING_BACKLOG = dedent(`
  backlog:
    - id: RM-100
      type: epic
      title: Sharing
    - id: RM-140
      title: Shared links expire
      parent: RM-100
    - id: RM-unlinked
      title: Something else
`);
