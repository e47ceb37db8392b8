import { BUILT_IN_DATA_CLASSES } from './dataClasses';
import { DATE_PATTERN, ID_PATTERN, Shape, SHAPES, USE_CASE_FILE, ValueType } from './format';

type JsonSchema = Record<string, unknown>;

/** A JSON Schema name per shape, for `$defs`. */
function defName(shape: Shape): string {
  return shape.name.replace(/[^a-zA-Z]+(.)/g, (_, ch: string) => ch.toUpperCase()).replace(/^./, (ch) => ch.toLowerCase());
}

function schemaOf(type: ValueType, required: boolean): JsonSchema {
  switch (type.kind) {
    case 'text':
      return { type: ['string', 'number', 'boolean'] };
    case 'id':
    case 'backlog-ref':
    case 'template-ref':
      return { type: 'string', pattern: ID_PATTERN.source };
    case 'data-class':
      // Projects may define their own classes, so the built-in ones are suggestions, not a closed list.
      return { anyOf: [{ enum: BUILT_IN_DATA_CLASSES.map((d) => d.name) }, { type: 'string' }] };
    case 'enum':
      return { enum: [...type.values] };
    case 'number':
      return { type: 'number', minimum: type.min };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN.source };
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

/** The JSON Schema of `*.usecase.yaml`, generated from the format so that the two cannot disagree. */
export function useCaseJsonSchema(): JsonSchema {
  const defs = Object.fromEntries(SHAPES.filter((shape) => shape !== USE_CASE_FILE).map((shape) => [defName(shape), objectSchema(shape)]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/abuse-cases/abuse-cases/schemas/usecase.schema.json',
    title: 'Use cases and abuse cases (*.usecase.yaml)',
    ...objectSchema(USE_CASE_FILE),
    $defs: defs,
  };
}
