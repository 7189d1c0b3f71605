// alerts.* calls.
import type { HandlersOf } from '../calls.js';
import type { AlertService } from './alert-service.js';

export function alertHandlers(alerts: AlertService): HandlersOf<'alerts'> {
  return {
    'alerts.rules': async () => alerts.rules(),
    'alerts.setRule': async (rule) => alerts.setRule(rule),
    'alerts.targets': async () => alerts.targets(),
    'alerts.addTarget': async ({ spec }) => alerts.addTarget(spec),
    'alerts.removeTarget': async ({ id }) => alerts.removeTarget(id),
    'alerts.testTarget': async ({ id }) => alerts.testTarget(id),
    'alerts.history': async ({ limit, firing }) => alerts.history(limit, firing),
    'alerts.check': async () => alerts.check(),
  };
}
