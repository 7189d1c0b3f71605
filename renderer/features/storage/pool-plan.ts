// The pool delete plan in words: the core sends it as data (shared/model/storage.ts PoolDeletePlan).
import type { PoolDeletePlan } from '../../../shared/model/storage.js';
import { formatBytes } from '../../app/format.js';
import type { MessageKey, Translate } from '../../app/i18n/index.js';

const THEN: Partial<Record<string, MessageKey>> = {
  dir: 'pool.plan.then.dir',
  fs: 'pool.plan.then.fs',
  netfs: 'pool.plan.then.netfs',
  logical: 'pool.plan.then.logical',
};

export function poolPlanText(t: Translate, plan: PoolDeletePlan): string {
  const names = { pool: plan.pool, host: plan.host, target: plan.targetPath ?? '', source: plan.source ?? '' };
  const parts = [t(plan.stop ? 'pool.plan.removeStop' : 'pool.plan.remove', names)];
  if (!plan.deleteData) {
    const where = plan.targetPath ?? plan.source;
    parts.push(where ? t('pool.plan.keep', { where }) : t('pool.plan.keepHere'));
    return parts.join(' ');
  }
  const size = formatBytes(plan.volumes.reduce((s, v) => s + v.allocation, 0));
  parts.push(t('pool.plan.destroy', { count: plan.volumes.length, size }));
  const then = THEN[plan.type];
  if (then) parts.push(t(then, names));
  return parts.join(' ');
}
