import { Rule } from '../rule';

export const fileNotRead: Rule = {
  code: 'file-not-read',
  scope: 'file',
  severity: 'warning',
  description:
    'A file the tools did not read: a link out of the workspace, something other than a regular file, or too large.',
  docs: {
    rationale:
      "Use-case files come from many hands, and CI checks pull requests from strangers. The tools read only regular files inside the workspace (the CLI: inside the paths it is given and the configuration's folder), up to a size limit, so that a repository cannot make them print a file from elsewhere (a link to `/etc/passwd` or `/proc/self/environ` would put it into a report), hang on a named pipe, or read a device without end. Such a file is not analysed; this finding, on its first line, says why without showing anything of what it points at. A link out of the workspace is information (it may be deliberate); a pipe, a device, a socket or a file over `max-file-size` (5 MB unless the configuration says otherwise) is a warning. Team catalogs outside the workspace are read when `catalogs:` names them.",
    bad: '# threats.usecase.yaml is a link: ln -s /etc/passwd threats.usecase.yaml\n',
    good: '# threats.usecase.yaml is a file of the repository, or a link to one inside it\nuse_cases: []\n',
    host: {
      notRead: {
        message:
          'Not read: this file is a link to a place outside the workspace, and links out of it are not followed.',
        severity: 'information',
      },
    },
  },
  check(context) {
    if (context.notRead)
      context.report({
        range: { start: 0, end: 0 },
        message: context.notRead.message,
        severity: context.notRead.severity,
      });
  },
};
