// Escaping lives in the contract shared with the client (shared/markdown.ts); the engine re-exports it.
export { escapeMarkdown } from '../../../shared/markdown';
