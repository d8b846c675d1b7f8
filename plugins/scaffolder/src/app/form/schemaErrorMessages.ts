const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

/** A message a person filling a form understands, from the failed keyword and its value in the schema. */
export function describeSchemaError(keyword: string, value: unknown, fallback: string): string {
  switch (keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return value === 1 ? 'must not be empty' : `must be at least ${value} characters long`;
    case 'maxLength':
      return `must be at most ${value} characters long`;
    case 'pattern':
      return `must match the pattern ${value}`;
    case 'minimum':
      return `must be at least ${value}`;
    case 'maximum':
      return `must be at most ${value}`;
    case 'exclusiveMinimum':
      return `must be greater than ${value}`;
    case 'exclusiveMaximum':
      return `must be less than ${value}`;
    case 'multipleOf':
      return `must be a multiple of ${value}`;
    case 'type': {
      const types = (Array.isArray(value) ? value : [value]).map(type => TYPE_NAMES[String(type)] ?? String(type));
      return `must be ${types.join(' or ')}`;
    }
    case 'enum':
      return Array.isArray(value) ? `must be one of ${value.map(item => JSON.stringify(item)).join(', ')}` : fallback;
    case 'const':
      return `must be ${JSON.stringify(value)}`;
    case 'format':
      return `must be a valid ${value}`;
    case 'minItems':
      return `must have at least ${value} item${value === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${value} item${value === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return 'must not contain duplicates';
    case 'not':
      return 'is not allowed';
    default:
      return fallback;
  }
}
