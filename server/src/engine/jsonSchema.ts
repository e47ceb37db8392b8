import { BUILT_IN_CAPABILITIES, CAPABILITY_ID } from './baseline';
import { CONFIG_FILE } from './config';
import { BUILT_IN_DATA_CLASSES } from './dataClasses';
import { CATALOG_FILE, DATE_PATTERN, ID_PATTERN, Shape, USE_CASE_FILE, ValueType } from './format';

type JsonSchema = Record<string, unknown>;

/** A JSON Schema name per shape, for `$defs`. */
function defName(shape: Shape): string {
  return shape.name
    .replace(/[^a-zA-Z]+(.)/g, (_, ch: string) => ch.toUpperCase())
    .replace(/^./, (ch) => ch.toLowerCase());
}

function schemaOf(type: ValueType, required: boolean): JsonSchema {
  switch (type.kind) {
    case 'text':
    case 'release':
      return { type: ['string', 'number', 'boolean'] };
    case 'source-ref':
      return { type: ['string', 'number'] };
    case 'id':
    case 'backlog-ref':
    case 'template-ref':
    case 'vendor-ref':
      return { type: 'string', pattern: ID_PATTERN.source };
    case 'capability-ref':
      // Teams may add capabilities of their own, so the built-in ones are suggestions, not a closed list.
      return {
        anyOf: [{ enum: BUILT_IN_CAPABILITIES.map((c) => c.id) }, { type: 'string', pattern: CAPABILITY_ID.source }],
      };
    case 'data-class':
      // Projects may define their own classes, so the built-in ones are suggestions, not a closed list.
      return { anyOf: [{ enum: BUILT_IN_DATA_CLASSES.map((d) => d.name) }, { type: 'string' }] };
    case 'enum':
      return { enum: [...type.values] };
    case 'number':
      return { type: 'number', minimum: type.min, ...(type.max !== undefined ? { maximum: type.max } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN.source };
    case 'pattern':
      return { type: 'string', pattern: type.pattern.source };
    case 'list':
      return { type: 'array', items: schemaOf(type.of, false), ...(required ? { minItems: 1 } : {}) };
    case 'object':
      return { $ref: `#/$defs/${defName(type.shape)}` };
  }
}

function objectSchema(shape: Shape): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, spec] of Object.entries(shape.fields)) {
    properties[key] = {
      ...schemaOf(spec.type, spec.required === true),
      description: spec.description,
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  const required = Object.entries(shape.fields)
    .filter(([, spec]) => spec.required)
    .map(([key]) => key);
  return {
    type: 'object',
    description: `A ${shape.name}.`,
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function reachableShapes(root: Shape, into = new Set<Shape>()): Set<Shape> {
  const visit = (type: ValueType) => {
    if (type.kind === 'list') visit(type.of);
    if (type.kind === 'object' && !into.has(type.shape)) {
      into.add(type.shape);
      reachableShapes(type.shape, into);
    }
  };
  for (const spec of Object.values(root.fields)) visit(spec.type);
  return into;
}

/** The JSON Schema of a file format, generated from its shape so that the two cannot disagree. */
export function jsonSchemaOf(root: Shape, fileName: string, title: string): JsonSchema {
  const defs = Object.fromEntries([...reachableShapes(root)].map((shape) => [defName(shape), objectSchema(shape)]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://github.com/abuse-cases/abuse-cases/schemas/${fileName}`,
    title,
    ...objectSchema(root),
    $defs: defs,
  };
}

export const JSON_SCHEMAS = [
  { file: 'usecase.schema.json', root: USE_CASE_FILE, title: 'Use cases and abuse cases (*.usecase.yaml)' },
  { file: 'abusecatalog.schema.json', root: CATALOG_FILE, title: 'Team threat catalog (*.abusecatalog.yaml)' },
  { file: 'config.schema.json', root: CONFIG_FILE, title: 'Project configuration (abuse-cases.config.yaml)' },
] as const;
