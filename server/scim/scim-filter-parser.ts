// Parser for the SCIM filter language (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2).
// Produces an AST; resolving attribute names against a schema happens in scim-filter-compiler.ts.
import { isWellFormedText } from '../http-body.ts';
import { badRequest, type ScimType } from './scim-errors.ts';

export interface AttributePath {
  /** Schema URN prefix when the path was fully qualified. */
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

export const compareOperators = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof compareOperators)[number];
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { kind: 'compare'; path: AttributePath; operator: CompareOperator; value: FilterValue }
  | { kind: 'present'; path: AttributePath }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** `emails[type eq "work"]`: some value of a multi-valued attribute matches `filter`. */
  | { kind: 'valuePath'; path: AttributePath; filter: Filter };

/** A PATCH target: `name.givenName`, `members`, `emails[type eq "work"].value`. */
export interface PatchPath {
  path: AttributePath;
  filter?: Filter;
}

export const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 32;

type Token =
  | { type: 'word'; text: string; position: number; spaceBefore: boolean }
  | { type: 'string'; value: string; position: number; spaceBefore: boolean }
  | { type: '(' | ')' | '[' | ']'; position: number; spaceBefore: boolean };

const punctuation = new Set(['(', ')', '[', ']']);
const wordEnd = /[\s()[\]"]/;

function tokenize(input: string, errorType: ScimType): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let spaceBefore = false;
  while (index < input.length) {
    const char = input.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
      spaceBefore = true;
      continue;
    }
    if (punctuation.has(char)) {
      tokens.push({ type: char as '(' | ')' | '[' | ']', position: index, spaceBefore });
      index += 1;
    } else if (char === '"') {
      const start = index;
      index += 1;
      while (index < input.length && input.charAt(index) !== '"') {
        index += input.charAt(index) === '\\' ? 2 : 1;
      }
      if (index >= input.length) {
        throw badRequest(errorType, `Unterminated string starting at position ${start + 1}`);
      }
      index += 1;
      let value: unknown;
      try {
        value = JSON.parse(input.slice(start, index));
      } catch {
        throw badRequest(errorType, `Invalid string at position ${start + 1}`);
      }
      // A \ud800 escape decodes to a lone surrogate, which a PATCH could then store as U+FFFD.
      const text = String(value);
      if (!isWellFormedText(text)) {
        throw badRequest(
          errorType,
          `Invalid string at position ${start + 1}: not valid UTF-8 text`,
        );
      }
      tokens.push({ type: 'string', value: text, position: start, spaceBefore });
    } else {
      const start = index;
      while (index < input.length && !wordEnd.test(input.charAt(index))) index += 1;
      tokens.push({ type: 'word', text: input.slice(start, index), position: start, spaceBefore });
    }
    spaceBefore = false;
  }
  return tokens;
}

