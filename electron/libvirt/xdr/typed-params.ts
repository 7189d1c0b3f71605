// remote_typed_param: a named value whose type is a discriminated union (virTypedParameterType).
import type { XdrReader } from './reader.js';
import type { XdrWriter } from './writer.js';
import { XdrError } from './errors.js';

export const TypedParamType = {
  INT: 1,
  UINT: 2,
  LLONG: 3,
  ULLONG: 4,
  DOUBLE: 5,
  BOOLEAN: 6,
  STRING: 7,
} as const;

export type TypedParam =
  | { field: string; type: 1 | 2 | 5; value: number }
  | { field: string; type: 3 | 4; value: bigint }
  | { field: string; type: 6; value: boolean }
  | { field: string; type: 7; value: string };

export function readTypedParam(r: XdrReader): TypedParam {
  const field = r.string();
  const type = r.int();
  switch (type) {
    case TypedParamType.INT:
      return { field, type, value: r.int() };
    case TypedParamType.UINT:
      return { field, type, value: r.uint() };
    case TypedParamType.LLONG:
      return { field, type, value: r.hyper() };
    case TypedParamType.ULLONG:
      return { field, type, value: r.uhyper() };
    case TypedParamType.DOUBLE:
      return { field, type, value: r.double() };
    case TypedParamType.BOOLEAN:
      return { field, type, value: r.int() !== 0 };
    case TypedParamType.STRING:
      return { field, type, value: r.string() };
    default:
      throw new XdrError(`unknown typed parameter type ${type} for "${field}"`);
  }
}

export function writeTypedParam(w: XdrWriter, p: TypedParam): void {
  w.string(p.field).int(p.type);
  switch (p.type) {
    case TypedParamType.INT:
      w.int(p.value);
      break;
    case TypedParamType.UINT:
      w.uint(p.value);
      break;
    case TypedParamType.DOUBLE:
      w.double(p.value);
      break;
    case TypedParamType.LLONG:
      w.hyper(p.value);
      break;
    case TypedParamType.ULLONG:
      w.uhyper(p.value);
      break;
    case TypedParamType.BOOLEAN:
      w.int(p.value ? 1 : 0);
      break;
    case TypedParamType.STRING:
      w.string(p.value);
      break;
  }
}

export function readTypedParams(r: XdrReader): TypedParam[] {
  return r.array(readTypedParam);
}

/**
 * Flattens typed parameters into a plain record. 64-bit values become numbers: exact below 2^53,
 * which covers stats counters in practice (beyond that the relative error is ~1e-16).
 */
export function typedParamsToRecord(params: readonly TypedParam[]): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const p of params) out[p.field] = typeof p.value === 'bigint' ? Number(p.value) : p.value;
  return out;
}
