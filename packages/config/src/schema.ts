/**
 * The JSON Schema (draft 2020-12) of Python's dictConfig format, as this package accepts
 * it: use it in editors (`"$schema"`) and validators. Key checks that need the whole
 * document (dangling names, cycles) are `lint()`'s and `dictConfig()`'s job.
 */
export const dictConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://logweave.dev/schemas/dict-config.json',
  title: 'logweave / Python logging.config.dictConfig',
  type: 'object',
  required: ['version'],
  properties: {
    version: { const: 1, description: 'The schema version; only 1 exists.' },
    incremental: {
      type: 'boolean',
      default: false,
      description: 'Only change levels and propagation of existing loggers and handlers.',
    },
    disable_existing_loggers: {
      type: 'boolean',
      default: true,
      description:
        'Disable existing loggers not named in this configuration (nor children of named ones).',
    },
    formatters: { type: 'object', additionalProperties: { $ref: '#/$defs/formatter' } },
    filters: { type: 'object', additionalProperties: { $ref: '#/$defs/filter' } },
    handlers: {
      type: 'object',
      description: 'Handlers by name (under incremental: only their level).',
    },
    loggers: { type: 'object', additionalProperties: { $ref: '#/$defs/logger' } },
    root: { $ref: '#/$defs/logger' },
  },
  additionalProperties: true,
  if: { required: ['incremental'], properties: { incremental: { const: true } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword.
  then: {
    properties: {
      handlers: {
        additionalProperties: { type: 'object', properties: { level: { $ref: '#/$defs/level' } } },
      },
    },
  },
  else: { properties: { handlers: { additionalProperties: { $ref: '#/$defs/handler' } } } },
  $defs: {
    level: {
      description:
        'A level name (DEBUG, INFO, WARNING, ERROR, CRITICAL, NOTSET, or one added with addLevelName) or number.',
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^(?!\\s*$).+' },
      ],
    },
    names: { type: 'array', items: { type: 'string' } },
    factory: {
      description:
        "A factory: a module specifier ('./mod.js#make', 'pkg#Make') or a Python dotted name mapped in options.names.",
      type: 'string',
      minLength: 1,
    },
    properties: { type: 'object', description: 'Attributes set on the object after construction.' },
    formatter: {
      type: 'object',
      if: { required: ['()'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword.
      then: {
        properties: { '()': { $ref: '#/$defs/factory' }, '.': { $ref: '#/$defs/properties' } },
      },
      else: {
        properties: {
          format: { type: ['string', 'null'] },
          datefmt: { type: ['string', 'null'] },
          style: { enum: ['%', '{', '$'] },
          validate: { type: 'boolean' },
          defaults: { type: 'object' },
          class: { type: 'string', minLength: 1 },
        },
        additionalProperties: false,
      },
    },
    filter: {
      type: 'object',
      if: { required: ['()'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword.
      then: {
        properties: { '()': { $ref: '#/$defs/factory' }, '.': { $ref: '#/$defs/properties' } },
      },
      else: { properties: { name: { type: 'string' } }, additionalProperties: false },
    },
    handler: {
      type: 'object',
      anyOf: [{ required: ['class'] }, { required: ['()'] }],
      properties: {
        class: {
          type: 'string',
          minLength: 1,
          examples: [
            'logging.StreamHandler',
            'logging.FileHandler',
            'logging.handlers.RotatingFileHandler',
            'logging.handlers.QueueHandler',
          ],
        },
        '()': { $ref: '#/$defs/factory' },
        level: { $ref: '#/$defs/level' },
        formatter: { type: 'string' },
        filters: { $ref: '#/$defs/names' },
        '.': { $ref: '#/$defs/properties' },
        stream: {
          type: 'string',
          description: "'ext://sys.stdout', 'ext://sys.stderr' or a cfg:// reference.",
        },
        filename: { type: 'string', minLength: 1 },
        mode: { type: 'string' },
        encoding: { type: ['string', 'null'] },
        delay: { type: 'boolean' },
        target: { type: 'string' },
        capacity: { type: 'integer', minimum: 0 },
        flushLevel: { $ref: '#/$defs/level' },
        flushOnClose: { type: 'boolean' },
        handlers: { $ref: '#/$defs/names' },
        respect_handler_level: { type: 'boolean' },
        maxBytes: { type: 'integer', minimum: 0 },
        backupCount: { type: 'integer', minimum: 0 },
      },
      propertyNames: { pattern: '^(\\(\\)|\\.|[A-Za-z_][A-Za-z0-9_]*)$' },
    },
    logger: {
      type: 'object',
      properties: {
        level: { $ref: '#/$defs/level' },
        propagate: { type: 'boolean' },
        handlers: { $ref: '#/$defs/names' },
        filters: { $ref: '#/$defs/names' },
      },
      additionalProperties: false,
    },
  },
} as const;
