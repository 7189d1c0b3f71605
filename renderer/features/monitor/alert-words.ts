// An alert's sentence and title in the user's language.
import type { AlertRecord } from '../../../shared/model/alerts.js';
import type { Translate } from '../../app/i18n/index.js';

export function alertText(t: Translate, a: AlertRecord): string {
  return t(`alert.text.${a.rule}`, { vm: '', ...a.params });
}

export function alertTitle(t: Translate, a: AlertRecord): string {
  return t(a.state === 'firing' ? 'alert.firing' : 'alert.cleared', { rule: t(`alert.rule.${a.rule}`) });
}
