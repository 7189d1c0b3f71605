// Errors in the user's language: the core reports {code, params} (shared/model/errors.ts); the words are the
// dictionary's `error.<code>`, with sizes, times and lists formatted here and nested causes worded the same way.
import { displayParams, type ErrorReport } from '../../shared/model/errors.js';
import { NETWORK_MODES, type NetworkMode } from '../../shared/model/network.js';
import { reportOf } from '../api/client.js';
import { useUi } from '../state/ui-slice.js';
import { formatBytes } from './format.js';
import { translate, type Translate } from './i18n/index.js';

export { reportOf };

/** The words of a report (without its field). */
export function wordReport(t: Translate, r: ErrorReport): string {
  const vars = displayParams(r, {
    size: formatBytes,
    time: (iso) => new Date(iso).toLocaleString(),
    join: (items) => (items.length ? items.join(t('error.listSeparator')) : t('error.none')),
    nested: (n) => wordReport(t, n),
    netMode: (mode) => ((NETWORK_MODES as readonly string[]).includes(mode) ? t(`net.mode.${mode as NetworkMode}`) : mode),
  });
  return t(`error.${r.code}`, vars);
}

/** Any thrown value in words (the field it is about, an input's key, is for placing it next to that input). */
export function errorText(t: Translate, err: unknown): string {
  return wordReport(t, reportOf(err));
}

/** errorText in the current language, for code outside React components (toasts, callbacks). */
export function errorMessage(err: unknown): string {
  const lang = useUi.getState().language;
  return errorText((key, vars) => translate(lang, key, vars), err);
}

/** A console's close reason: the report a channel failed with (as JSON), or the peer's own text. */
export function closeReasonText(t: Translate, reason: string): string {
  try {
    return wordReport(t, JSON.parse(reason) as ErrorReport);
  } catch {
    return reason;
  }
}
