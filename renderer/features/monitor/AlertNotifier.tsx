// Shows each live alert (fired or cleared) as a desktop notification, worded in the user's language.
import { useEffect } from 'react';
import { desktopNotify } from '../../app/desktop-notify.js';
import { useT } from '../../app/i18n/index.js';
import { useAlerts } from '../../state/alerts-slice.js';
import { alertText, alertTitle } from './alert-words.js';

export function AlertNotifier(): null {
  const t = useT();
  useEffect(
    () =>
      useAlerts.subscribe((s, prev) => {
        if (s.latest && s.latest !== prev.latest) desktopNotify(alertTitle(t, s.latest), alertText(t, s.latest));
      }),
    [t],
  );
  return null;
}
