// The CLI's English for a pool delete plan (the core sends it as data): what goes, what stays, what refuses it.
import { type PoolDeletePlan, userReports } from '../../shared/model/storage.js';
import { formatSize } from '../core/storage/sizes.js';
import { errorWords } from './error-words.js';

export function poolPlanWords(plan: PoolDeletePlan): string {
  const parts = [`Removes the definition of pool "${plan.pool}" on ${plan.host}${plan.stop ? ' (stopping it first)' : ''}.`];
  if (!plan.deleteData) {
    const where = plan.targetPath ?? plan.source;
    parts.push(`Its data stays${where ? ` in ${where}` : ''}; define the pool again to use it.`);
    return parts.join(' ');
  }
  const total = plan.volumes.reduce((s, v) => s + v.allocation, 0);
  const list = plan.volumes.length ? `: ${plan.volumes.map((v) => v.name).join(', ')}` : '';
  parts.push(`DESTROYS ${plan.volumes.length} volume(s) using ${formatSize(total)}${list}.`);
  const then: Partial<Record<string, string>> = {
    dir: `Then removes the directory ${plan.targetPath}.`,
    fs: `Then unmounts ${plan.source} and removes the mount point ${plan.targetPath}; the filesystem on the device stays.`,
    netfs: `The files are deleted on the server (${plan.source}); then the mount point ${plan.targetPath} is removed.`,
    logical: `Then removes the volume group (${plan.source}) and the LVM labels of its physical volumes.`,
  };
  if (then[plan.type]) parts.push(then[plan.type] as string);
  const used = plan.volumes.filter((v) => v.users.length);
  if (used.length) {
    const who = used.map((v) => `${v.name} by ${userReports(v.users).map(errorWords).join(', ')}`);
    parts.push(`REFUSED while in use: ${who.join('; ')}.`);
  }
  return parts.join(' ');
}
