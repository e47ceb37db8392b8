import { DIMENSIONS, MITIGATION_STATUSES } from '../format';
import { monthsAfter } from '../model';
import { Workspace } from '../workspace';
import { freshId, nextBacklogIds } from './ids';
import { asListItems, FIRST_RATING, TextBuilder } from './yamlText';

/** A snippet the completion list offers where its entry may go: a whole file, or an item of a list. */
export interface Snippet {
  label: string;
  /** What it writes, in a few words (the completion's detail). */
  detail: string;
  /** Its lines, relative to the item's own column (without the `- ` a list item starts with). */
  lines(out: TextBuilder, step: number): string[];
}

/** Where a snippet goes: the top of an empty use-case file, an item of one of these lists, or a key of an abuse case. */
export type SnippetPlace = 'file' | 'backlog item' | 'use case' | 'abuse case' | 'mitigation' | 'abuse case key';

const nested = (step: number, lines: string[]) => lines.map((line) => ' '.repeat(step) + line);

/**
 * The snippets that fit `place`. They have few tab stops, defaults that read well as they are
 * (the middle of the rating scales), and ids taken from the workspace (the next backlog ids in its
 * own pattern), so that what one snippet creates, the others it writes name.
 */
export function snippetsFor(place: SnippetPlace, workspace: Workspace): Snippet[] {
  const dataClasses = [...workspace.dataClasses.keys()];
  // Numbering reads every backlog id of the workspace: only the snippets that write backlog items pay for it.
  const [firstId, secondId] = place === 'file' || place === 'backlog item' ? nextBacklogIds(workspace, 2) : [];
  // The part of a new id to overwrite, unique in the workspace as it stands (`short-name-2` when `AB-short-name` is taken).
  const slug = (prefix: string) =>
    freshId(`${prefix}-short-name`, { has: (id) => workspace.definitionsOf(id).length > 0 }).slice(prefix.length + 1);
  const abuseCase = (intent: 'malicious' | 'unwitting'): Snippet => ({
    label: intent === 'malicious' ? 'Abuse case (malicious)' : 'Abuse case (unwitting)',
    detail:
      intent === 'malicious'
        ? 'An attacker who means harm, and a mitigation'
        : 'A legitimate user who causes harm by mistake, and a mitigation',
    lines: (out, step) => [
      `id: AB-${out.placeholder(slug('AB'))}`,
      `title: ${out.placeholder(intent === 'malicious' ? 'What the attacker does and what it harms' : 'What the user does by mistake and what it harms')}`,
      `actor: ${out.placeholder(intent === 'malicious' ? 'Attacker' : 'Well-meaning user')}`,
      `intent: ${intent}`,
      `threatens: [${out.choice('confidentiality', DIMENSIONS)}]`,
      `likelihood: ${FIRST_RATING.likelihood}`,
      `impact: ${FIRST_RATING.impact}`,
      'mitigations:',
      ...asListItems(
        [
          [
            `title: ${out.placeholder('How the product prevents, detects or limits it')}`,
            `backlog: [${out.stopHere()}]`,
            'status: proposed',
          ],
        ],
        step,
      ),
    ],
  });
  switch (place) {
    case 'file':
      return [
        {
          label: 'New use-case file',
          detail: 'A backlog item, a use case with an abuse case, and the security item that mitigates it',
          // $2 (the feature's backlog id) is mirrored in the use case; the mitigation names the security item written here.
          lines: (_out, step) => [
            'product: ${1:Product name}',
            'backlog:',
            ...asListItems(
              [
                [`id: \${2:${firstId}}`, 'title: ${3:What the item delivers}'],
                [`id: ${secondId}`, 'title: $10', 'security: true'],
              ],
              step,
            ),
            'use_cases:',
            ...asListItems(
              [
                [
                  `id: UC-\${4:${slug('UC')}}`,
                  'title: ${5:What the legitimate user achieves}',
                  'actor: ${6:Customer}',
                  'backlog: [$2]',
                  `data: [\${7|${dataClasses.join(',')}|}]`,
                  'abuse_cases:',
                  ...asListItems(
                    [
                      [
                        `id: AB-\${8:${slug('AB')}}`,
                        'title: ${9:How an attacker or a careless user turns it against the product}',
                        'actor: Attacker',
                        'intent: malicious',
                        'threatens: [confidentiality]',
                        `likelihood: ${FIRST_RATING.likelihood}`,
                        `impact: ${FIRST_RATING.impact}`,
                        'mitigations:',
                        ...asListItems(
                          [
                            [
                              'title: ${10:How the product prevents, detects or limits it}',
                              `backlog: [${secondId}]`,
                              'status: planned',
                            ],
                          ],
                          step,
                        ),
                      ],
                    ],
                    step,
                  ),
                ],
              ],
              step,
            ),
            '$0',
          ],
        },
      ];
    case 'backlog item':
      return [
        {
          label: 'Backlog item',
          detail: 'An id in the backlog’s own pattern, a title and a status',
          lines: (out) => [
            `id: ${out.placeholder(firstId)}`,
            `title: ${out.placeholder('What the item delivers')}`,
            `status: ${out.choice('todo', ['todo', 'in-progress', 'done'])}`,
          ],
        },
      ];
    case 'use case':
      return [
        {
          label: 'Use case',
          detail: 'A use case, the data it handles, and its first abuse case to write',
          lines: (out, step) => [
            `id: UC-${out.placeholder(slug('UC'))}`,
            `title: ${out.placeholder('What the legitimate user achieves')}`,
            `actor: ${out.placeholder('Customer')}`,
            `backlog: [${out.stopHere()}]`,
            `data: [${out.choice(dataClasses[0] ?? 'pii', dataClasses)}]`,
            'abuse_cases:',
            `${' '.repeat(step)}- $0`,
          ],
        },
      ];
    case 'abuse case':
      return [abuseCase('malicious'), abuseCase('unwitting')];
    case 'mitigation':
      return [
        {
          label: 'Mitigation',
          detail: 'How the product answers the abuse, and the backlog item that builds it',
          lines: (out) => [
            `title: ${out.placeholder('How the product prevents, detects or limits the abuse')}`,
            `backlog: [${out.stopHere()}]`,
            `status: ${out.choice('proposed', MITIGATION_STATUSES)}`,
          ],
        },
      ];
    case 'abuse case key':
      return [
        {
          label: 'Risk acceptance',
          detail: 'Who accepts the risk, why, and until when (three months from today)',
          lines: (out, step) => [
            'accepted:',
            ...nested(step, [
              `by: ${out.placeholder('Name (role)')}`,
              `reason: ${out.placeholder('Why the risk is accepted for now')}`,
              `until: ${out.placeholder(monthsAfter(workspace.todayDate, 3))}`,
            ]),
          ],
        },
      ];
  }
}
