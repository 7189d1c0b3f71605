// Schemas built on first use. Building the contract's ~170 calls' schemas with zod costs tens of milliseconds at
// every start of the core; a CLI command makes two or three calls. A schema declared as `lazySchema(() => …)` is a
// stand-in that builds the real schema the first time anything touches it (a parse, a method, zod reading it as a
// part of another schema) and then forwards everything to it, so code that uses it cannot tell the difference.
// `lazyCalls` does the same per contract entry: only the calls made build their schemas.

/** A stand-in for the schema `build` returns, built when first touched. */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => {
      const r = real();
      return Reflect.get(r, key, r);
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // The stand-in itself holds nothing: a property of the schema reads as configurable (a proxy may not report a
    // fixed property its empty target lacks).
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_target, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** An object of entries each made by its function the first time it is read (enumerable, like plain properties). */
export function lazyCalls<T extends Record<string, () => object>>(defs: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const calls = {};
  for (const [name, make] of Object.entries(defs)) {
    let made: object | undefined;
    Object.defineProperty(calls, name, { enumerable: true, get: () => (made ??= make()) });
  }
  return calls as { readonly [K in keyof T]: ReturnType<T[K]> };
}
