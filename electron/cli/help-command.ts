// `virtdeck help [COMMAND…]`: the same page as `virtdeck COMMAND… --help`.
import { helpPage } from './help.js';
import { findPath } from './route.js';
import type { Run } from './table/types.js';

export const help: Run = async (ctx, args) => {
  ctx.out.stdout(helpPage(findPath(ctx.root, args.positionals)));
  return 0;
};
