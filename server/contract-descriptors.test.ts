// The zod contracts (what the SPA and the server validate with) and the generated descriptors (what
// goes on the wire) must agree on every field's name, type and optionality, so neither can drift.
import { type DescField, type DescMessage, type DescMethod, ScalarType } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { procedures } from '../contracts/procedures.ts';
import { services } from './connect.ts';

interface Shape {
  kind: string;
  optional: boolean;
  fields?: Record<string, Shape>;
  element?: Shape;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodMiniType;
  in?: z.ZodMiniType;
  shape?: Record<string, z.ZodMiniType>;
  element?: z.ZodMiniType;
  options?: z.ZodMiniType[];
}

const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** What a zod schema accepts on input: optional/default and pipes unwrapped to their input side. */
function zodShape(schema: z.ZodMiniType, optional = false): Shape {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'default') && def.innerType) {
    return zodShape(def.innerType, true);
  }
  if (def.type === 'pipe' && def.in) return zodShape(def.in, optional);
  if (def.type === 'union' && def.options) {
    // pageSize: a number or its decimal string, as proto3 JSON reads an int32.
    const kinds = def.options.map((option) => zodShape(option).kind);
    return { kind: kinds.includes('number') ? 'number' : (kinds[0] ?? 'union'), optional };
  }
  if (def.type === 'object' && def.shape) {
    const fields: Record<string, Shape> = {};
    for (const [name, field] of Object.entries(def.shape)) fields[name] = zodShape(field);
    return { kind: 'object', optional, fields };
  }
  if (def.type === 'array' && def.element) {
    return { kind: 'array', optional, element: zodShape(def.element) };
  }
  return { kind: def.type, optional };
}

function scalarKind(scalar: ScalarType): string {
  if (scalar === ScalarType.STRING) return 'string';
  if (scalar === ScalarType.BOOL) return 'boolean';
  return 'number';
}

const wellKnownAsString = new Set(['google.protobuf.Timestamp', 'google.protobuf.Duration']);

/** The JSON kind of a field's value (one item for a list). */
function itemShape(field: DescField, kind: 'scalar' | 'enum' | 'message', depth: number): Shape {
  if (kind === 'scalar' && field.scalar !== undefined) {
    return { kind: scalarKind(field.scalar), optional: false };
  }
  if (kind === 'enum') return { kind: 'string', optional: false };
  const message = field.message;
  if (!message) throw new Error(`${field.name}: no message`);
  if (wellKnownAsString.has(message.typeName)) return { kind: 'string', optional: false };
  return descriptorShape(message, depth + 1);
}

function descriptorShape(message: DescMessage, depth = 0): Shape {
  if (depth > 8) throw new Error(`${message.typeName}: recursive`);
  const fields: Record<string, Shape> = {};
  for (const field of message.fields) {
    let shape: Shape;
    if (field.fieldKind === 'list') {
      shape = { kind: 'array', optional: true, element: itemShape(field, field.listKind, depth) };
    } else if (field.fieldKind === 'map') {
      shape = { kind: 'record', optional: true };
    } else {
      const item = itemShape(field, field.fieldKind, depth);
      // Explicit presence (`optional`, messages): may be absent. Implicit presence: a default.
      shape = { ...item, optional: field.presence !== 2 };
    }
    fields[field.jsonName] = shape;
  }
  return { kind: 'object', optional: false, fields };
}

/**
 * Names and kinds must match everywhere. Optionality: a field with explicit presence must be
 * optional in a request contract (the wire can leave it out); an implicit-presence field may be
 * required there (that is a validation rule, e.g. organizationId).
 */
function compare(wire: Shape, contract: Shape, path: string, request: boolean): string[] {
  const problems: string[] = [];
  if (wire.kind !== contract.kind) {
    return [`${path}: wire ${wire.kind}, contract ${contract.kind}`];
  }
  if (request && wire.optional && !contract.optional && wire.kind !== 'array') {
    problems.push(`${path}: optional on the wire, required by the contract`);
  }
  if (wire.fields && contract.fields) {
    const names = new Set([...Object.keys(wire.fields), ...Object.keys(contract.fields)]);
    for (const name of names) {
      const w = wire.fields[name];
      const c = contract.fields[name];
      const at = path ? `${path}.${name}` : name;
      if (!w) problems.push(`${at}: in the contract, not on the wire`);
      else if (!c) problems.push(`${at}: on the wire, not in the contract`);
      else problems.push(...compare(w, c, at, request));
    }
  }
  if (wire.element && contract.element) {
    problems.push(...compare(wire.element, contract.element, `${path}[]`, request));
  }
  return problems;
}

const methods = new Map<string, DescMethod>(
  services.flatMap((service) =>
    service.methods.map((method) => [`${service.typeName}/${method.name}`, method] as const),
  ),
);

describe.each(Object.values(procedures))('$path', (procedure) => {
  const method = methods.get(procedure.path);

  it('is declared in proto/ with the same idempotency', () => {
    expect(method).toBeDefined();
    // NO_SIDE_EFFECTS is 1 in google.protobuf.MethodOptions.IdempotencyLevel.
    expect(method?.idempotency === 1).toBe(procedure.safe);
  });

  it('has a request contract that agrees with the descriptor', () => {
    if (!method) throw new Error('not declared');
    const problems = compare(descriptorShape(method.input), zodShape(procedure.request), '', true);
    // Every request field Ona's message has is accepted (a valid field must never be refused).
    expect(problems).toEqual([]);
  });

  it('has a response contract that agrees with the descriptor', () => {
    if (!method) throw new Error('not declared');
    expect(
      compare(descriptorShape(method.output), zodShape(procedure.response), '', false),
    ).toEqual([]);
  });
});
