// Who uses a volume, in the user's language: "VM web, snapshot web/s1, VM db (through /…/db.qcow2)".
import type { VolumeUser } from '../../../shared/model/storage.js';
import type { Translate } from '../../app/i18n/index.js';

export function describeVolumeUsers(t: Translate, users: readonly VolumeUser[]): string {
  return users
    .map((u) => {
      const who = t(`volumeUser.${u.kind}`, { name: u.name, vm: u.vm ?? '' });
      return u.via ? t('volumeUser.via', { who, via: u.via }) : who;
    })
    .join(', ');
}
