import { describe, expect, it } from 'vitest';
import {
  TypedParamType,
  XdrError,
  XdrReader,
  XdrWriter,
  readTypedParams,
  typedParamsToRecord,
  writeTypedParam,
  type TypedParam,
} from '../../../electron/libvirt/xdr/index.js';
import { xdr } from './fake-daemon.js';

const hex = (b: Buffer) => b.toString('hex');

describe('XDR encoding: known byte vectors (RFC 4506)', () => {
  it('encodes integers big-endian in 4 or 8 bytes', () => {
    expect(hex(xdr((w) => w.int(-1)))).toBe('ffffffff');
    expect(hex(xdr((w) => w.int(0x01020304)))).toBe('01020304');
    expect(hex(xdr((w) => w.uint(0xfffffffe)))).toBe('fffffffe');
    expect(hex(xdr((w) => w.hyper(-2n)))).toBe('fffffffffffffffe');
    expect(hex(xdr((w) => w.uhyper(2n ** 63n + 5n)))).toBe('8000000000000005');
    expect(hex(xdr((w) => w.uhyper(9_000_000)))).toBe('0000000000895440');
    expect(hex(xdr((w) => w.bool(true).bool(false)))).toBe('0000000100000000');
    expect(hex(xdr((w) => w.double(1.5)))).toBe('3ff8000000000000');
  });

  it('pads opaque data and strings to 4 bytes with zeros', () => {
    expect(hex(xdr((w) => w.string('abc')))).toBe('0000000361626300');
    expect(hex(xdr((w) => w.string('abcd')))).toBe('0000000461626364');
    expect(hex(xdr((w) => w.string('')))).toBe('00000000');
    expect(hex(xdr((w) => w.string('é')))).toBe('00000002c3a90000');
    expect(hex(xdr((w) => w.fixedOpaque(Buffer.from([1, 2, 3, 4, 5]), 5)))).toBe('0102030405000000');
    expect(hex(xdr((w) => w.opaque(Buffer.from([9]))))).toBe('0000000109000000');
  });

  it('encodes optional data as a bool then the value, arrays as a count then elements', () => {
    expect(hex(xdr((w) => w.optional(null, (x, v: number) => void x.int(v))))).toBe('00000000');
    expect(hex(xdr((w) => w.optional(7, (x, v) => void x.int(v))))).toBe('0000000100000007');
    expect(hex(xdr((w) => w.array([1, 2], (x, v) => void x.uint(v))))).toBe('000000020000000100000002');
  });

  it('rejects values that do not fit', () => {
    expect(() => new XdrWriter().int(2 ** 31)).toThrow(XdrError);
    expect(() => new XdrWriter().uint(-1)).toThrow(XdrError);
    expect(() => new XdrWriter().int(1.5)).toThrow(XdrError);
    expect(() => new XdrWriter().uhyper(-1n)).toThrow(XdrError);
    expect(() => new XdrWriter().fixedOpaque(Buffer.alloc(3), 16)).toThrow(XdrError);
  });

  it('grows its buffer past the initial size', () => {
    const w = new XdrWriter(4);
    for (let i = 0; i < 1000; i++) w.uint(i);
    const r = new XdrReader(w.finish());
    for (let i = 0; i < 1000; i++) expect(r.uint()).toBe(i);
    expect(r.remaining).toBe(0);
  });
});

describe('XDR decoding', () => {
  it('round-trips every type', () => {
    const bytes = xdr((w) =>
      w
        .int(-123)
        .uint(4_000_000_000)
        .hyper(-(2n ** 62n))
        .uhyper(2n ** 64n - 1n)
        .bool(true)
        .double(-0.25)
        .fixedOpaque(Buffer.from('0123456789abcdef'), 16)
        .opaque(Buffer.from([1, 2, 3]))
        .string('Grüße "quoted" 虚拟机')
        .optional('x', (x, v) => void x.string(v))
        .optional(null, (x, v: string) => void x.string(v))
        .array(['a', 'bb', 'ccc'], (x, v) => void x.string(v)),
    );
    const r = new XdrReader(bytes);
    expect(r.int()).toBe(-123);
    expect(r.uint()).toBe(4_000_000_000);
    expect(r.hyper()).toBe(-(2n ** 62n));
    expect(r.uhyper()).toBe(2n ** 64n - 1n);
    expect(r.bool()).toBe(true);
    expect(r.double()).toBe(-0.25);
    expect(r.fixedOpaque(16).toString()).toBe('0123456789abcdef');
    expect([...r.opaque()]).toEqual([1, 2, 3]);
    expect(r.string()).toBe('Grüße "quoted" 虚拟机');
    expect(r.optional((x) => x.string())).toBe('x');
    expect(r.optional((x) => x.string())).toBeNull();
    expect(r.array((x) => x.string())).toEqual(['a', 'bb', 'ccc']);
    expect(r.remaining).toBe(0);
  });

  it('throws on truncated input and absurd lengths instead of reading garbage', () => {
    expect(() => new XdrReader(Buffer.from('000000', 'hex')).int()).toThrow(XdrError);
    expect(() => new XdrReader(Buffer.from('0000000561626364', 'hex')).string()).toThrow(XdrError);
    expect(() => new XdrReader(Buffer.from('7fffffff', 'hex')).array((x) => x.int())).toThrow(XdrError);
    expect(() => new XdrReader(Buffer.from('00000002', 'hex')).bool()).toThrow(XdrError);
  });
});

describe('typed parameters', () => {
  const params: TypedParam[] = [
    { field: 'i', type: TypedParamType.INT, value: -5 },
    { field: 'ui', type: TypedParamType.UINT, value: 4_000_000_000 },
    { field: 'l', type: TypedParamType.LLONG, value: -(2n ** 40n) },
    { field: 'ul', type: TypedParamType.ULLONG, value: 2n ** 50n + 1n },
    { field: 'd', type: TypedParamType.DOUBLE, value: 0.5 },
    { field: 'b', type: TypedParamType.BOOLEAN, value: true },
    { field: 's', type: TypedParamType.STRING, value: 'vda' },
  ];

  it('encodes a known vector (field, type discriminant, value)', () => {
    expect(hex(xdr((w) => writeTypedParam(w, { field: 'state.state', type: 1, value: 1 })))).toBe(
      '0000000b' + Buffer.from('state.state').toString('hex') + '00' + '00000001' + '00000001',
    );
  });

  it('round-trips each union arm and flattens to a record', () => {
    const bytes = xdr((w) => w.array(params, writeTypedParam));
    const decoded = readTypedParams(new XdrReader(bytes));
    expect(decoded).toEqual(params);
    expect(typedParamsToRecord(decoded)).toEqual({
      i: -5,
      ui: 4_000_000_000,
      l: -(2 ** 40),
      ul: 2 ** 50 + 1,
      d: 0.5,
      b: true,
      s: 'vda',
    });
  });

  it('rejects an unknown type discriminant', () => {
    const bytes = xdr((w) => w.string('x').int(99).int(0));
    const list = Buffer.concat([xdr((w) => w.uint(1)), bytes]);
    expect(() => readTypedParams(new XdrReader(list))).toThrow(/unknown typed parameter type 99/);
  });
});
