import { Connection, ErrorCodes, ResponseError } from 'vscode-languageserver';

/** Registrations whose handlers answer notifications: after `shutdown` they are ignored, never answered. */
const NOTIFICATION = /^on(Did|Notification$|Initialized$|Exit$|WillSave$)/;

/**
 * The connection as the features see it, holding the parts of the LSP contract no single feature owns: after
 * `shutdown`, a request is answered with InvalidRequest and a notification ignored (the specification says so);
 * a request whose `textDocument` or `position` is malformed (a null position, a uri that is not a string) is
 * answered with InvalidParams rather than an internal error from deep inside a feature; and a request is
 * answered from a workspace that holds every edit sent before it (`beforeRequest`).
 */
export function contractOf(
  connection: Connection,
  {
    beforeRequest = () => undefined,
  }: {
    /** Runs before every request is answered: the edits received before it are analysed first. */
    beforeRequest?: () => void;
  } = {},
): Connection {
  let shutDown = false;
  connection.onShutdown(() => {
    shutDown = true;
  });
  const guard =
    (notification: boolean, handler: (...args: unknown[]) => unknown) =>
    (...args: unknown[]): unknown => {
      if (shutDown) {
        if (notification) return undefined;
        throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down: it answers no more requests.');
      }
      if (!notification) {
        const problem = malformed(args[0]);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        beforeRequest();
      }
      return handler(...args);
    };
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (!/^on[A-Z]/.test(property) || property === 'onShutdown') return value.bind(target);
      const notification = NOTIFICATION.test(property);
      return (...args: unknown[]) =>
        value.apply(
          target,
          args.map((arg) =>
            typeof arg === 'function' ? guard(notification, arg as (...a: unknown[]) => unknown) : arg,
          ),
        );
    },
  });
}

/** What is wrong with a request's document and position, if anything. */
function malformed(params: unknown): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  const { textDocument, position } = params as { textDocument?: unknown; position?: unknown };
  if ('textDocument' in params && typeof (textDocument as { uri?: unknown } | null)?.uri !== 'string')
    return 'textDocument must be an object with a string uri.';
  if ('position' in params) {
    const { line, character } = (position ?? {}) as { line?: unknown; character?: unknown };
    if (!isIndex(line) || !isIndex(character))
      return 'position must be an object with a line and a character, each a whole number of at least 0.';
  }
  return undefined;
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
