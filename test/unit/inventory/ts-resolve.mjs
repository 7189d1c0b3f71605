// Lets a plain `node` child process run the TypeScript sources: Node strips the types itself, and this hook maps the
// `.js` specifiers of relative imports (NodeNext style) to the `.ts` files next to them.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (err) {
      if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.\.?\/.*\.js$/.test(specifier)) throw err;
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context);
    }
  },
});
