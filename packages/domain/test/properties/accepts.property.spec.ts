import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { acceptsOf } from '../../src/codec/accepts';
import { fieldErrors } from '../../src/codec/decode-errors';
import { quoteInput } from '../../src/codec/quote-input';
import { commandCodecs, CommandType, COMMAND_TYPES, HouseholdCommand } from '../../src/household/commands';
import { DomainError, domainError } from '../../src/household/errors';
import { parseCommand } from '../../src/household/parse-command';
import { householdCommands, propertyRuns } from '../../src/testing';
import { edited, expectSameAnswerAsDecode, type Edit } from './one-edit';

/**
 * The oracle: the edge decoder as it was, io-ts's decode for every command. The compiled
 * checks (accepts.ts) must accept exactly what decode accepts, decode must give the input
 * itself back when it does, and parseCommand must give the same Either — the same command,
 * or the same INVALID_COMMAND message and field errors — for any input.
 */
const describeType = (type: unknown): string => (typeof type === 'string' ? quoteInput(type) : String(JSON.stringify(type) ?? type).slice(0, 40));
const ioTsParseCommand = (input: unknown): E.Either<DomainError, HouseholdCommand> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return E.left(domainError('INVALID_COMMAND', 'a command must be a JSON object', [{ path: '', message: 'expected an object' }]));
  const type = (input as Record<string, unknown>)['type'];
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(commandCodecs, type))
    return E.left(
      type === undefined
        ? domainError('INVALID_COMMAND', 'type: required field is missing (one of the command types of domain.md §4)', [{ path: 'type', message: 'required field is missing' }])
        : domainError('INVALID_COMMAND', `unknown command type ${describeType(type)}`, [{ path: 'type', message: `unknown command type ${describeType(type)}` }]),
    );
  const decoded = codecOf(type as CommandType).decode(input);
  if (E.isLeft(decoded)) {
    const fields = fieldErrors(decoded.left);
    const named = fields.slice(0, 5).map((f) => `${f.path || '(command)'}: ${f.message}`);
    if (fields.length > 5) named.push(`… and ${fields.length - 5} more fields`);
    return E.left(domainError('INVALID_COMMAND', `${type}: ${named.join('; ')}`, fields));
  }
  return E.right(decoded.right as HouseholdCommand);
};

const OPTIONAL = ['actor', 'note', 'commandId', 'sex', 'reason', 'certified', 'employer', 'referralId', 'expectedMonthlyWage'];

/** A command type's codec, as one type: the union of all thirty is too wide for fp-ts's guards. */
const codecOf = (type: CommandType): t.Mixed => commandCodecs[type];

const anything = fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, maxDepth: 2 });
const leaves = fc.oneof(anything, fc.constantFrom('2016-02-29', '2017-02-29', '2016-13', 'x'.repeat(501), 'a b', 12.345, 0.1 + 0.2, -1, 1e12, 1e13, 1900, 2101, 0, 1000, 1001, 'female', 'full', 'vocational', true, [], {}));

const inputs = fc
  .tuple(householdCommands({ maxSteps: 6 }), fc.nat(), fc.constantFrom<Edit | 'none'>('none', 'replace', 'delete', 'undefined', 'unknown-key', 'hole', 'optional-undefined'), fc.nat(), leaves)
  .map(([commands, i, edit, which, replacement]) => {
    const command = JSON.parse(JSON.stringify(commands[i % commands.length])) as unknown;
    return edit === 'none' ? command : edited(command, edit, which, replacement, OPTIONAL);
  });

describe('the compiled command checks agree with io-ts decode', () => {
  it('for every command type, on valid commands and one-edit variants of them: accepts exactly what decode accepts, and decode gives back the input', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(inputs, fc.constantFrom(...COMMAND_TYPES), (input, otherType) => {
        const type = (typeof input === 'object' && input !== null && COMMAND_TYPES.includes((input as { type: CommandType }).type) ? (input as { type: CommandType }).type : otherType);
        for (const name of [type, otherType]) {
          if (expectSameAnswerAsDecode(acceptsOf(codecOf(name)), codecOf(name), input)) accepted++;
          else refused++;
        }
      }),
      propertyRuns(3000, process.env),
    );
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('on arbitrary values', () => {
    fc.assert(
      fc.property(anything, fc.constantFrom(...COMMAND_TYPES), (input, name) => acceptsOf(codecOf(name))(input) === E.isRight(codecOf(name).decode(input))),
      propertyRuns(2000, process.env),
    );
  });

  it('parseCommand gives the same Either as the io-ts decoder, valid or not', () => {
    fc.assert(
      fc.property(fc.oneof(inputs, anything), (input) => {
        expect(parseCommand(input)).toEqual(ioTsParseCommand(input));
      }),
      propertyRuns(3000, process.env),
    );
  });

  /*
   * The compiled check answers in one pass over the input's own enumerable keys, and asks
   * the check per named field whenever a field may be read another way (accepts.ts): these
   * inputs are the ways — a field moved onto the prototype, made non-enumerable, or an
   * optional field (valid or not, or undefined) that only the prototype or a non-enumerable
   * property holds; an unknown key on the prototype; a null prototype.
   */
  it('on valid commands whose fields are inherited, not enumerable, or on a null prototype', () => {
    const variants = ['inherit-field', 'hide-field', 'inherit-optional', 'hide-optional', 'inherit-unknown', 'null-prototype'] as const;
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(householdCommands({ maxSteps: 6 }), fc.nat(), fc.constantFrom(...variants), fc.nat(), leaves, (commands, i, variant, which, value) => {
        const command = JSON.parse(JSON.stringify(commands[i % commands.length])) as Record<string, unknown>;
        const keys = Object.keys(command);
        const key = keys[which % keys.length] as string;
        const optional = OPTIONAL[which % OPTIONAL.length] as string;
        let input: object;
        switch (variant) {
          case 'inherit-field': {
            const { [key]: moved, ...rest } = command;
            input = Object.assign(Object.create({ [key]: moved }) as object, rest);
            break;
          }
          case 'hide-field':
            input = Object.defineProperty({ ...command }, key, { value: command[key], enumerable: false });
            break;
          case 'inherit-optional':
            input = Object.assign(Object.create({ [optional]: which % 2 === 0 ? value : undefined }) as object, command);
            break;
          case 'hide-optional':
            input = Object.defineProperty({ ...command }, optional, { value: which % 2 === 0 ? value : undefined, enumerable: false });
            break;
          case 'inherit-unknown':
            input = Object.assign(Object.create({ [`x${which % 3}`]: value }) as object, command);
            break;
          case 'null-prototype':
            input = Object.assign(Object.create(null) as object, command);
            break;
        }
        const type = command['type'] as CommandType;
        if (expectSameAnswerAsDecode(acceptsOf(codecOf(type)), codecOf(type), input)) accepted++;
        else refused++;
        expect(parseCommand(input)).toEqual(ioTsParseCommand(input));
      }),
      propertyRuns(2000, process.env),
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