const attributeName = String.raw`(?:[A-Za-z][\w-]*|\$ref)`;
const attributePathPattern = new RegExp(
  String.raw`^(?:(.+):)?(${attributeName})(?:\.(${attributeName}))?$`,
);
const subAttributePattern = new RegExp(String.raw`^\.(${attributeName})$`);
const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function parseAttributePath(text: string, errorType: ScimType): AttributePath {
  const match = attributePathPattern.exec(text);
  const attribute = match?.[2];
  if (!match || attribute === undefined) {
    throw badRequest(errorType, `"${text}" is not a valid attribute path`);
  }
  const path: AttributePath = { attribute };
  if (match[1] !== undefined) path.schema = match[1];
  if (match[3] !== undefined) path.subAttribute = match[3];
  return path;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly errorType: ScimType,
  ) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  fail(message: string): never {
    throw badRequest(this.errorType, message);
  }

  unexpected(token: Token | undefined): never {
    if (!token) this.fail('Unexpected end of filter');
    const text = token.type === 'word' ? token.text : token.type === 'string' ? '"…"' : token.type;
    this.fail(`Unexpected "${text}" at position ${token.position + 1}`);
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  expect(type: '(' | ')' | '[' | ']'): void {
    const token = this.next();
    if (token?.type !== type) this.unexpected(token);
  }

  isKeyword(token: Token | undefined, keyword: string): boolean {
    return token?.type === 'word' && token.text.toLowerCase() === keyword;
  }

  parseFilter(insideValuePath: boolean): Filter {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail('Filter is nested too deeply');
    let left = this.parseAnd(insideValuePath);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(insideValuePath) };
    }
    this.depth -= 1;
    return left;
  }

  private parseAnd(insideValuePath: boolean): Filter {
    let left = this.parseUnary(insideValuePath);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary(insideValuePath) };
    }
    return left;
  }

  private parseUnary(insideValuePath: boolean): Filter {
    const token = this.peek();
    if (this.isKeyword(token, 'not') && this.tokens[this.index + 1]?.type === '(') {
      this.next();
      this.next();
      const filter = this.parseFilter(insideValuePath);
      this.expect(')');
      return { kind: 'not', filter };
    }
    if (token?.type === '(') {
      this.next();
      const filter = this.parseFilter(insideValuePath);
      this.expect(')');
      return filter;
    }
    return this.parseAttributeExpression(insideValuePath);
  }

  private parseAttributeExpression(insideValuePath: boolean): Filter {
    const token = this.next();
    if (token?.type !== 'word') this.unexpected(token);
    const path = parseAttributePath(token.text, this.errorType);
    const following = this.peek();
    if (following?.type === '[' && !following.spaceBefore) {
      if (insideValuePath) this.fail('Value filters cannot be nested');
      if (path.subAttribute !== undefined) {
        this.fail(`"${token.text}" cannot take a value filter: it is a sub-attribute`);
      }
      this.next();
      const inner = this.parseFilter(true);
      this.expect(']');
      // `emails[type eq "work"].value eq "x"` (as Microsoft Entra ID sends it) = an email that matches both.
      const sub = this.peek();
      if (sub?.type === 'word' && !sub.spaceBefore) {
        this.next();
        const subMatch = subAttributePattern.exec(sub.text);
        const subAttribute = subMatch?.[1];
        if (subAttribute === undefined) this.unexpected(sub);
        const condition = this.parseCondition({ attribute: subAttribute });
        return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: condition } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.parseCondition(path);
  }

  private parseCondition(path: AttributePath): Filter {
    const operatorToken = this.next();
    if (operatorToken?.type !== 'word') this.unexpected(operatorToken);
    const operator = operatorToken.text.toLowerCase();
    if (operator === 'pr') return { kind: 'present', path };
    if (!(compareOperators as readonly string[]).includes(operator)) {
      this.fail(
        `Unknown operator "${operatorToken.text}" at position ${operatorToken.position + 1}`,
      );
    }
    return {
      kind: 'compare',
      path,
      operator: operator as CompareOperator,
      value: this.parseValue(),
    };
  }

  private parseValue(): FilterValue {
    const token = this.next();
    if (token?.type === 'string') return token.value;
    if (token?.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      if (numberPattern.test(token.text)) return Number(token.text);
    }
    return this.unexpected(token);
  }
}

/** Parses a `filter` query parameter. Throws 400 invalidFilter. */
export function parseFilter(input: string): Filter {
  if (input.length > MAX_FILTER_LENGTH) {
    throw badRequest('invalidFilter', `Filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  const parser = new Parser(tokenize(input, 'invalidFilter'), 'invalidFilter');
  if (parser.done) throw badRequest('invalidFilter', 'Filter is empty');
  const filter = parser.parseFilter(false);
  if (!parser.done) parser.unexpected(parser.peek());
  return filter;
}

/** Parses a PATCH `path`. Throws 400 invalidPath (invalidFilter inside the brackets). */
export function parsePatchPath(input: string): PatchPath {
  const bracket = input.indexOf('[');
  if (bracket === -1) return { path: parseAttributePath(input.trim(), 'invalidPath') };
  const close = input.lastIndexOf(']');
  if (close < bracket) throw badRequest('invalidPath', `"${input}" is not a valid path`);
  const path = parseAttributePath(input.slice(0, bracket).trim(), 'invalidPath');
  if (path.subAttribute !== undefined) {
    throw badRequest('invalidPath', `"${input}" is not a valid path`);
  }
  const parser = new Parser(
    tokenize(input.slice(bracket + 1, close), 'invalidFilter'),
    'invalidFilter',
  );
  if (parser.done) throw badRequest('invalidFilter', `"${input}" has an empty filter`);
  const filter = parser.parseFilter(true);
  if (!parser.done) parser.unexpected(parser.peek());
  const rest = input.slice(close + 1).trim();
  if (rest !== '') {
    const subAttribute = subAttributePattern.exec(rest)?.[1];
    if (subAttribute === undefined)
      throw badRequest('invalidPath', `"${input}" is not a valid path`);
    path.subAttribute = subAttribute;
  }
  return { path, filter };
}
